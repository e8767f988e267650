package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The guest's region-of-interest marks (programs/include/splitsim.h), as programs/bin/roi uses
 * them: a reset, then a dump-and-reset after N loop iterations ("sum"), then a dump after one
 * write to each of PAGES fresh pages ("touch"). Each dump is a numbered section of both stats files
 * holding what the machine counted between the marks.
 */
final class RegionOfInterestTest {
    private static final int N = 200_000;
    private static final int PAGES = 64;

    @TempDir
    Path tmp;

    @Test
    void eachDumpIsANumberedSectionOfWhatHappenedBetweenTheMarks() throws Exception {
        JsonNode json = run("a");
        assertThat(json.get("roi.sections").asInt()).isEqualTo(2);
        assertThat(json.get("roi.dropped").asInt()).isZero();
        assertThat(json.get("roi.1.name").asText()).isEqualTo("sum");
        assertThat(json.get("roi.2.name").asText()).isEqualTo("touch");

        // The loop is a few instructions an iteration (add, multiply, compare and branch), and nothing else ran.
        long sumInstructions = json.get("roi.1.cpu.instructions").asLong();
        assertThat(sumInstructions).isBetween(3L * N, 8L * N);
        assertThat(json.get("roi.1.bpred.predictions").asLong()).isBetween((long) N, N + 100L);
        assertThat(json.get("roi.1.excache.misses").asLong()).isLessThan(4);
        assertThat(json.get("roi.1.syscalls.splitsim_stats").asLong()).isEqualTo(1);
        // One write per page: a miss per fresh page (the first may share malloc's page), a few instructions each.
        assertThat(json.get("roi.2.excache.misses").asLong()).isBetween(PAGES - 2L, PAGES + 4L);
        assertThat(json.get("roi.2.cpu.instructions").asLong()).isBetween(2L * PAGES, 10L * PAGES + 100);
        // The sections are parts of the run, not the run: startup and the printing come after or before.
        long total = json.get("cpu.instructions").asLong();
        assertThat(sumInstructions + json.get("roi.2.cpu.instructions").asLong()).isLessThan(total);
        assertThat(json.get("roi.1.sim.ticks").asLong()).isPositive().isLessThan(json.get("sim.ticks").asLong());
        // Counts only: a difference of ratios means nothing.
        assertThat(json.has("roi.1.cpu.ipc")).isFalse();

        String text = Files.readString(tmp.resolve("a.txt"));
        assertThat(text).containsPattern("(?m)^roi\\.1\\.name +sum ")
                .containsPattern("(?m)^roi\\.1\\.cpu\\.instructions +" + sumInstructions + " insts ");
    }

    @Test
    void theSectionsAreTheSameEveryRun() throws Exception {
        assertThat(sections(run("a"))).isEqualTo(sections(run("b")));
    }

    private static Map<String, String> sections(JsonNode json) {
        Map<String, String> out = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = json.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            if (e.getKey().startsWith("roi.")) {
                out.put(e.getKey(), e.getValue().asText());
            }
        }
        return out;
    }

    private JsonNode run(String name) throws Exception {
        Path json = tmp.resolve(name + ".json");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"run", "--stats-json", json.toString(), "--stats",
            tmp.resolve(name + ".txt").toString(), TestPrograms.locate("programs/bin/roi").toString(),
            Integer.toString(N), Integer.toString(PAGES)}, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out), new PrintStream(err));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("touched " + PAGES + " pages");
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("roi 1   sum");
        return new ObjectMapper().readTree(json.toFile());
    }
}
