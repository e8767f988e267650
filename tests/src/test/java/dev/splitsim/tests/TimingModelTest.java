package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CPU timing model against its own configuration: the probes in programs/probes measure, from
 * inside the guest, what the profile says (core at 2.4 GHz: L1 4 cycles, L2 12 cycles, DRAM 90 ns,
 * ExCache miss ~6.4 µs), and the stall accounting adds up.
 */
final class TimingModelTest {
    private static final Path PROBES = DifferentialTest.REPO.resolve("programs/probes/bin");
    private static final double GHZ = 2.4;

    @TempDir
    Path tmp;

    private record Run(String stdout, Map<String, Double> stats) {}

    private Run run(Path program, String... optionsThenArgs) throws IOException {
        Path json = tmp.resolve("stats.json");
        List<String> cmd = new ArrayList<>(List.of("run", "-q", "--root", tmp.toString(), "--stats-json",
                json.toString()));
        List<String> args = new ArrayList<>();
        boolean afterProgram = false;
        for (String a : optionsThenArgs) {
            if (a.equals("--")) {
                afterProgram = true;
            } else if (afterProgram) {
                args.add(a);
            } else {
                cmd.add(a);
            }
        }
        cmd.add(program.toString());
        cmd.addAll(args);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(cmd.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true), new PrintStream(err, true));
        int expected = cmd.contains("--max-instructions") ? 124 : 0;
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isEqualTo(expected);
        return new Run(out.toString(StandardCharsets.UTF_8), Tools.flatJson(Files.readString(json)));
    }

    private static Map<Long, Double> curve(String probeOutput) {
        Map<Long, Double> out = new HashMap<>();
        Matcher m = Pattern.compile("(\\d+) KiB +([0-9.]+)").matcher(probeOutput);
        while (m.find()) {
            out.put(Long.parseLong(m.group(1)), Double.parseDouble(m.group(2)));
        }
        return out;
    }

    @Test
    void latencyProbePlateausMatchTheConfiguredLatencies() throws IOException {
        Map<Long, Double> c = curve(run(PROBES.resolve("latency"), "--", "32768", "40000").stdout());
        assertThat(c.get(16L)).as("L1").isCloseTo(4 / GHZ, within(0.1 * 4 / GHZ));
        assertThat(c.get(512L)).as("L2").isCloseTo(12 / GHZ, within(0.1 * 12 / GHZ));
        double dram = 12 / GHZ + 90;
        assertThat(c.get(32768L)).as("local DRAM (ExCache hit)").isCloseTo(dram, within(0.1 * dram));
    }

    @Test
    void beyondTheExCacheLoadsCrossTheFabric() throws IOException {
        Run r = run(PROBES.resolve("latency"), "--set", "excache.size=4MiB", "--", "65536", "40000");
        Map<Long, Double> c = curve(r.stdout());
        // A random line of a 64 MiB set is outside a 4 MiB ExCache 15 times in 16; a clean miss takes ~6.41 µs.
        double remote = (1 - 4.0 / 64) * 6410 + 12 / GHZ + 90;
        assertThat(c.get(65536L)).as("remote").isCloseTo(remote, within(0.1 * remote));
        assertThat(c.get(2048L)).as("still in the ExCache").isLessThan(110);
        Map<Long, Double> bigger = curve(run(PROBES.resolve("latency"), "--set", "excache.size=16MiB", "--", "8192",
                "20000").stdout());
        assertThat(c.get(8192L)).as("8 MiB with a 4 MiB ExCache").isGreaterThan(1000);
        assertThat(bigger.get(8192L)).as("8 MiB with a 16 MiB ExCache").isLessThan(110);
    }

    private static double field(String text, String regex) {
        Matcher m = Pattern.compile(regex).matcher(text);
        assertThat(m.find()).as(regex + " in\n" + text).isTrue();
        return Double.parseDouble(m.group(1));
    }

    @Test
    void dependentChainsPayLatencyAndIndependentOnesOverlap() throws IOException {
        String out = run(PROBES.resolve("chains")).stdout();
        assertThat(field(out, "mul +dependent ([0-9.]+)")).isBetween(3.0, 3.6);
        assertThat(field(out, "mul +dependent [0-9.]+ independent ([0-9.]+)")).isLessThan(2.0);
        assertThat(field(out, "div +dependent ([0-9.]+)")).isBetween(20.0, 23.0);
        assertThat(field(out, "div +dependent [0-9.]+ independent ([0-9.]+)")).as("the divider is unpipelined")
                .isBetween(19.5, 21.0);
        assertThat(field(out, "fadd dependent ([0-9.]+)")).isBetween(4.0, 4.3);
        assertThat(field(out, "fadd dependent [0-9.]+ independent ([0-9.]+)")).isLessThan(2.0);
        assertThat(field(out, "fdiv dependent ([0-9.]+)")).isBetween(20.0, 20.5);
        // Guest-visible time follows the configuration.
        String slower = run(PROBES.resolve("chains"), "--set", "cpu.latency.mul=6").stdout();
        assertThat(field(slower, "mul +dependent ([0-9.]+)")).isBetween(6.0, 6.6);
    }

    @Test
    void randomBranchesPayTheMispredictPenalty() throws IOException {
        Run r = run(PROBES.resolve("branches"));
        double predictable = field(r.stdout(), "predictable ([0-9.]+)");
        double random = field(r.stdout(), "random +([0-9.]+)");
        // Half the random branches go the unexpected way: ~2.5 of the 5 penalty cycles each.
        assertThat(random - predictable).isBetween(1.5 / GHZ, 3.5 / GHZ);
        assertThat(r.stats().get("bpred.mispredicts.direction")).isGreaterThan(80_000.0);
    }

    @Test
    void stallAccountingAddsUpAndIntegerIpcIsPlausible() throws IOException {
        Run r = run(DifferentialTest.REPO.resolve("programs/bench/bin/intmix"), "--max-instructions", "60000000");
        Map<String, Double> s = r.stats();
        double stalls = 0;
        for (String cause : List.of("dependency", "unit_busy", "l1_miss", "l2_miss", "excache_miss",
                "branch_mispredict", "branch_taken", "syscall")) {
            assertThat(s).containsKey("cpu.stall_cycles." + cause);
            stalls += s.get("cpu.stall_cycles." + cause);
        }
        assertThat(s.get("cpu.base_cycles") + stalls).isEqualTo(s.get("cpu.cycles"));
        assertThat(s.get("cpu.ipc")).isBetween(0.3, 1.0);
        assertThat(s.get("l1d.misses")).isPositive();
        assertThat(s.get("l2.misses")).isPositive();
        assertThat(s.get("bpred.mispredicts")).isPositive();
        assertThat(s.get("cpu.stall_cycles.dependency")).isPositive();
    }

    @Test
    void timingOffRunsOneCyclePerInstruction() throws IOException {
        Run on = run(DifferentialTest.BIN.resolve("sort"), "--profile", "local");
        Run off = run(DifferentialTest.BIN.resolve("sort"), "--profile", "local", "--timing", "off");
        assertThat(off.stdout()).isEqualTo(on.stdout());
        assertThat(off.stats().get("cpu.base_cycles")).isEqualTo(off.stats().get("cpu.instructions"));
        assertThat(off.stats().get("cpu.cycles")).isEqualTo(off.stats().get("cpu.instructions")
                + off.stats().get("cpu.stall_cycles.syscall"));
        assertThat(on.stats().get("sim.seconds")).isGreaterThan(off.stats().get("sim.seconds"));
        assertThat(off.stats()).doesNotContainKey("l1d.misses");
    }
}
