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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * pthreads programs on several cores sharing one ExCache: qemu's output on 1, 2 and 4 cores and
 * with tiny ExCaches; identical runs; per-core statistics that add up; speed-up of a compute-bound
 * program with the cores; a deadlock reported instead of hanging.
 */
final class ThreadsTest {
    /** The multi-threaded programs of programs/bin (SplitMachineTest leaves them to this matrix). */
    static final List<String> THREADED = List.of("mutexsum", "atomics", "prodcons", "barrier", "matmul", "timed",
            "baton");

    @TempDir
    Path tmp;

    static List<List<String>> configurations() {
        return List.of(
                List.of("--set", "cpu.cores=1"),
                List.of("--set", "cpu.cores=2", "--set", "excache.size=256KiB", "--set", "excache.policy=lru"),
                List.of("--set", "cpu.cores=4", "--set", "excache.size=1MiB", "--set", "excache.policy=clock", "--set",
                        Tools.memoryComponents(4)),
                List.of("--set", "cpu.cores=4"),
                List.of("--set", "cpu.cores=4", "--set", "excache.size=64KiB", "--set", Tools.memoryComponents(2)),
                List.of("--set", "cpu.cores=4", "--set", "excache.size=128KiB", "--set", "excache.fetch=one-sided",
                        "--set", Tools.memoryComponents(3)),
                List.of("--set", "cpu.cores=3", "--set", "excache.size=128KiB", "--set", "excache.policy=random",
                        "--set", "memory.monitor_workers=2"),
                List.of("--profile", "local", "--set", "cpu.cores=4", "--set", "sched.quantum=50us"));
    }


    @TestFactory
    Stream<DynamicTest> threadedProgramsMatchQemuOnEveryCoreCount() {
        Assumptions.assumeTrue(Tools.onPath("qemu-riscv64"), "qemu-riscv64 is not installed: skipping");
        List<DynamicTest> tests = new ArrayList<>();
        for (String program : THREADED) {
            DifferentialTest.Case c = new DifferentialTest.Case(program, List.of(), List.of(), "");
            for (List<String> config : configurations()) {
                tests.add(DynamicTest.dynamicTest(program + " " + String.join(" ", config).replace("--set ", ""), () -> DifferentialTest.assertMatchesQemu(c, config)));
            }
        }
        return tests.stream();
    }

    private record Run(int status, String stdout, String stderr, Map<String, Double> stats) {}

