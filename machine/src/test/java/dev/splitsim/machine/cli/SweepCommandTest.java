package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code splitsim sweep} end to end, on small programs so each test takes a few seconds. */
final class SweepCommandTest {
    @TempDir
    Path tmp;

    private String stderr;

    @Test
    void aSixPointSweepTabulatesEveryPointAndPlotsThem() throws Exception {
        Path out = tmp.resolve("sweep");
        int status = sweep("--out", out.toString(), "-j", "2", "--set", "excache.size=64KiB,1MiB,256MiB",
                "--set", "excache.policy=fifo,lru", "--plot", "excache.size:sim.seconds:excache.policy",
                TestPrograms.locate("programs/bin/hello").toString());
        assertThat(status).as(stderr).isZero();

        List<Map<String, String>> rows = csv(out.resolve("results.csv"));
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).keySet()).containsExactly("point", "repeat", "excache.size", "excache.policy",
                "config_sha256", "status", "outcome", "output_matches", "error", "sim.seconds", "cpu.ipc",
                "excache.misses", "excache.miss_latency_mean_ns", "fabric.bytes");
        // The first key varies slowest, as nested loops in the order given.
        String[][] expected = {{"64KiB", "fifo"}, {"64KiB", "lru"}, {"1MiB", "fifo"}, {"1MiB", "lru"},
            {"256MiB", "fifo"}, {"256MiB", "lru"}};
        HashSet<String> hashes = new HashSet<>();
        for (int i = 0; i < 6; i++) {
            Map<String, String> r = rows.get(i);
            assertThat(r.get("point")).isEqualTo(Integer.toString(i));
            assertThat(r.get("excache.size")).isEqualTo(expected[i][0]);
            assertThat(r.get("excache.policy")).isEqualTo(expected[i][1]);
            assertThat(r.get("status")).isEqualTo("0");
            assertThat(r.get("outcome")).isEqualTo("exited");
            assertThat(r.get("output_matches")).isEqualTo("true");
            assertThat(r.get("error")).isEmpty();
            assertThat(Double.parseDouble(r.get("sim.seconds"))).isPositive();
            assertThat(Long.parseLong(r.get("excache.misses"))).isPositive();
            hashes.add(r.get("config_sha256"));
        }
        assertThat(hashes).hasSize(6).allSatisfy(h -> assertThat(h).hasSize(64));
        // A smaller ExCache misses more.
        assertThat(Long.parseLong(rows.get(0).get("excache.misses")))
                .isGreaterThan(Long.parseLong(rows.get(4).get("excache.misses")));

        List<String> jsonl = Files.readAllLines(out.resolve("results.jsonl"));
        assertThat(jsonl).hasSize(6);
        JsonNode first = new ObjectMapper().readTree(jsonl.get(0));
        assertThat(first.get("set").get("excache.size").asText()).isEqualTo("64KiB");
        assertThat(first.get("output_matches").asBoolean()).isTrue();
        assertThat(first.get("stats").get("excache.misses").asLong()).isEqualTo(Long.parseLong(rows.get(0)
                .get("excache.misses")));
        // Each run's whole record is kept beside the table, with the configuration it ran.
        JsonNode point5 = new ObjectMapper().readTree(out.resolve("points").resolve(PointRunner.fileName(5, 1))
                .toFile());
        assertThat(point5.get("config.excache.policy").asText()).isEqualTo("lru");
        assertThat(point5.get("run.config_sha256").asText()).isEqualTo(rows.get(5).get("config_sha256"));

        byte[] png = Files.readAllBytes(out.resolve("plot.png"));
        assertThat(png).startsWith(0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n');
        Document svg = xml(out.resolve("plot.svg"));
        assertThat(svg.getDocumentElement().getTagName()).isEqualTo("svg");
        // One line per policy, a dot per point.
        assertThat(svg.getElementsByTagName("polyline").getLength()).isEqualTo(2);
        assertThat(svg.getElementsByTagName("circle").getLength()).isEqualTo(6);
    }

    @Test
    void aFailedPointIsRecordedAndTheSweepGoesOn() throws Exception {
        Path out = tmp.resolve("failing");
        int status = sweep("--out", out.toString(), "-j", "2", "--repeat", "2", "--set", "l1d.latency=4,banana,8",
                "--stat", "sim.seconds", "--stat", "no.such_stat", "--plot", "l1d.latency:cpu.ipc",
                TestPrograms.locate("programs/probes/bin/latency").toString(), "16");
        // A point failed, so the sweep says so; but every point was run and recorded.
        assertThat(status).isEqualTo(1);
        List<Map<String, String>> rows = csv(out.resolve("results.csv"));
        assertThat(rows).hasSize(6);
        assertThat(rows.get(0).keySet()).contains("sim.seconds", "no.such_stat", "cpu.ipc")
                .doesNotContain("fabric.bytes");
        for (Map<String, String> r : rows.subList(2, 4)) {
            assertThat(r.get("l1d.latency")).isEqualTo("banana");
            assertThat(r.get("status")).isEqualTo("2");
            assertThat(r.get("outcome")).isEqualTo("error");
            assertThat(r.get("error")).contains("bad value 'banana' for l1d.latency");
            assertThat(r.get("output_matches")).isEmpty();
            assertThat(r.get("sim.seconds")).isEmpty();
        }
        for (Map<String, String> r : List.of(rows.get(0), rows.get(1), rows.get(4), rows.get(5))) {
            assertThat(r.get("status")).isEqualTo("0");
            assertThat(r.get("no.such_stat")).isEmpty();
        }
        // The probe prints its latencies, so a slower L1 prints something else.
        assertThat(rows.get(0).get("output_matches")).isEqualTo("true");
        assertThat(rows.get(4).get("output_matches")).isEqualTo("false");
        // Repeats of a point are the same run, bit for bit, though they ran side by side.
        assertThat(rows.get(1).get("repeat")).isEqualTo("2");
        assertThat(rows.get(1).get("sim.seconds")).isEqualTo(rows.get(0).get("sim.seconds"));
        assertThat(rows.get(1).get("config_sha256")).isEqualTo(rows.get(0).get("config_sha256"));
        assertThat(rows.get(5).get("cpu.ipc")).isEqualTo(rows.get(4).get("cpu.ipc"));
        assertThat(Double.parseDouble(rows.get(4).get("sim.seconds")))
                .isGreaterThan(Double.parseDouble(rows.get(0).get("sim.seconds")));
        assertThat(stderr).contains("no point has a statistic named 'no.such_stat'");
        // The failed value's category is a gap: a line through the two values that exist.
        Document svg = xml(out.resolve("plot.svg"));
        assertThat(svg.getElementsByTagName("circle").getLength()).isEqualTo(2);
        assertThat(Files.exists(out.resolve("plot.png"))).isTrue();
    }

    @Test
    void badRequestsAreOneLineAndRunNothing() throws IOException {
        String hello = TestPrograms.locate("programs/bin/hello").toString();
        String dir = tmp.resolve("bad").toString();
        String[][] cases = {
            {"--out", dir, "--set", "excache.sise=1MiB,2MiB", hello},
            {"--out", dir, "--set", "excache.size=1MiB,2MiB", "--set", "excache.size=4MiB", hello},
            {"--out", dir, "--set", "excache.size=1MiB,,2MiB", hello},
            {"--out", dir, "--set", "excache.size=1MiB,2MiB", "--plot", "excache.ways:sim.seconds", hello},
            {"--out", dir, "--set", "excache.size=1MiB,2MiB", "--plot", "excache.size", hello},
            {"--out", dir, "--set", "excache.ways=banana", "--set", "excache.size=1MiB,2MiB", hello},
            {"--out", dir, "-j", "0", hello},
            {"--set", "excache.size=1MiB,2MiB", hello},
            {"--out", dir, tmp.resolve("missing").toString()},
        };
        for (String[] c : cases) {
            assertThat(sweep(c)).as(String.join(" ", c)).isEqualTo(Main.USAGE_STATUS);
            assertThat(stderr.lines().filter(l -> l.startsWith("splitsim: ")).count()).as(stderr).isEqualTo(1);
            assertThat(stderr).doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(Files.exists(Path.of(dir, "results.csv"))).isFalse();
        }
    }

    @Test
    void tasksRunOnePointEachAndCollectMakesTheTableALocalSweepMakes() throws Exception {
        String hello = TestPrograms.locate("programs/bin/hello").toString();
        Path local = tmp.resolve("local");
        assertThat(sweep("-q", "--out", local.toString(), "--set", "excache.size=64KiB,1MiB", hello)).as(stderr).isZero();
        // What a Slurm array task does: one point, into DIR/points/, no table yet.
        Path tasks = tmp.resolve("tasks");
        assertThat(sweep("--task", "1", "-q", "--out", tasks.toString(), "--set", "excache.size=64KiB,1MiB", hello))
                .as(stderr).isZero();
        assertThat(tasks.resolve("results.csv")).doesNotExist();
        assertThat(tasks.resolve("points").resolve("point-001-1.row")).exists();
        assertThat(tasks.resolve("points").resolve("point-000-1.row")).doesNotExist();
        // The plan is written by the sweep that plans, not by its tasks.
        assertThat(sweep("--task", "2", "-q", "--out", tasks.toString(), "--set", "excache.size=64KiB,1MiB", hello))
                .isEqualTo(2);
        assertThat(stderr).isEqualTo("splitsim: --task must be 0..1, got 2\n");
        Files.copy(local.resolve(SweepStore.PLAN_FILE), tasks.resolve(SweepStore.PLAN_FILE));

        // A point whose task has not run is a row that says so.
        assertThat(sweep("--collect", tasks.toString())).isEqualTo(1);
        assertThat(stderr).contains("splitsim: sweep: 1 of 2 runs have no result yet");
        List<Map<String, String>> rows = csv(tasks.resolve("results.csv"));
        assertThat(rows.get(0).get("outcome")).isEqualTo("error");
        assertThat(rows.get(0).get("error")).startsWith("no result: its task has not finished");
        assertThat(rows.get(1).get("outcome")).isEqualTo("exited");

        assertThat(sweep("--task", "0", "-q", "--out", tasks.toString(), "--set", "excache.size=64KiB,1MiB", hello))
                .as(stderr).isZero();
        assertThat(sweep("--collect", tasks.toString())).as(stderr).isZero();
        assertThat(Files.readAllLines(tasks.resolve("results.csv"))).isEqualTo(Files.readAllLines(local.resolve("results.csv")));
        // Collecting a local sweep's folder again gives its table again.
        List<String> before = Files.readAllLines(local.resolve("results.jsonl"));
        assertThat(sweep("--collect", local.toString())).as(stderr).isZero();
        assertThat(Files.readAllLines(local.resolve("results.jsonl"))).isEqualTo(before);

        assertThat(sweep("--collect", tmp.toString())).isEqualTo(2);
        assertThat(stderr).startsWith("splitsim: --collect " + tmp + ": no sweep.properties there");
    }

    @Test
    void aSweepRunsFurtherProcessesOnTheNextCpuComponents() throws Exception {
        Path out = tmp.resolve("two");
        String args = TestPrograms.locate("programs/bin/args").toString();
        int status = sweep("--out", out.toString(), "--set", "topology.cpu=pcomp0 pcomp1", "--set",
                "excache.size=64KiB,16MiB", "--process", args + " x y", "--stat", "pcomp1.cpu.instructions", "--stat",
                "pcomp1.excache.misses", "--stat", "pcomp0.cpu.instructions",
                TestPrograms.locate("programs/bin/hello").toString());
        assertThat(status).as(stderr).isZero();
        List<Map<String, String>> rows = csv(out.resolve("results.csv"));
        assertThat(rows).hasSize(2).allSatisfy(r -> assertThat(r.get("outcome")).isEqualTo("exited"));
        // The further process runs exactly as it runs alone on a machine of its own.
        Path alone = tmp.resolve("alone.json");
        // args exits with its argument count.
        assertThat(CliRun.of("run", "-q", "--stats-json", alone.toString(), args, "x", "y").status()).isEqualTo(3);
        long instructions = new ObjectMapper().readTree(alone.toFile()).get("cpu.instructions").asLong();
        for (Map<String, String> r : rows) {
            assertThat(Long.parseLong(r.get("pcomp1.cpu.instructions"))).isEqualTo(instructions);
            assertThat(Long.parseLong(r.get("pcomp0.cpu.instructions"))).isPositive();
        }
        assertThat(Long.parseLong(rows.get(0).get("pcomp1.excache.misses")))
                .isGreaterThan(Long.parseLong(rows.get(1).get("pcomp1.excache.misses")));

        assertThat(sweep("--out", tmp.resolve("bad").toString(), "--process", " ", args)).isEqualTo(2);
        assertThat(stderr.strip()).isEqualTo("splitsim: --process expects 'PROGRAM [ARGS...]', got ' '");
        assertThat(sweep("--out", tmp.resolve("bad").toString(), "--process", "no/such/program", args)).isEqualTo(2);
        assertThat(stderr.strip()).isEqualTo("splitsim: no/such/program: no such file");
    }

    private int sweep(String... options) {
        List<String> argv = new ArrayList<>(List.of("sweep"));
        argv.addAll(List.of(options));
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(argv.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8));
        stderr = err.toString(StandardCharsets.UTF_8);
        return status;
    }

    /** The rows of a CSV file whose fields hold no comma or quote, as maps from header to field. */
    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).as(line).hasSameSizeAs(header);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.add(row);
        }
        return rows;
    }

    private static Document xml(Path file) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
    }
}
