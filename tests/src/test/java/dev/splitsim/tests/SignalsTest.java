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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Signals where qemu-riscv64 cannot be the reference (programs/signals is compared with it by the
 * differential test for everything else): sa_mask as Linux applies it, timers on simulated time
 * (to the turn, and the same run after run), death by a signal's default action, and the report of
 * a fault no handler catches.
 */
final class SignalsTest {
    private static final Path SIGNALS = DifferentialTest.BIN.resolve("signals");

    @TempDir
    Path tmp;

    private record Run(int status, String out, String err) {}

    private Run run(String... args) {
        List<String> cmd = new ArrayList<>(List.of("run", "-q", "--root", tmp.toString()));
        cmd.addAll(List.of(args));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(cmd.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true), new PrintStream(err, true));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void aSignalInTheHandlersMaskWaitsUntilTheHandlerReturns() {
        for (String profile : new String[] {"legoos", "local"}) {
            // SIGUSR1's handler raises SIGUSR2, which its sa_mask holds: logged 10, -10 on return, then 12.
            assertThat(run("--profile", profile, SIGNALS.toString(), "mask").out()).isEqualTo("10\n-10\n12\n");
        }
    }

    @Test
    void anAlarmArrivesOnSimulatedTimeWithinATurnAndRepeats() {
        for (String profile : new String[] {"legoos", "local"}) {
            Run r = run("--profile", profile, SIGNALS.toString(), "alarm");
            assertThat(r.status()).isZero();
            long ns = Long.parseLong(r.out().strip());
            // 30 ms, plus the handler's start: a turn is at most 10,000 instructions (about 4 us).
            assertThat(ns).as(profile).isBetween(30_000_000L, 30_050_000L);
            assertThat(run("--profile", profile, SIGNALS.toString(), "alarm").out()).isEqualTo(r.out());
        }
        // Faster cores reach the same alarm sooner in instructions, not in time.
        long fast = Long.parseLong(run("--set", "cpu.frequency=4.8GHz", SIGNALS.toString(), "alarm").out().strip());
        assertThat(fast).isBetween(30_000_000L, 30_050_000L);
    }

    @Test
    void aSignalsDefaultActionEndsTheProcessQuietlyWith128PlusIt() {
        for (int signal : new int[] {15, 10, 6, 14, 2}) {
            Run r = run(SIGNALS.toString(), "raise", String.valueOf(signal));
            assertThat(r.status()).as("signal %d", signal).isEqualTo(128 + signal);
            assertThat(r.out()).isEmpty();
            assertThat(r.err()).isEmpty();
        }
        // Ignored by default: the program goes on.
        Run ignored = run(SIGNALS.toString(), "raise", "17");
        assertThat(ignored.status()).isZero();
        assertThat(ignored.out()).isEqualTo("still here\n");
    }

    @Test
    void aFaultNoHandlerCatchesIsStillReported() {
        Run r = run(DifferentialTest.REPO.resolve("programs/faults/bin/nullptr").toString());
        assertThat(r.status()).isEqualTo(139);
        assertThat(r.err()).startsWith("splitsim: guest fault: segmentation fault (load from unmapped address)");
    }

    @Test
    void theWholeProgramRunsAlikeOnEveryProfileAndCoreCount() {
        String reference = run(SIGNALS.toString()).out();
        assertThat(reference).doesNotContain(" NO\n").contains("pthread_kill runs the handler in that thread");
        for (String[] options : new String[][] {{"--profile", "local"}, {"--set", "cpu.cores=4"},
            {"--set", "excache.size=64KiB"}}) {
            List<String> cmd = new ArrayList<>(List.of(options));
            cmd.add(SIGNALS.toString());
            assertThat(run(cmd.toArray(new String[0])).out()).as(String.join(" ", options)).isEqualTo(reference);
        }
    }
}
