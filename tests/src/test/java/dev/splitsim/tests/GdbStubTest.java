package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.machine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real gdb-multiarch against {@code splitsim run --gdb 0}: breakpoints, integer and FP
 * registers read and written, memory read and written, stepi, the monitor commands and a
 * continue to the guest's exit, whose status the memory write changed.
 */
final class GdbStubTest {
    private static final Pattern LISTENING = Pattern.compile("waiting for gdb on 127\\.0\\.0\\.1:(\\d+)");
    private static final long PATIENCE_MS = 30_000;

    @TempDir
    Path tmp;

    /** {@code splitsim run} in a thread of this JVM, its streams captured. */
    private static final class Run {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final AtomicInteger status = new AtomicInteger(-1);
        final Thread thread;

        Run(String... args) {
            thread = new Thread(() -> status.set(Main.run(args, new ByteArrayInputStream(new byte[0]),
                    new PrintStream(out, true), new PrintStream(err, true))), "splitsim-under-gdb");
            thread.setDaemon(true);
            thread.start();
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        int port() throws InterruptedException {
            long deadline = System.currentTimeMillis() + PATIENCE_MS;
            while (System.currentTimeMillis() < deadline) {
                Matcher m = LISTENING.matcher(err());
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
                if (!thread.isAlive()) {
                    break;
                }
                Thread.sleep(20);
            }
            throw new AssertionError("the stub never said where it listens; stderr:\n" + err());
        }
    }

    private static String gdb(Path program, int port, String... commands) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("gdb-multiarch", "-batch", "-nx", "-ex", "set confirm off", "-ex",
                "target remote 127.0.0.1:" + port));
        for (String c : commands) {
            cmd.add("-ex");
            cmd.add(c);
        }
        cmd.add(program.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        byte[] output = p.getInputStream().readAllBytes();
        assertThat(p.waitFor(PATIENCE_MS, TimeUnit.MILLISECONDS)).as("gdb finished").isTrue();
        return new String(output, StandardCharsets.UTF_8);
    }

