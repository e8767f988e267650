package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.machine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the emulator's devices and /proc/self files give where qemu's differ by nature (addresses,
 * random bytes, the host's path of the program): /proc/self/maps in Linux's format with the names
 * of the areas, /dev/urandom seeded from sim.seed, /proc/self/exe inside the sandbox. The
 * properties that match qemu are compared with it by the differential test (programs/devices).
 */
final class GuestDevicesTest {
    private static final Path DEVICES = DifferentialTest.BIN.resolve("devices");
    /** A maps line as Linux writes it: the name, if any, starts at column 73. */
    private static final String LINE = "[0-9a-f]{8,}-[0-9a-f]{8,} [r-][w-][x-][ps] [0-9a-f]{8} [0-9a-f]{2}:[0-9a-f]{2} \\d+ "
            + "(| +\\S.*)";

    @TempDir
    Path tmp;

    private String run(Path root, String... args) {
        List<String> cmd = new ArrayList<>(List.of("run", "-q", "--root", root.toString()));
        cmd.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(cmd.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true), new PrintStream(err, true));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void mapsListsTheAreasAsLinuxWritesThem() {
        for (String profile : new String[] {"legoos", "local"}) {
            String maps = run(tmp, "--profile", profile, DEVICES.toString(), "maps");
            List<String> lines = maps.lines().toList();
            assertThat(lines).as(profile).allMatch(l -> l.matches(LINE));
            for (String l : lines) {
                if (l.length() > 72) {
                    assertThat(l.charAt(72)).as(l).isEqualTo(' ');
                    assertThat(l.charAt(73)).as(l).isNotEqualTo(' ');
                }
            }
            // The program's segments first, at its link address, with their file offsets.
            assertThat(lines.get(0)).startsWith("00010000-").contains(" r-xp 00000000 ").endsWith(" /devices");
            assertThat(lines.get(1)).contains(" r--p ").endsWith(" /devices");
            assertThat(maps).containsPattern("(?m)^[0-9a-f]+-[0-9a-f]+ rw-p 00000000 00:00 0 +\\[heap\\]$");
            assertThat(lines.get(lines.size() - 1))
                    .isEqualTo("3fff7ff000-3ffffff000 rw-p 00000000 00:00 0                              [stack]");
            // Made from the same mirror on both machines, so alike.
            assertThat(maps).isEqualTo(run(tmp, "--profile", "local", DEVICES.toString(), "maps"));
        }
    }

    @Test
    void urandomIsSeededBySimSeed() {
        String a = run(tmp, DEVICES.toString(), "random", "32");
        assertThat(a).matches("[0-9a-f]{64}\n");
        assertThat(run(tmp, "--profile", "local", DEVICES.toString(), "random", "32")).isEqualTo(a);
        assertThat(run(tmp, "--seed", "7", DEVICES.toString(), "random", "32")).isNotEqualTo(a);
        assertThat(run(tmp, "--seed", "7", DEVICES.toString(), "random", "32"))
                .isEqualTo(run(tmp, "--seed", "7", DEVICES.toString(), "random", "32"));
    }

    @Test
    void procSelfExeIsTheProgramInsideTheSandbox() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root/bin"));
        Path copy = Files.copy(DEVICES, root.resolve("devices"));
        assertThat(run(tmp.resolve("root"), copy.toString(), "exe")).isEqualTo("/bin/devices -1 Text file busy\n");
        // A program outside the sandbox shows by its file name at the root.
        assertThat(run(tmp, DEVICES.toString(), "exe")).isEqualTo("/devices -1 Text file busy\n");
    }

    @Test
    void aHostFolderNamedDevIsHiddenByTheEmulatorsOwn() throws IOException {
        Files.createDirectories(tmp.resolve("dev"));
        Files.writeString(tmp.resolve("dev/urandom"), "not random at all");
        assertThat(run(tmp, DEVICES.toString(), "random", "17")).doesNotContain("6e6f742072616e646f6d");
    }
}
