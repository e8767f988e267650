package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.config.Config;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.cli.Main;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.config.Profiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * File system calls end to end: on the split machine a file's bytes reach the storage monitor only
 * in a P2S_WRITE's payload and come back only in an S2P_REPLY's, so a byte changed on the wire
 * changes what the program reads; the guest cannot create or reach files outside its root through
 * symbolic links made on the host; huge sizes over valid buffers behave as in Linux.
 */
final class FileSystemCallsTest {
    private static final Path FILES = DifferentialTest.BIN.resolve("files");
    private static final Path TOUCH = DifferentialTest.BIN.resolve("touch");
    private static final Path BADPTR = DifferentialTest.BIN.resolve("badptr");
    private static final byte[] LINE_50 = "line 050".getBytes(StandardCharsets.US_ASCII);
    private static final String[] PROFILES = {"legoos", "local"};

    @TempDir
    Path tmp;

    /** Runs {@code program} with {@code args} on a machine of {@code profile}, the hook seeing the fabric. */
    private String run(String profile, Path root, Consumer<dev.splitsim.fabric.net.Message> hook, Path program,
            String... args) {
        Config config = Profiles.load(profile, List.of());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true);
        List<String> argv = new ArrayList<>(List.of(program.toString()));
        argv.addAll(List.of(args));
        ProcessSpec spec = new ProcessSpec(program, program.toString(), argv, List.of(),
                new ByteArrayInputStream(new byte[0]), stdout, new PrintStream(new ByteArrayOutputStream()), false,
                false, false, root, config.getLong(MachineKeys.SIM_SEED), false);
        Machine m = Machine.load(config, spec);
        if (hook != null) {
            m.fabric().setInFlightHook(hook);
        }
        m.run(new RunLimits(0, 0));
        stdout.flush();
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Flips the first letter of "line 050" in the first message of {@code type} carrying it. */
    private static Consumer<dev.splitsim.fabric.net.Message> corruptFirst(MessageType type, int[] count) {
        return msg -> {
            if (msg.type() == type && count[0] == 0) {
                int at = Tools.indexOf(msg.data(), msg.dataLength(), LINE_50);
                if (at >= 0) {
                    msg.data()[at] = 'J';
                    count[0]++;
                }
            }
        };
    }


    private Path freshRoot(String name) throws IOException {
        return Files.createDirectories(tmp.resolve(name));
    }

    @Test
    void aFileByteCorruptedInAWriteRequestIsWhatTheFileHolds() throws IOException {
        String clean = run("legoos", freshRoot("clean"), null, FILES);
        assertThat(clean).contains("at line 50: line 050 of the file\n");
        int[] corrupted = {0};
        String damaged = run("legoos", freshRoot("write"), corruptFirst(MessageType.P2S_WRITE, corrupted), FILES);
        assertThat(corrupted[0]).isEqualTo(1);
        assertThat(damaged).isEqualTo(clean.replace("at line 50: line 050", "at line 50: Jine 050"));
    }

    @Test
    void aFileByteCorruptedInAReadReplyIsWhatTheProgramReads() throws IOException {
        String clean = run("legoos", freshRoot("clean"), null, FILES);
        int[] corrupted = {0};
        String damaged = run("legoos", freshRoot("reply"), corruptFirst(MessageType.S2P_REPLY, corrupted), FILES);
        assertThat(corrupted[0]).isEqualTo(1);
        assertThat(damaged).isEqualTo(clean.replace("at line 50: line 050", "at line 50: Jine 050"));
        assertThat(run("local", freshRoot("local"), null, FILES)).isEqualTo(clean);
    }

