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
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * The split machine (profile legoos) under pressure: every program gives qemu's output at every
 * ExCache size from 64 KiB up, with every replacement policy and 1, 2 and 4 memory components;
 * shrinking the ExCache never helps a streaming program; two runs are identical. The threaded
 * programs have their own matrix of core counts and ExCache sizes in {@link ThreadsTest}. By
 * default each program runs under a third of the configurations (a different third for the next
 * one); {@code -Dsplitsim.full=true} runs them all.
 */
final class SplitMachineTest {
    private static final String[] SIZES = {"64KiB", "256KiB", "4MiB", "256MiB"};
    private static final String[] POLICIES = {"lru", "fifo", "clock", "random"};
    private static final int[] COMPONENTS = {1, 2, 4};
    private static final int SUBSET = 3;

    @TempDir
    Path tmp;

    /** Sizes x policies, with the component count cycling, so each size meets each policy and count. */
    static List<List<String>> configurations() {
        List<List<String>> out = new ArrayList<>();
        int k = 0;
        for (String size : SIZES) {
            for (String policy : POLICIES) {
                int components = COMPONENTS[k++ % COMPONENTS.length];
                out.add(List.of("--profile", "legoos", "--set", "excache.size=" + size, "--set",
                        "excache.policy=" + policy, "--set", Tools.memoryComponents(components)));
            }
        }
        out.add(List.of("--profile", "legoos", "--set", "excache.size=128KiB", "--set", "excache.line_size=8KiB",
                "--set", "excache.ways=4", "--set", Tools.memoryComponents(2), "--set", "memory.placement=most-free"));
        // One-sided fills: misses on lines an earlier miss brought back are RDMA READs.
        out.add(List.of("--profile", "legoos", "--set", "excache.size=64KiB", "--set", "excache.fetch=one-sided",
                "--set", "excache.translations=8", "--set", Tools.memoryComponents(2)));
        out.add(List.of("--profile", "legoos", "--set", "excache.size=256KiB", "--set", "excache.line_size=8KiB",
                "--set", "excache.fetch=one-sided", "--set", "excache.policy=lru", "--set", Tools.memoryComponents(3)));
        out.add(List.of("--profile", "legoos", "--set", "excache.size=64KiB", "--set", "excache.ways=1", "--set",
                "excache.zero_fill=false", "--set", "excache.piggyback=false", "--set", Tools.memoryComponents(4)));
        return out;
    }


    @TestFactory
    Stream<DynamicTest> everyProgramMatchesQemuUnderPressure() throws IOException {
        Assumptions.assumeTrue(Tools.onPath("qemu-riscv64"), "qemu-riscv64 is not installed: skipping");
        List<DynamicTest> tests = new ArrayList<>();
        List<List<String>> configs = configurations();
        int program = 0;
        for (DifferentialTest.Case c : DifferentialTest.cases()) {
            if (ThreadsTest.THREADED.contains(c.program())) {
                continue;
            }
            for (int k = 0; k < configs.size(); k++) {
                if (!Tools.inShare(k, program, SUBSET)) {
                    continue;
                }
                List<String> config = configs.get(k);
                String label = c.label() + " " + String.join(" ", config.subList(2, config.size())).replace("--set ", "");
                tests.add(DynamicTest.dynamicTest(label, () -> DifferentialTest.assertMatchesQemu(c, config)));
            }
            program++;
        }
        return tests.stream();
    }

    private Map<String, Double> stats(String program, String... options) throws IOException {
        Path json = Files.createTempFile(tmp, "stats", ".json");
        List<String> cmd = new ArrayList<>(List.of("run", "-q", "--root", tmp.toString(), "--stats-json",
                json.toString()));
        cmd.addAll(List.of(options));
        cmd.add(DifferentialTest.BIN.resolve(program).toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(cmd.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true), new PrintStream(err, true));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return Tools.flatJson(Files.readString(json));
    }

