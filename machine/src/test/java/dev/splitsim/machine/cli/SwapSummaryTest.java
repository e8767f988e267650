package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run on a Linux machine that swaps says in its summary what the swap path did; other machines say nothing of it. */
final class SwapSummaryTest {
    private static final String CIFAR = TestPrograms.locate("programs/bin/cifar").toString();

    @TempDir
    Path tmp;

    private String run(String... cmd) {
        return TestPrograms.stderrOf(cmd);
    }

    @Test
    void theSummaryShowsFaultsReclaimShootdownsAndWaits() {
        String err = run("run", "--profile", "linux-ramdisk-swap", "--set", "linux.memory=256KiB", "--set",
                "cpu.cores=4", "--root", tmp.toString(), CIFAR, "-b", "2", "-s", "2", "-c", "4");
        assertThat(err).containsPattern("swap             [0-9,]+ major faults, [0-9,]+ minor; [0-9,]+ pages in"
                + " \\([0-9,]+ by readahead, [0-9,]+ of them used\\), [0-9,]+ out\n");
        assertThat(err).containsPattern("  reclaim        [0-9,]+ pages \\([0-9,]+ looked at\\) in [0-9,]+ passes;"
                + " [1-9][0-9,]* TLB shootdowns"
                + " \\([0-9,]+ IPIs\\), [0-9.]+ [mu]?s waiting for acks\n");
        assertThat(err).containsPattern("  waits          fault path [0-9.]+ [mu]?s, of it I/O [0-9.]+ [mu]?s and locks");
        assertThat(err).contains(" tlb-shootdown ");
    }

    @Test
    void aMachineThatDoesNotSwapHasNoSwapLines() {
        String err = run("run", "--profile", "local", "--root", tmp.toString(), CIFAR, "-b", "2", "-s", "1", "-c", "4");
        assertThat(err).doesNotContain("\nswap ").doesNotContain("shootdown");
    }
}
