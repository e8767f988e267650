package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.splitsim.core.config.Config;
import dev.splitsim.kernel.memory.MemoryComponent;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.RunResult;
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
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several CPU components (topology.cpu with several names) run one process each, the first the
 * run's program and each --process the next, sharing the memory and storage components: each
 * prints what it prints alone, both CPU nodes send traffic, the memory component holds two address
 * spaces, the run's status is the first process's, each component's statistics are under its
 * name, and two runs are identical.
 */
final class CpuComponentsTest {
    private static final String TWO = "topology.cpu=pcomp0 pcomp1";

    @TempDir
    Path tmp;

    private record Run(int status, String stdout, String stderr, Map<String, Double> stats) {}

    private Run run(String... args) throws IOException {
        Path root = Files.createTempDirectory(tmp, "root");
        Path json = Files.createTempFile(tmp, "stats", ".json");
        List<String> cmd = new ArrayList<>(List.of("run", "-q", "--root", root.toString(), "--stats-json",
                json.toString()));
        cmd.addAll(List.of(args));
        InProcess r = InProcess.run(cmd.toArray(new String[0]));
        Map<String, Double> stats = Files.size(json) == 0 ? Map.of() : Tools.flatJson(Files.readString(json));
        return new Run(r.status(), r.stdout(), r.stderr(), stats);
    }

    private static String bin(String program) {
        return DifferentialTest.BIN.resolve(program).toString();
    }

    @Test
    void twoProcessesOnTwoComponentsPrintWhatEachPrintsAlone() throws IOException {
        Run hello = run(bin("hello"));
        Run args = run(bin("args"), "x", "y");
        Run both = run("--set", TWO, "--process", bin("args") + " x y", bin("hello"));
        assertThat(both.stderr()).isEqualTo(args.stderr() + hello.stderr());
        // Each process writes its whole output at its exit (a full stdio buffer), so the run's is one after the other.
        assertThat(both.stdout()).isIn(hello.stdout() + args.stdout(), args.stdout() + hello.stdout());
        assertThat(both.status()).isZero();
        for (String c : List.of("pcomp0", "pcomp1")) {
            assertThat(both.stats().get("fabric.busy." + c + ".nic_tx_ps")).as(c + " sent").isPositive();
            assertThat(both.stats().get(c + ".cpu.instructions")).as(c + " instructions").isPositive();
        }
        assertThat(both.stats().get("pcomp0.cpu.instructions")).isEqualTo(hello.stats().get("cpu.instructions"));
        assertThat(both.stats().get("pcomp1.cpu.instructions")).isEqualTo(args.stats().get("cpu.instructions"));
        assertThat(both.stats()).doesNotContainKey("cpu.instructions");
        assertThat(hello.stats().keySet()).noneMatch(k -> k.startsWith("pcomp0."));
    }

    @Test
    void theRunsStatusIsTheFirstProcesses() throws IOException {
        // args exits with argc.
        assertThat(run("--set", TWO, "--process", bin("hello"), bin("args"), "x", "y").status()).isEqualTo(3);
        assertThat(run("--set", TWO, "--process", bin("args") + " x y", bin("hello")).status()).isZero();
    }

    @Test
    void threadedProcessesOnThreeComponentsWithTwoCoresEachKeepTheirOutput() throws IOException {
        List<String> alone = new ArrayList<>();
        for (String p : List.of("mutexsum", "prodcons", "files")) {
            Run r = run("--set", "cpu.cores=2", bin(p));
            assertThat(r.status()).isZero();
            alone.addAll(List.of(r.stdout().split("\n")));
        }
        String[] options = {"--set", "cpu.cores=2", "--set", "excache.size=256KiB", "--set",
            "topology.cpu=pcomp0 pcomp1 pcomp2", "--set", "topology.memory=mcomp0 mcomp1", "--process",
            bin("prodcons"), "--process", bin("files"), bin("mutexsum")};
        Run a = run(options);
        assertThat(a.status()).as(a.stderr()).isZero();
        List<String> lines = new ArrayList<>(List.of(a.stdout().split("\n")));
        assertThat(lines).containsExactlyInAnyOrderElementsOf(alone);
        Run b = run(options);
        assertThat(b.stdout()).isEqualTo(a.stdout());
        Map<String, Double> sa = new TreeMap<>(a.stats());
        Map<String, Double> sb = new TreeMap<>(b.stats());
        sa.keySet().removeIf(k -> k.startsWith("host."));
        sb.keySet().removeIf(k -> k.startsWith("host."));
        assertThat(sb).isEqualTo(sa);
        assertThat(a.stats().get("pcomp2.threads.created")).isEqualTo(1.0);
        assertThat(a.stats().get("pcomp0.threads.created")).isGreaterThan(1.0);
    }