    @Test
    void gdbDebugsTheGuestToItsExit() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("gdb-multiarch"), "gdb-multiarch is not installed: skipping");
        Path probe = ProbeProgram.build(tmp);
        Run run = new Run("run", "-q", "--gdb", "0", probe.toString());
        String g = gdb(probe, run.port(),
                "break sum", "continue", "info registers ra", "x/4xw table+512",
                "p $a1", "set $a1 = 1024", "p $a1",
                "set $fa1 = 2.5", "p $fa1",
                "x/1dg &counter", "set {int}&counter = 42", "x/1dw &counter",
                "p/x $pc", "stepi", "p/x $pc",
                "monitor fabric", "monitor excache", "monitor stats",
                "break scaled", "continue", "finish", "p $fa0",
                "continue");
        run.thread.join(PATIENCE_MS);
        assertThat(run.thread.isAlive()).as("splitsim still running; gdb said:\n%s", g).isFalse();

        assertThat(g).containsPattern("Breakpoint 1 at 0x[0-9a-f]+: file .*probe.c, line 8\\.");
        assertThat(g).containsPattern("Breakpoint 1, sum \\(a=0x[0-9a-f]+ <table>, n=8192\\) at .*probe.c:8");
        assertThat(g).containsPattern("ra +0x[0-9a-f]+\\s+0x[0-9a-f]+ <main\\+\\d+>\n");
        // table + 512 is &table[512] (byte offset 4096), which main set to 512; table[513] is still zero.
        assertThat(g).containsPattern("<table\\+4096>:\\s+0x00000200\\s+0x00000000\\s+0x00000000\\s+0x00000000\n");
        // a1 holds n on entry; a write to it reads back.
        assertThat(g).containsPattern("\\$1 = 8192\n").containsPattern("\\$2 = 1024\n");
        assertThat(g).containsPattern("\\$3 = \\{float = [^,]+, double = 2\\.5}");
        // main stored 7 in counter before the call; the write makes it 42.
        assertThat(g).containsPattern("<counter>:\\s+7\n").containsPattern("<counter>:\\s+42\n");
        Matcher pcs = Pattern.compile("\\$[45] = 0x([0-9a-f]+)\n").matcher(g);
        assertThat(pcs.find()).as(g).isTrue();
        long before = Long.parseLong(pcs.group(1), 16);
        assertThat(pcs.find()).as(g).isTrue();
        long after = Long.parseLong(pcs.group(1), 16);
        assertThat(after - before).as("stepi moves one instruction (2 or 4 bytes)").isIn(2L, 4L);

        assertThat(g).containsPattern("fabric: \\d+ messages, \\d+ bytes so far; the last ones:\n  #\\d+ ");
        assertThat(g).containsPattern("ExCache 262144 KiB: 1024 sets x 64 ways, policy fifo; \\d+ accesses");
        assertThat(g).containsPattern("cpu\\.instructions +\\d+ insts").containsPattern("excache\\.misses +\\d+");

        assertThat(g).containsPattern("Breakpoint 2, scaled \\(v=61440\\) at .*probe.c:16");
        assertThat(g).containsPattern("Value returned is \\$\\d+ = 92160\n");
        assertThat(g).containsPattern("\\$\\d+ = \\{float = [^,]+, double = 92160}");
        assertThat(g).contains("[Inferior 1 (Remote target) exited with code 052]");

        assertThat(run.out.toString(StandardCharsets.UTF_8)).isEqualTo("sum 61440 scaled 92160.0 counter 42\n");
        assertThat(run.status.get()).as("the guest's exit status; stderr:\n%s", run.err()).isEqualTo(42);
    }

    @Test
    void gdbBreakpointsWrittenIntoMemoryWorkToo() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("gdb-multiarch"), "gdb-multiarch is not installed: skipping");
        Path probe = ProbeProgram.build(tmp);
        Run run = new Run("run", "-q", "--gdb", "0", probe.toString());
        // Without Z packets gdb writes ebreak into the code and restores it at each stop.
        String g = gdb(probe, run.port(), "set remote software-breakpoint-packet off", "break scaled", "continue",
                "bt", "continue");
        run.thread.join(PATIENCE_MS);
        assertThat(g).containsPattern("Breakpoint 1, scaled \\(v=61440\\) at .*probe.c:16");
        assertThat(g).containsPattern("#1  0x[0-9a-f]+ in main \\(\\) at .*probe.c:25");
        assertThat(g).contains("[Inferior 1 (Remote target) exited with code 07]");
        assertThat(run.out.toString(StandardCharsets.UTF_8)).isEqualTo(ProbeProgram.OUTPUT);
        assertThat(run.status.get()).isEqualTo(7);
    }

    /** A packet as gdb frames it: {@code $data#checksum}. */
    private static byte[] packet(String data) {
        int sum = 0;
        for (char c : data.toCharArray()) {
            sum += c;
        }
        return String.format("$%s#%02x", data, sum & 0xff).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** Reads what the stub sends up to the end of one packet (its checksum), acknowledgement included. */
    private static String reply(java.io.InputStream in) throws java.io.IOException {
        StringBuilder b = new StringBuilder();
        int hashAt = -1;
        while (hashAt < 0 || b.length() < hashAt + 3) {
            int c = in.read();
            if (c < 0) {
                break;
            }
            b.append((char) c);
            if (c == '#' && hashAt < 0) {
                hashAt = b.length() - 1;
            }
        }
        return b.toString();
    }

    /** Closes with SO_LINGER 0, so the stub sees a reset, not an orderly end of the connection. */
    private static void reset(java.net.Socket s) throws java.io.IOException {
        s.setSoLinger(true, 0);
        s.close();
    }

    private static List<String> lines(Run run) {
        return run.err().lines().toList();
    }

    @Test
    void aResetConnectionIsADetachAndTheProgramRunsToItsEnd() throws Exception {
        Run run = new Run("run", "-q", "--gdb", "0", DifferentialTest.BIN.resolve("hello").toString());
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", run.port())) {
            s.getOutputStream().write(packet("?"));
            assertThat(reply(s.getInputStream())).isEqualTo("+$S05#b8");
            s.getOutputStream().write('+');
            reset(s);
        }
        run.thread.join(PATIENCE_MS);
        assertThat(run.thread.isAlive()).isFalse();
        assertThat(run.status.get()).as(run.err()).isZero();
        assertThat(run.out.toString(StandardCharsets.UTF_8)).isEqualTo("Hello from splitsim!\n");
        assertThat(lines(run)).hasSize(2);
        assertThat(lines(run).get(1)).matches("splitsim: lost the connection to gdb \\(connection reset[^)]*\\);"
                + " the program runs on as after a detach");
    }

    @Test
    void aResetWhileTheProgramRunsIsNoticedAndItsLimitStillHolds() throws Exception {
        Run run = new Run("run", "-q", "--max-instructions", "20000000", "--gdb", "0",
                DifferentialTest.REPO.resolve("programs/faults/bin/spin").toString());
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", run.port())) {
            s.getOutputStream().write(packet("c"));
            assertThat(s.getInputStream().read()).isEqualTo('+');
            reset(s);
        }
        run.thread.join(PATIENCE_MS);
        assertThat(run.thread.isAlive()).as("the endless loop was left running under a dead connection").isFalse();
        assertThat(run.status.get()).as(run.err()).isEqualTo(124);
        assertThat(lines(run)).hasSize(3);
        assertThat(lines(run).get(1)).startsWith("splitsim: lost the connection to gdb (connection reset");
        assertThat(lines(run).get(2)).startsWith("splitsim: stopped after 20000000 instructions");
    }

    @Test
    void aClosedConnectionWhileTheProgramRunsIsADetach() throws Exception {
        Run run = new Run("run", "-q", "--max-instructions", "20000000", "--gdb", "0",
                DifferentialTest.REPO.resolve("programs/faults/bin/spin").toString());
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", run.port())) {
            s.getOutputStream().write(packet("c"));
            assertThat(s.getInputStream().read()).isEqualTo('+');
            // All that came is read, so the close is an orderly one.
            s.shutdownOutput();
        }
        run.thread.join(PATIENCE_MS);
        assertThat(run.thread.isAlive()).isFalse();
        assertThat(run.status.get()).as(run.err()).isEqualTo(124);
        assertThat(lines(run)).containsExactly(lines(run).get(0),
                "splitsim: gdb closed the connection; the program runs on as after a detach",
                lines(run).get(2));
        assertThat(lines(run).get(2)).startsWith("splitsim: stopped after 20000000 instructions");
    }

    @Test
    void aGuestFaultUnderGdbIsReportedOnce() throws Exception {
        String nullptr = DifferentialTest.REPO.resolve("programs/faults/bin/nullptr").toString();
        Run run = new Run("run", "-q", "--gdb", "0", nullptr);
        try (java.net.Socket s = new java.net.Socket("127.0.0.1", run.port())) {
            s.getOutputStream().write(packet("c"));
            // SIGSEGV is signal 11: the process ended with it.
            assertThat(reply(s.getInputStream())).isEqualTo("+$X0b#ea");
            s.getOutputStream().write('+');
        }
        run.thread.join(PATIENCE_MS);
        assertThat(run.status.get()).as(run.err()).isEqualTo(139);
        assertThat(lines(run)).hasSize(2);
        assertThat(lines(run).get(1)).startsWith("splitsim: guest fault: segmentation fault")
                .contains("pc=0x", "addr=0x0 ");
    }

    @Test
    void aBadPortIsOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"run", "--gdb", "70000", DifferentialTest.BIN.resolve("hello").toString()},
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("splitsim: --gdb: port must be 0..65535, got 70000\n");
    }
}
