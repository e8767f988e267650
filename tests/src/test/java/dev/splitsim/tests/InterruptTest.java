package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A long run ended by a host signal, in a real process: SIGINT and SIGTERM stop the guest at a turn
 * boundary, the summary and the statistics files are written, and the status is 128 + signal; the
 * progress line shows on stderr meanwhile. In the debugger SIGINT stops the guest and the session
 * goes on.
 */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class InterruptTest {
    private static final Path SPIN = DifferentialTest.REPO.resolve("programs/faults/bin/spin");

    @TempDir
    Path tmp;

    @Test
    void sigintEndsTheRunWithTheSummaryAndTheStatisticsWritten() throws Exception {
        Assumptions.assumeTrue(CliProcess.canInterrupt(), "SIGINT is ignored here and python3 cannot undo it: skipped");
        interrupted("INT", 130);
    }

    @Test
    void sigtermEndsTheRunTheSameWay() throws Exception {
        interrupted("TERM", 143);
    }

    private void interrupted(String signal, int status) throws Exception {
        Path json = tmp.resolve("stats.json");
        Path text = tmp.resolve("stats.txt");
        Process p = CliProcess.of(List.of("run", "--progress", "--stats-json", json.toString(), "--stats",
                text.toString(), SPIN.toString())).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Collected err = Collected.from(p.getErrorStream());
        // The progress line comes after 2 s of running: then the guest is surely inside its loop.
        err.awaitText("MIPS", 60_000);
        assertThat(err.text()).contains("instructions, ").contains(" simulated");
        signal(p, signal);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("ends after SIG" + signal).isTrue();
        err.join();
        String stderr = err.text();
        assertThat(p.exitValue()).as(stderr).isEqualTo(status);
        assertThat(stderr).contains("splitsim: interrupted by SIG" + signal + " after ")
                .contains("exit status      " + status + " (interrupted)");
        // The progress line is blanked before the summary, which starts on a line of its own.
        assertThat(stderr.substring(stderr.lastIndexOf('\r') + 1)).startsWith("splitsim: interrupted by");
        JsonNode stats = new ObjectMapper().readTree(json.toFile());
        assertThat(stats.get("program.path").asText()).isEqualTo(SPIN.toString());
        assertThat(stats.get("cpu.instructions").asLong()).isGreaterThan(10_000_000L);
        assertThat(Files.readString(text)).contains("cpu.instructions");
    }

    @Test
    void sigintInTheDebuggerStopsTheGuestAndTheSessionGoesOn() throws Exception {
        Assumptions.assumeTrue(CliProcess.canInterrupt(), "SIGINT is ignored here and python3 cannot undo it: skipped");
        Process p = CliProcess.of(List.of("debug", SPIN.toString())).redirectErrorStream(true).start();
        Collected out = Collected.from(p.getInputStream());
        OutputStream in = p.getOutputStream();
        in.write("continue\n".getBytes(StandardCharsets.US_ASCII));
        in.flush();
        out.awaitText("(splitsim) continue", 60_000);
        // Each SIGINT only asks the running command to stop, so one more does no harm: signal again
        // until the stop shows, for a loaded machine where the command starts late.
        long end = System.currentTimeMillis() + 60_000;
        while (!out.text().contains("stopped: interrupted")) {
            assertThat(System.currentTimeMillis()).as("waiting for 'stopped: interrupted' in:\n" + out.text()).isLessThan(end);
            assertThat(p.isAlive()).as("the debugger survives SIGINT:\n" + out.text()).isTrue();
            signal(p, "INT");
            out.awaitText("stopped: interrupted", 1_000, false);
        }
        in.write("time\nquit\n".getBytes(StandardCharsets.US_ASCII));
        in.close();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        out.join();
        assertThat(p.exitValue()).as(out.text()).isZero();
        assertThat(out.text()).contains("(splitsim) time").contains("instructions");
    }

    private static void signal(Process p, String name) throws IOException, InterruptedException {
        assertThat(new ProcessBuilder("kill", "-" + name, Long.toString(p.pid())).start().waitFor()).isZero();
    }

    /** A stream read to its end on a thread of its own, so the test can wait for a text in it. */
    private static final class Collected {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final Thread reader;

        private Collected(InputStream in) {
            reader = new Thread(() -> {
                byte[] b = new byte[8192];
                try {
                    for (int n; (n = in.read(b)) > 0; ) {
                        synchronized (bytes) {
                            bytes.write(b, 0, n);
                        }
                    }
                } catch (IOException e) {
                    // The process is gone.
                }
            });
            reader.start();
        }

        static Collected from(InputStream in) {
            return new Collected(in);
        }

        String text() {
            synchronized (bytes) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
        }

        void awaitText(String what, long millis) throws InterruptedException {
            awaitText(what, millis, true);
        }

        /** Waits up to {@code millis} for {@code what}; past that it fails the test when {@code required}, else returns. */
        void awaitText(String what, long millis, boolean required) throws InterruptedException {
            long end = System.currentTimeMillis() + millis;
            while (!text().contains(what)) {
                if (!required && System.currentTimeMillis() >= end) {
                    return;
                }
                assertThat(System.currentTimeMillis()).as("waiting for '" + what + "' in:\n" + text()).isLessThan(end);
                Thread.sleep(50);
            }
        }

        void join() throws InterruptedException {
            reader.join(30_000);
        }
    }
}
