package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Rough edges a newcomer met: each now says what is wrong, in one line, before or instead of a puzzle. */
final class NewcomerTest {
    private static final String HELLO = DifferentialTest.REPO.resolve("programs/bin/hello").toString();

    @TempDir
    Path tmp;

    private static InProcess run(String... args) {
        return InProcess.run(args);
    }

    @Test
    void aKeyTheAllLocalMachineDoesNotUseIsWarnedAbout() {
        InProcess r = run("run", "-q", "--profile", "local", "--set", "excache.size=16MiB", "--set",
                "fabric.link_bandwidth=100Gbps", "--set", "cpu.cores=2", HELLO);
        assertThat(r.status()).isZero();
        assertThat(r.stderr()).isEqualTo("splitsim: warning: the monolithic machine has no use for excache.size (--set),"
                + " fabric.link_bandwidth (--set): those keys are for the split machine's ExCache, fabric and components"
                + " (--profile legoos)\n");
        // The split machine uses them, and the local machine's own keys draw no warning.
        assertThat(run("run", "-q", "--set", "excache.size=16MiB", HELLO).stderr()).isEmpty();
        assertThat(run("run", "-q", "--profile", "local", "--set", "cpu.cores=2", HELLO).stderr()).isEmpty();
        InProcess sweep = run("sweep", "-q", "--profile", "local", "--set", "excache.size=1MiB,2MiB", "--out",
                tmp.resolve("s").toString(), HELLO);
        assertThat(sweep.stderr()).startsWith("splitsim: warning: the monolithic machine has no use for excache.size");
    }

    @Test
    void aProfileFileWithoutIncludeSaysWhichMachineItIs() throws IOException {
        Path bare = Files.writeString(tmp.resolve("bare.profile"), "cpu.cores = 2\n");
        InProcess r = run("run", "-q", "--profile", bare.toString(), HELLO);
        assertThat(r.status()).isZero();
        assertThat(r.stderr()).isEqualTo("splitsim: warning: profile " + bare + " includes no other profile, so every"
                + " key it does not set keeps its built-in default: that is the monolithic machine (all memory local)"
                + " with the defaults of --show-config; start it with 'include legoos' or 'include local' to change one"
                + " of those machines\n");
        Path based = Files.writeString(tmp.resolve("based.profile"), "include legoos\ncpu.cores = 2\n");
        assertThat(run("run", "-q", "--profile", based.toString(), HELLO).stderr()).isEmpty();
    }

    @Test
    void aGuestBuiltForZbaAndZbbIsToldWhichExtension() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("riscv64-linux-gnu-gcc"), "riscv64-linux-gnu-gcc is not installed: skipping");
        Path src = Files.writeString(tmp.resolve("bits.c"), "#include <stdlib.h>\n"
                + "int main(int c, char **v) { unsigned long x = strtoul(v[c - 1], 0, 10);\n"
                + "  return __builtin_popcountl(x) + (int) ((x << 3) + (unsigned long) c); }\n");
        Path bits = tmp.resolve("bits");
        Process p = new ProcessBuilder("riscv64-linux-gnu-gcc", "-O2", "-static", "-march=rv64gc_zba_zbb", "-o",
                bits.toString(), src.toString()).redirectErrorStream(true).start();
        assertThat(p.waitFor()).isZero();
        InProcess r = run("run", "-q", bits.toString(), "12345");
        assertThat(r.status()).isEqualTo(128 + 4);
        assertThat(r.stderr()).matches("splitsim: guest fault: illegal instruction at pc=0x[0-9a-f]+ addr=0x[0-9a-f]+"
                + " \\(\\.word 0x[0-9a-f]+; [a-z0-9.]+, of the Zb[ab] extension, which splitsim does not implement:"
                + " build with -march=rv64gc\\)\n");
    }

    @Test
    void launchesStartedTogetherBuildTheJarOnce() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("bash") && Tools.onPath("flock"), "bash or flock is not installed: skipping");
        // The launcher in a folder of its own, with a source newer than any jar, and stand-ins for
        // mvn (slow, counting its builds) and java.
        Path home = tmp.resolve("home");
        Files.createDirectories(home.resolve("machine/src/main"));
        Files.copy(DifferentialTest.REPO.resolve("splitsim"), home.resolve("splitsim"));
        Files.writeString(home.resolve("machine/src/main/Source.java"), "class Source {}\n");
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        executable(bin.resolve("mvn"), "#!/bin/sh\necho build >> \"" + tmp.resolve("builds") + "\"\nsleep 1\n"
                + "mkdir -p machine/target && touch machine/target/splitsim.jar\n");
        executable(bin.resolve("java"), "#!/bin/sh\necho ran\n");
        List<Process> launches = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ProcessBuilder b = new ProcessBuilder("bash", home.resolve("splitsim").toString()).redirectErrorStream(true);
            b.environment().put("PATH", bin + ":" + System.getenv("PATH"));
            launches.add(b.start());
        }
        for (Process p : launches) {
            String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue()).as(said).isZero();
            assertThat(said).endsWith("ran\n");
        }
        assertThat(Files.readAllLines(tmp.resolve("builds"))).containsExactly("build");
    }

    private static void executable(Path file, String text) throws IOException {
        Files.writeString(file, text);
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