    @Test
    void filesMoveAsStorageMessagesWithTheirBytesAsPayload() throws IOException {
        Path stats = tmp.resolve("stats.json");
        int status = Main.run(new String[] {"run", "-q", "--root", freshRoot("stats").toString(), "--stats-json",
            stats.toString(), FILES.toString()}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(new ByteArrayOutputStream()));
        assertThat(status).isZero();
        var s = Tools.flatJson(Files.readString(stats));
        // 100 lines of 21 bytes written, then read back: the bytes ride in payloads both ways.
        long header = MessageType.P2S_WRITE.headerBytes();
        assertThat(s.get("fabric.bytes.p2s_write").longValue())
                .isEqualTo(2100 + 2 + s.get("fabric.messages.p2s_write").longValue() * header);
        assertThat(s.get("fabric.bytes.s2p_reply").longValue()).isGreaterThan(2100 + 21);
        assertThat(s.get("fabric.messages.p2s_readdir").longValue()).isPositive();
        long requests = 0;
        for (MessageType t : MessageType.values()) {
            if (t.name().startsWith("P2S_")) {
                requests += s.get("fabric.messages." + t.name().toLowerCase()).longValue();
            }
        }
        assertThat(s.get("fabric.messages.s2p_reply").longValue()).isEqualTo(requests);
        assertThat(s.get("storage.device_writes").longValue()).isEqualTo(2102);
    }

    @Test
    void linksOutOfTheRootNeitherCreateNorReachFilesOutside() throws IOException {
        for (String profile : PROFILES) {
            Path outside = Files.createDirectories(tmp.resolve(profile + "-outside"));
            Path secret = Files.writeString(outside.resolve("secret.txt"), "secret");
            Path root = freshRoot(profile + "-root");
            Files.createDirectories(root.resolve("sub"));
            Files.createSymbolicLink(root.resolve("dangling-out"), outside.resolve("made-outside.txt"));
            Files.createSymbolicLink(root.resolve("sub/dangling-relative-out"), Path.of("../../" + profile
                    + "-outside/made-relative.txt"));
            Files.createSymbolicLink(root.resolve("existing-out"), secret);
            Files.createSymbolicLink(root.resolve("dir-out"), outside);
            Files.createSymbolicLink(root.resolve("dangling-in"), Path.of("sub/made-inside.txt"));
            Files.createSymbolicLink(root.resolve("absolute-in"), root.toRealPath().resolve("sub/absolute.txt"));
            String out = run(profile, root, null, TOUCH, "dangling-out", "sub/dangling-relative-out", "existing-out",
                    "dir-out/new.txt", "dir-out/secret.txt", "dangling-in", "absolute-in", "plain.txt");
            assertThat(out).as(profile).isEqualTo(String.join("\n",
                    "dangling-out: Permission denied",
                    "sub/dangling-relative-out: Permission denied",
                    "existing-out: Permission denied",
                    "dir-out/new.txt: Permission denied",
                    "dir-out/secret.txt: Permission denied",
                    "dangling-in: ok",
                    "absolute-in: ok",
                    "plain.txt: ok") + "\n");
            try (var listing = Files.list(outside)) {
                assertThat(listing.map(p -> p.getFileName().toString())).as(profile).containsExactly("secret.txt");
            }
            assertThat(Files.readString(secret)).isEqualTo("secret");
            assertThat(Files.readString(root.resolve("sub/made-inside.txt"))).isEqualTo("dangling-in");
            assertThat(Files.readString(root.resolve("sub/absolute.txt"))).isEqualTo("absolute-in");
            assertThat(Files.isSymbolicLink(root.resolve("dangling-in"))).isTrue();
        }
    }

    @Test
    void hugeSizesOverValidBuffersAreClampedAsLinuxDoes() throws IOException {
        for (String profile : PROFILES) {
            assertThat(run(profile, freshRoot(profile + "-badptr"), null, BADPTR, "linux")).as(profile)
                    .isEqualTo(String.join("\n",
                            "read huge count                    37",
                            "pread huge count                   27",
                            "write past the mapping             1048576",
                            "size after it                      1048576",
                            "getdents64 huge count              entries",
                            "readv 1024 segments                4",
                            "nanosleep wrapping                 -1 EFAULT") + "\n");
        }
    }
}
