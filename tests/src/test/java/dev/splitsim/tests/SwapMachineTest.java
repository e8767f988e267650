package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.config.Config;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
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
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * The Linux swap baselines run every program as qemu-riscv64 does while swapping heavily (a few
 * hundred KiB of memory, four cores), and the pages they swap out really live only in the swap
 * area: damaging one there changes what the program computes. By default each program runs under
 * one of the three baselines (the next program under the next one); {@code -Dsplitsim.full=true}
 * runs every program under all three.
 */
final class SwapMachineTest {
    private static final List<String> PROFILES = List.of("linux-ssd-swap", "linux-ramdisk-swap", "infiniswap");
    private static final List<String> TINY = List.of("linux.memory=256KiB", "cpu.cores=4");

    @TestFactory
    Stream<DynamicTest> everyProgramMatchesQemuWhileSwapping() throws IOException {
        Assumptions.assumeTrue(Tools.onPath("qemu-riscv64"), "qemu-riscv64 is not installed: skipping");
        List<DynamicTest> tests = new ArrayList<>();
        List<DifferentialTest.Case> cases = DifferentialTest.cases();
        for (int p = 0; p < PROFILES.size(); p++) {
            String profile = PROFILES.get(p);
            List<String> options = new ArrayList<>(List.of("--profile", profile));
            for (String s : TINY) {
                options.add("--set");
                options.add(s);
            }
            for (int k = 0; k < cases.size(); k++) {
                if (!Tools.inShare(k, p, PROFILES.size())) {
                    continue;
                }
                DifferentialTest.Case c = cases.get(k);
                tests.add(DynamicTest.dynamicTest(c.label() + " (" + profile + ")",
                        () -> DifferentialTest.assertMatchesQemu(c, options)));
            }
        }
        return tests.stream();
    }

    private static final Path CIFAR = DifferentialTest.BIN.resolve("cifar");
    private static final List<String> CIFAR_ARGS = List.of("-b", "2", "-s", "2", "-c", "4");

    private static Machine machine(String profile, ByteArrayOutputStream out) throws IOException {
        return machine(profile, TINY, CIFAR_ARGS, out);
    }

    private static Machine machine(String profile, List<String> overrides, List<String> args, ByteArrayOutputStream out)
            throws IOException {
        Config config = Profiles.load(profile, overrides);
        List<String> argv = new ArrayList<>(List.of(CIFAR.toString()));
        argv.addAll(args);
        ProcessSpec spec = new ProcessSpec(CIFAR, CIFAR.toString(), argv, List.of(),
                new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                new PrintStream(new ByteArrayOutputStream()), false, false, false,
                Files.createTempDirectory("swap-test"), config.getLong(MachineKeys.SIM_SEED), false);
        return Machine.load(config, spec);
    }

    @Test
    void aSwappedPageExistsOnlyInTheSwapArea() throws IOException {
        for (String profile : PROFILES) {
            ByteArrayOutputStream clean = new ByteArrayOutputStream();
            Machine plain = machine(profile, clean);
            plain.run(new RunLimits(0, 0));
            assertThat(plain.swapPages().majorFaults()).as(profile + " major faults").isPositive();

            ByteArrayOutputStream damaged = new ByteArrayOutputStream();
            Machine m = machine(profile, damaged);
            m.run(new RunLimits(15_000_000, 0));
            assertThat(m.swapPages().corruptSwapped(Integer.MAX_VALUE)).as(profile + " pages in swap").isPositive();
            m.run(new RunLimits(0, 0));
            assertThat(damaged.toString(StandardCharsets.UTF_8)).as(profile)
                    .isNotEqualTo(clean.toString(StandardCharsets.UTF_8));
        }
    }

    @Test
    void theSameRunGivesTheSameTimeAndStatistics() throws IOException {
        for (String profile : PROFILES) {
            Machine a = machine(profile, new ByteArrayOutputStream());
            a.run(new RunLimits(0, 0));
            Machine b = machine(profile, new ByteArrayOutputStream());
            b.run(new RunLimits(0, 0));
            assertThat(b.nowTicks()).as(profile).isEqualTo(a.nowTicks());
            assertThat(b.swapPages().majorFaults()).as(profile).isEqualTo(a.swapPages().majorFaults());
        }
    }

    /** The cifar of {@link #CIFAR_ARGS} on one thread instead of its four. */
    private static final List<String> ONE_THREAD = List.of("-b", "2", "-s", "2", "-c", "4", "-t", "1");

    /**
     * Reclaim unmaps pages, and each flush of their translations must reach the other cores that run
     * threads of the process (docs/reference.md, TLB shootdowns): the four-thread CNN sends IPIs, and
     * the cores it interrupts are charged for them; on one thread the same work needs none, though
     * it swaps as much.
     */
    @Test
    void onlyAMultithreadedProcessShootsDownOtherCoresTlbs() throws IOException {
        Machine four = machine("linux-ramdisk-swap", TINY, CIFAR_ARGS, new ByteArrayOutputStream());
        four.run(new RunLimits(0, 0));
        assertThat(four.swapPages().pagesOut()).isPositive();
        assertThat(four.swapPages().shootdowns()).isPositive();
        assertThat(stat(four, "swap.shootdown_ipis")).isGreaterThanOrEqualTo(four.swapPages().shootdowns());
        assertThat(stat(four, "swap.shootdown_ps")).isEqualTo(four.swapPages().shootdowns() * 4_000_000L);
        assertThat(stat(four, "cpu.stall_cycles.tlb_shootdown")).isPositive();

        Machine one = machine("linux-ramdisk-swap", TINY, ONE_THREAD, new ByteArrayOutputStream());
        one.run(new RunLimits(0, 0));
        assertThat(one.swapPages().pagesOut()).isPositive();
        assertThat(one.swapPages().shootdowns()).isZero();
        assertThat(stat(one, "swap.shootdown_ipis")).isZero();
        assertThat(stat(one, "cpu.stall_cycles.tlb_shootdown")).isZero();
    }

    /** Every cost of the swap path is time only: each Linux machine prints what the all-local one prints. */
    @Test
    void swappingChangesTheTimeNotTheOutput() throws IOException {
        ByteArrayOutputStream local = new ByteArrayOutputStream();
        Machine reference = machine("local", List.of("cpu.cores=4"), CIFAR_ARGS, local);
        reference.run(new RunLimits(0, 0));
        assertThat(local.size()).isPositive();
        for (String profile : PROFILES) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Machine m = machine(profile, TINY, CIFAR_ARGS, out);
            m.run(new RunLimits(0, 0));
            assertThat(out.toString(StandardCharsets.UTF_8)).as(profile).isEqualTo(local.toString(StandardCharsets.UTF_8));
            assertThat(m.nowTicks()).as(profile + " is slower than all memory local").isGreaterThan(reference.nowTicks());
            assertThat(stat(m, "swap.io_wait_ps")).as(profile + " waited for its device").isPositive();
        }
    }

    private static long stat(Machine m, String name) {
        for (dev.splitsim.core.stats.Stat s : m.stats().all()) {
            if (s.name().equals(name)) {
                return (long) s.doubleValue();
            }
        }
        throw new AssertionError("no statistic " + name);
    }
}