    private Run run(Path program, String... optionsThenArgs) throws IOException {
        Path json = Files.createTempFile(tmp, "stats", ".json");
        List<String> cmd = new ArrayList<>(List.of("run", "-q", "--root", tmp.toString(), "--stats-json",
                json.toString()));
        List<String> rest = List.of(optionsThenArgs);
        int split = rest.indexOf("--");
        cmd.addAll(split < 0 ? rest : rest.subList(0, split));
        cmd.add(program.toString());
        if (split >= 0) {
            cmd.addAll(rest.subList(split + 1, rest.size()));
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(cmd.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true), new PrintStream(err, true));
        String stats = Files.readString(json);
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8),
                stats.isEmpty() ? Map.of() : Tools.flatJson(stats));
    }

    private static Path bin(String name) {
        return DifferentialTest.BIN.resolve(name);
    }

    @Test
    void perCoreStatsAddUpToTheTotals() throws IOException {
        Run r = run(bin("prodcons"), "--set", "cpu.cores=4");
        assertThat(r.status()).as(r.stderr()).isZero();
        Map<String, Double> s = r.stats();
        long instructions = 0;
        long cycles = 0;
        for (int i = 0; i < 4; i++) {
            String c = "cpu" + i + ".";
            assertThat(s.get(c + "instructions")).as(c + "instructions").isPositive();
            long stalls = s.keySet().stream().filter(k -> k.startsWith(c + "stall_cycles."))
                    .mapToLong(k -> s.get(k).longValue()).sum();
            assertThat(s.get(c + "base_cycles").longValue() + stalls).as("base + stalls on core " + i)
                    .isEqualTo(s.get(c + "cycles").longValue());
            instructions += s.get(c + "instructions").longValue();
            cycles += s.get(c + "cycles").longValue();
        }
        assertThat(s.containsKey("cpu4.instructions")).isFalse();
        assertThat(s.get("cpu.instructions").longValue()).isEqualTo(instructions);
        assertThat(s.get("cpu.cycles").longValue()).isEqualTo(cycles);
        assertThat(s.get("threads.created").longValue()).isEqualTo(6);
        // Producers and consumers block on condition variables: their cores go idle and others take turns.
        assertThat(s.get("cpu.stall_cycles.idle")).isPositive();
        assertThat(s.get("threads.context_switches").longValue()).isGreaterThan(5);
        // Simulated time is the furthest core's: at least any one core's cycles at 2.4 GHz.
        double maxCoreSeconds = 0;
        for (int i = 0; i < 4; i++) {
            maxCoreSeconds = Math.max(maxCoreSeconds, s.get("cpu" + i + ".cycles") / 2.4e9);
        }
        assertThat(s.get("sim.seconds")).isCloseTo(maxCoreSeconds, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void twoRunsOnFourCoresAreIdentical() throws IOException {
        String[] traces = new String[2];
        String[] stats = new String[2];
        String[] outputs = new String[2];
        for (int i = 0; i < 2; i++) {
            Path trace = tmp.resolve("trace" + i + ".txt");
            Run r = run(bin("prodcons"), "--set", "cpu.cores=4", "--set", "excache.size=64KiB", "--set",
                    "excache.policy=random", "--trace", "fabric,excache,syscall", "--trace-file", trace.toString());
            Map<String, Double> s = new HashMap<>(r.stats());
            s.remove("host.seconds");
            s.remove("host.mips");
            stats[i] = new java.util.TreeMap<>(s).toString();
            traces[i] = Files.readString(trace);
            outputs[i] = r.stdout();
        }
        assertThat(traces[0]).contains("futex").contains("clone").isEqualTo(traces[1]);
        assertThat(stats[0]).isEqualTo(stats[1]);
        assertThat(outputs[0]).isEqualTo(outputs[1]);
    }

    @Test
    void theChromeTraceHasATrackPerCore() throws IOException {
        Path trace = tmp.resolve("trace.json");
        Run r = run(bin("barrier"), "--set", "cpu.cores=4", "--set", "excache.size=64KiB", "--trace",
                "excache,syscall", "--trace-file", trace.toString());
        assertThat(r.status()).as(r.stderr()).isZero();
        com.fasterxml.jackson.databind.JsonNode events = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(trace.toFile()).get("traceEvents");
        java.util.Set<String> names = new java.util.TreeSet<>();
        java.util.Set<Integer> sliceTracks = new java.util.TreeSet<>();
        for (com.fasterxml.jackson.databind.JsonNode e : events) {
            if (e.get("ph").asText().equals("M") && e.get("name").asText().equals("thread_name")) {
                names.add(e.get("args").get("name").asText());
            }
            if (e.get("ph").asText().equals("X") && e.get("cat").asText().equals("syscall")) {
                sliceTracks.add(e.get("tid").asInt());
            }
        }
        assertThat(names).contains("core0", "core1", "core2", "core3");
        assertThat(sliceTracks).as("system calls on four core tracks").hasSize(4);
    }

    @Test
    void theDebuggerShowsCoresAndThreads() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"debug", "--set", "cpu.cores=2", bin("prodcons").toString()},
                new ByteArrayInputStream("step 300000\nthreads\nquit\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true), new PrintStream(err, true));
        String text = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(text).containsPattern("\\[[0-9.]+ us\\] core [01] thread \\d+")
                .containsPattern("(?m)^core 0  thread \\d+ at 0x[0-9a-f]+.*  at [0-9.]+ us$")
                .containsPattern("(?m)^core 1  thread \\d+ at ")
                .containsPattern("(?m)^thread 1  waits on futex 0x[0-9a-f]+, goes on at 0x[0-9a-f]+")
                .containsPattern("(?m)^thread \\d  ready, goes on at 0x");
    }

    private static final Pattern PHASE = Pattern.compile("parallel phase ([0-9.]+) us");

    private double parallelPhaseMicros(Path program, int cores) throws IOException {
        Run r = run(program, "--set", "cpu.cores=" + cores, "--", "4");
        assertThat(r.status()).as(r.stderr()).isZero();
        Matcher m = PHASE.matcher(r.stdout());
        assertThat(m.find()).as(r.stdout()).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void fourThreadsOnFourCoresRunNearlyFourTimesFaster() throws IOException {
        Path probe = DifferentialTest.REPO.resolve("programs/probes/bin/parallel");
        double one = parallelPhaseMicros(probe, 1);
        double two = parallelPhaseMicros(probe, 2);
        double four = parallelPhaseMicros(probe, 4);
        assertThat(one / two).as("speed-up on 2 cores").isBetween(1.85, 2.0);
        assertThat(one / four).as("speed-up on 4 cores").isBetween(3.6, 4.0);
        // The whole program, start-up included, gains too (matmul: the serial start-up bounds it).
        double whole1 = run(bin("matmul"), "--set", "cpu.cores=1").stats().get("sim.seconds");
        double whole4 = run(bin("matmul"), "--set", "cpu.cores=4").stats().get("sim.seconds");
        assertThat(whole1 / whole4).as("matmul speed-up").isGreaterThan(2.5);
    }

    @Test
    void moreThreadsThanCoresAreTimeSliced() throws IOException {
        Path probe = DifferentialTest.REPO.resolve("programs/probes/bin/parallel");
        Run r = run(probe, "--set", "cpu.cores=2", "--set", "sched.quantum=100us", "--", "4");
        assertThat(r.status()).as(r.stderr()).isZero();
        // 4 threads on 2 cores: the quantum forces switches beyond the 5 placements a run needs at least.
        assertThat(r.stats().get("threads.context_switches").longValue()).isGreaterThan(20);
        assertThat(r.stats().get("cpu.stall_cycles.schedule")).isPositive();
    }

    @Test
    void concurrentMissesQueueOnTheFabricAndAtTheMemoryMonitor() throws IOException {
        String[] tiny = {"--set", "excache.size=64KiB", "--set", "excache.zero_fill=false"};
        Map<String, Double> one = run(bin("matmul"), concat(tiny, "--set", "cpu.cores=1", "--set",
                "sched.yield_on_miss=false")).stats();
        Map<String, Double> four = run(bin("matmul"), concat(tiny, "--set", "cpu.cores=4")).stats();
        // One core whose threads wait out their misses sends one request at a time: nothing ever
        // waits. Four cores contend for the links and pollers.
        assertThat(one.get("fabric.queue_ps")).isZero();
        assertThat(four.get("fabric.queue_ps")).isPositive();
        assertThat(four.get("excache.miss_latency_mean_ns")).isGreaterThan(one.get("excache.miss_latency_mean_ns"));
        // A slow memory monitor with one worker makes requests wait for it; more workers take them in parallel.
        String[] slow = concat(tiny, "--set", "cpu.cores=4", "--set", "memory.monitor_dispatch=3us");
        Map<String, Double> single = run(bin("matmul"), slow).stats();
        Map<String, Double> wide = run(bin("matmul"), concat(slow, "--set", "memory.monitor_workers=4")).stats();
        assertThat(single.get("memory.monitor_queued")).isPositive();
        assertThat(wide.get("memory.monitor_wait_ps")).isLessThan(single.get("memory.monitor_wait_ps"));
    }

    private static String[] concat(String[] a, String... b) {
        String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @Test
    void aThreadWaitingForAMissGivesItsCoreToAReadyThread() throws IOException {
        String[] oneCore = {"--set", "cpu.cores=1", "--set", "excache.size=64KiB"};
        Run yielding = run(bin("matmul"), oneCore);
        Run waiting = run(bin("matmul"), concat(oneCore, "--set", "sched.yield_on_miss=false"));
        assertThat(yielding.stdout()).isEqualTo(waiting.stdout());
        Map<String, Double> y = yielding.stats();
        Map<String, Double> w = waiting.stats();
        assertThat(y.get("threads.miss_yields")).isPositive();
        assertThat(w.get("threads.miss_yields")).isZero();
        // Yielding, the core runs other threads during misses and pays a context switch each time.
        assertThat(y.get("threads.context_switches")).isGreaterThan(w.get("threads.context_switches")
                + y.get("threads.miss_yields") / 2);
        assertThat(y.get("cpu.stall_cycles.schedule")).isGreaterThan(w.get("cpu.stall_cycles.schedule"));
        // With as many cores as threads nobody is ready, so nobody yields: LegoOS's miss on the faulting thread.
        Run enough = run(bin("matmul"), "--set", "cpu.cores=5", "--set", "excache.size=64KiB");
        assertThat(enough.stats().get("threads.miss_yields")).isZero();
    }

    @Test
    void aDeadlockStopsTheRunWithAClearLine() throws IOException {
        Run r = run(DifferentialTest.REPO.resolve("programs/faults/bin/deadlock"), "--set", "cpu.cores=2");
        assertThat(r.status()).isEqualTo(124);
        assertThat(r.stdout()).isEqualTo("locked once; locking again\n");
        assertThat(r.stderr().strip()).startsWith("splitsim: deadlock: every thread is blocked for ever")
                .contains("on futex 0x").doesNotContain("\n").doesNotContain("Exception");
    }

    @Test
    void badCoreCountsAreRejected() throws IOException {
        for (String bad : List.of("0", "65", "two")) {
            Run r = run(bin("hello"), "--set", "cpu.cores=" + bad);
            assertThat(r.status()).as(bad).isEqualTo(2);
            assertThat(r.stderr().strip()).as(bad).contains("cpu.cores").doesNotContain("\n");
        }
    }
}