    @Test
    void theMemoryComponentHoldsBothAddressSpaces() throws IOException {
        Config config = Profiles.load("legoos", List.of(TWO));
        Path root = Files.createTempDirectory(tmp, "spaces");
        List<ProcessSpec> specs = new ArrayList<>();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true);
        for (String p : List.of("hello", "sort")) {
            Path program = DifferentialTest.BIN.resolve(p);
            specs.add(new ProcessSpec(program, program.toString(), List.of(program.toString()), List.of(),
                    new ByteArrayInputStream(new byte[0]), stdout, new PrintStream(new ByteArrayOutputStream()), false,
                    false, false, root, config.getLong(MachineKeys.SIM_SEED), false));
        }
        Machine m = Machine.load(config, specs);
        RunResult r = m.run(new RunLimits(0, 0));
        assertThat(r.exitStatus()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(m.processCount()).isEqualTo(2);
        int first = m.process(0).pid();
        int second = m.process(1).pid();
        assertThat(first).isEqualTo(1);
        assertThat(second).isNotEqualTo(first);
        MemoryComponent mc = m.memoryManager().components().get(0);
        assertThat(mc.pages(first)).isPositive();
        assertThat(mc.pages(second)).isPositive();
        assertThat(m.process(1).finished()).isTrue();
    }

    @Test
    void everyComponentsMissesCallsAndInstructionsAreTracedUnderItsName() throws IOException {
        Path jsonl = tmp.resolve("t.jsonl");
        Run both = run("--set", TWO, "--trace", "all", "--trace-file", jsonl.toString(), "--process",
                bin("args") + " x y", bin("hello"));
        assertThat(both.status()).isZero();
        ObjectMapper json = new ObjectMapper();
        Map<String, Map<String, Integer>> counts = new TreeMap<>();
        for (String line : Files.readAllLines(jsonl)) {
            JsonNode e = json.readTree(line);
            String kind = e.get("kind").asText();
            if (!kind.equals("fabric")) {
                counts.computeIfAbsent(e.get("component").asText(), c -> new TreeMap<>()).merge(kind, 1, Integer::sum);
            }
        }
        assertThat(counts).containsOnlyKeys("pcomp0", "pcomp1");
        for (String c : List.of("pcomp0", "pcomp1")) {
            assertThat(counts.get(c)).as(c).containsKeys("excache", "syscall");
            assertThat(counts.get(c).get("insn")).as(c + " instructions traced")
                    .isEqualTo(both.stats().get(c + ".cpu.instructions").intValue());
            assertThat(counts.get(c).get("excache")).as(c + " misses traced")
                    .isEqualTo(both.stats().get(c + ".excache.misses").intValue());
        }

        Path text = tmp.resolve("t.txt");
        run("--set", TWO, "--trace", "excache,syscall,fabric", "--trace-file", text.toString(), "--process",
                bin("args") + " x y", bin("hello"));
        String t = Files.readString(text);
        assertThat(t).contains("excache  miss pcomp1/core0 pc ").contains("syscall  pcomp1/core0 pc ")
                .contains("cause pcomp1/core0 pc ").contains("syscall  pcomp0/core0 pc ");
        run("--trace", "excache,syscall,fabric", "--trace-file", text.toString(), bin("hello"));
        assertThat(Files.readString(text)).contains("syscall  core0 pc ").doesNotContain("pcomp0/");

        Path chrome = tmp.resolve("t.json");
        run("--set", TWO, "--trace-file", chrome.toString(), "--process", bin("args") + " x y", bin("hello"));
        Map<Integer, String> components = new TreeMap<>();
        Map<String, Integer> slices = new TreeMap<>();
        for (JsonNode e : json.readTree(chrome.toFile()).get("traceEvents")) {
            if (e.get("name").asText().equals("process_name")) {
                components.put(e.get("pid").asInt(), e.get("args").get("name").asText());
            } else if (e.get("ph").asText().equals("X") && e.get("tid").asInt() >= 100) {
                slices.merge(components.get(e.get("pid").asInt()) + " " + e.get("cat").asText(), 1, Integer::sum);
            }
        }
        assertThat(slices).containsKeys("pcomp0 excache", "pcomp0 syscall", "pcomp1 excache", "pcomp1 syscall");
    }

    @Test
    void aTopologyThatDoesNotFitTheProcessesIsOneLine() throws IOException {
        Run extra = run("--process", bin("hello"), bin("hello"));
        assertThat(extra.status()).isEqualTo(2);
        assertThat(extra.stderr().strip()).doesNotContain("\n").contains("topology.cpu names 1 CPU component")
                .contains("2 processes");
        Run idle = run("--set", TWO, bin("hello"));
        assertThat(idle.status()).isEqualTo(2);
        assertThat(idle.stderr().strip()).doesNotContain("\n").contains("topology.cpu names 2");
        Run local = run("--profile", "local", "--process", bin("hello"), bin("hello"));
        assertThat(local.status()).isEqualTo(2);
        assertThat(local.stderr().strip()).doesNotContain("\n").contains("split machine");
        Run twice = run("--set", "topology.cpu=pcomp0 pcomp0", bin("hello"));
        assertThat(twice.status()).isEqualTo(2);
        assertThat(twice.stderr().strip()).isEqualTo("splitsim: topology.cpu names pcomp0 twice");
    }
}