    @Test
    void shrinkingTheExCacheNeverLowersMissesOrTimeOfAStream() throws IOException {
        long lastMisses = Long.MAX_VALUE;
        double lastSeconds = Double.MAX_VALUE;
        for (String size : new String[] {"64KiB", "128KiB", "256KiB", "512KiB", "1MiB", "2MiB", "4MiB", "8MiB"}) {
            Map<String, Double> s = stats("stream", "--set", "excache.size=" + size);
            long misses = s.get("excache.misses").longValue();
            double seconds = s.get("sim.seconds").doubleValue();
            assertThat(misses).as("misses at " + size).isLessThanOrEqualTo(lastMisses);
            assertThat(seconds).as("simulated time at " + size).isLessThanOrEqualTo(lastSeconds);
            lastMisses = misses;
            lastSeconds = seconds;
        }
        Map<String, Double> small = stats("stream", "--set", "excache.size=64KiB");
        Map<String, Double> large = stats("stream", "--set", "excache.size=8MiB");
        assertThat(small.get("excache.misses").longValue()).isGreaterThan(4 * large.get("excache.misses").longValue());
    }

    @Test
    void statsJsonHasTheSplitMachineKeys() throws IOException {
        Map<String, Double> s = stats("sort", "--set", "excache.size=1MiB");
        for (String key : List.of("sim.seconds", "cpu.instructions", "cpu.cycles", "excache.hits", "excache.misses",
                "excache.writebacks", "fabric.messages", "fabric.bytes", "excache.miss_latency_mean_ns",
                "memory.page_walks")) {
            assertThat(s.containsKey(key)).as(key).isTrue();
        }
        assertThat(s.get("excache.misses").longValue()).isPositive();
        assertThat(s.get("excache.writebacks").longValue()).isPositive();
        assertThat(s.get("excache.piggybacked_flushes").longValue()).isPositive();
        assertThat(s.get("memory.page_walks").longValue()).isPositive();
        assertThat(s.get("fabric.messages.p2m_pcache_miss").longValue()
                + s.get("fabric.messages.p2m_pcache_miss_flush").longValue())
                .isEqualTo(s.get("fabric.messages.m2p_pcache_line").longValue());
    }

    @Test
    void defaultMissTakesTheLegoosRoundTrip() throws IOException {
        // With the default 256 MiB ExCache nothing is evicted: every remote miss is a plain 4 KiB fetch.
        Map<String, Double> s = stats("sort");
        assertThat(s.get("excache.remote_misses").longValue()).isPositive();
        // docs/reference.md, LegoOS RPC latency: a miss takes 6.3-6.5 us; the model must land within 10% of that band.
        assertThat(s.get("excache.miss_latency_mean_ns").doubleValue()).isBetween(6300.0 * 0.9, 6500.0 * 1.1);
        assertThat(s.get("excache.miss_latency_p99_ns").doubleValue()).isBetween(6300.0 * 0.9, 6500.0 * 1.1);
    }

    @Test
    void twoRunsGiveIdenticalStatsAndTraces() throws IOException {
        String[] traces = new String[2];
        String[] statsText = new String[2];
        for (int i = 0; i < 2; i++) {
            Path trace = tmp.resolve("trace" + i + ".jsonl");
            Map<String, Double> s = stats("heap", "--set", "excache.size=512KiB", "--set", "excache.policy=random", "--set",
                    Tools.memoryComponents(2), "--trace", "fabric,excache,syscall", "--trace-file", trace.toString());
            s.remove("host.seconds");
            s.remove("host.mips");
            statsText[i] = s.toString();
            traces[i] = Files.readString(trace);
        }
        assertThat(traces[0]).isNotEmpty().contains("P2M_PCACHE_MISS_FLUSH").isEqualTo(traces[1]);
        assertThat(statsText[0]).isEqualTo(statsText[1]);
    }
}
