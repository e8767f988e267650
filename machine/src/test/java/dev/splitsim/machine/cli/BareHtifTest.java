package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.splitsim.cpu.mem.FlatMemory;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** HTIF proxy calls in bare-metal mode: programs/bare/htif, and the proxy on hand-made requests. */
final class BareHtifTest {
    private static final String OUTPUT = "hello from bare metal\nprimes below 20000: 2262\nwrite to fd 7: EBADF\n"
            + "console ok\n";


    private static String program() {
        return TestPrograms.locate("programs/bare/bin/htif").toString();
    }

    @Test
    void proxiedWritesAndTheConsoleReachTheStreams() {
        for (String timing : new String[] {"off", "on"}) {
            CliRun r = CliRun.of("run", "--bare", "-q", "--timing", timing, program());
            assertThat(r.status()).as("timing " + timing + ": " + r.err()).isZero();
            assertThat(r.out()).isEqualTo(OUTPUT);
            assertThat(r.err()).isEqualTo("done\n");
        }
    }

    @Test
    void statsFilesDescribeTheBareRun(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("s.json");
        Path text = dir.resolve("s.txt");
        CliRun r = CliRun.of("run", "--bare", "-q", "--timing", "on", "--stats-json", json.toString(), "--stats", text.toString(),
                program());
        assertThat(r.status()).as(r.err()).isZero();
        String j = Files.readString(json);
        assertThat(j).contains("\"program.path\": \"" + program() + "\"", "\"config.cpu.timing\": \"true\"",
                "\"htif.calls\": 18", "\"htif.bytes_written\": 84", "\"l1d.hits\"");
        assertThat(j).containsPattern("\"cpu.instructions\": [1-9][0-9]{6},");
        assertThat(j.strip()).startsWith("{").endsWith("}");
        assertThat(Files.readString(text)).contains("# effective configuration", "htif.calls");
    }

    private static final long RAM = 0x8000_0000L;
    private static final long TOHOST = RAM + 0x1000;
    private static final long FROMHOST = RAM + 0x1008;
    private static final long BLOCK = RAM + 0x2000;

    private static HtifProxy proxy(FlatMemory ram, ByteArrayOutputStream out, long fromhost) {
        return new HtifProxy(ram, TOHOST, fromhost, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);
    }

    @Test
    void theProxyAnswersInTheBlockAndFromhost() {
        FlatMemory ram = new FlatMemory(RAM, 1 << 20);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        HtifProxy htif = proxy(ram, out, FROMHOST);
        assertThat(htif.serve(0)).isEqualTo(HtifProxy.RUNNING);
        ram.write(BLOCK + 64, "hi".getBytes(StandardCharsets.US_ASCII), 0, 2);
        long[] call = {64, 1, BLOCK + 64, 2};
        for (int i = 0; i < call.length; i++) {
            ram.writeLong(BLOCK + 8L * i, call[i]);
        }
        ram.writeLong(TOHOST, BLOCK);
        assertThat(htif.serve(0)).isEqualTo(HtifProxy.RUNNING);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("hi");
        assertThat(ram.readLong(BLOCK)).isEqualTo(2);
        assertThat(ram.readLong(FROMHOST)).isEqualTo(1);
        assertThat(ram.readLong(TOHOST)).isZero();
        ram.writeLong(BLOCK, 64);
        ram.writeLong(BLOCK + 24, 1L << 40);
        ram.writeLong(TOHOST, BLOCK);
        htif.serve(0);
        assertThat(ram.readLong(BLOCK)).as("a buffer past RAM").isEqualTo(-14);
        ram.writeLong(TOHOST, 1L << 56 | 1L << 48 | '!');
        htif.serve(0);
        assertThat(out.toString(StandardCharsets.US_ASCII)).isEqualTo("hi!");
        assertThat(ram.readLong(FROMHOST)).isEqualTo(1L << 56 | 1L << 48);
        ram.writeLong(TOHOST, 7 << 1 | 1);
        assertThat(htif.serve(0)).isEqualTo(7);
        assertThat(htif.calls()).isEqualTo(3);
        assertThat(htif.bytesWritten()).isEqualTo(3);
    }

    @Test
    void requestsItCannotServeAreOneLine() {
        FlatMemory ram = new FlatMemory(RAM, 1 << 20);
        HtifProxy htif = proxy(ram, new ByteArrayOutputStream(), FROMHOST);
        ram.writeLong(BLOCK, 57);
        ram.writeLong(TOHOST, BLOCK);
        assertThatThrownBy(() -> htif.serve(0x80000010L)).isInstanceOf(UserError.class)
                .hasMessage("unsupported HTIF system call 57 at pc=0x80000010 (write and exit are served)");
        ram.writeLong(TOHOST, 3L << 56 | 5);
        assertThatThrownBy(() -> htif.serve(0)).hasMessageContaining("unsupported HTIF request 0x300000000000005");
        HtifProxy mute = proxy(ram, new ByteArrayOutputStream(), -1);
        ram.writeLong(TOHOST, BLOCK);
        assertThatThrownBy(() -> mute.serve(0)).hasMessageContaining("no 'fromhost' symbol");
        ram.writeLong(TOHOST, 1);
        assertThat(mute.serve(0)).as("an exit needs no answer").isZero();
    }
}
