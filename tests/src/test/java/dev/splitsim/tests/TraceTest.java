package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.splitsim.core.config.Config;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.RunResult;
import dev.splitsim.machine.cli.Main;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.config.Profiles;
import dev.splitsim.machine.trace.NullTrace;
import dev.splitsim.machine.trace.TraceCategories;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Traces: the Chrome trace-event file Perfetto opens (named tracks, flows from send to arrival,
 * misses split into stages), the stable text format, and that a run without tracing builds no
 * trace records at all.
 */
final class TraceTest {
    private static final Path HELLO = DifferentialTest.BIN.resolve("hello");
    /** The documented fabric line, after the time and kind columns. */
    private static final Pattern FABRIC_LINE = Pattern.compile("#(\\d+) ([A-Z0-9_]+) (\\w+) -> (\\w+) (\\d+) B"
            + " sent (\\d+\\.\\d{6}) us arrived (\\d+\\.\\d{6}) us (reply to #(\\d+)|handled \\d+\\.\\d{6} us)"
            + " cause (kernel|core\\d+ pc 0x[0-9a-f]+( <[^>]+>)?( va 0x[0-9a-f]+)?)( \\{.*})?");
    private static final Pattern LINE = Pattern.compile(" *(\\d+\\.\\d{6}) us  (fabric|excache|syscall|insn) +(.*)");

    @TempDir
    Path tmp;

    private static int splitsim(String... args) {
        return Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
    }

    private record Slice(String name, String cat, BigDecimal start, BigDecimal end) {
        boolean contains(Slice o) {
            return start.compareTo(o.start) <= 0 && o.end.compareTo(end) <= 0;
        }
    }

    @Test
    void chromeTraceHasNamedTracksFlowsAndMissStages() throws IOException {
        Path chrome = tmp.resolve("t.json");
        Path jsonl = tmp.resolve("t.jsonl");
        assertThat(splitsim("run", "-q", "--trace-file", chrome.toString(), "--trace-format", "chrome",
                HELLO.toString())).isZero();
        assertThat(splitsim("run", "-q", "--trace-file", jsonl.toString(), HELLO.toString())).isZero();
        ObjectMapper json = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
        JsonNode events = json.readTree(chrome.toFile()).get("traceEvents");

        Map<Integer, String> processes = new HashMap<>();
        Map<String, String> threads = new HashMap<>();
        Map<String, List<Slice>> slices = new TreeMap<>();
        Map<Long, JsonNode> starts = new HashMap<>();
        Map<Long, JsonNode> finishes = new HashMap<>();
        Set<String> used = new HashSet<>();
        for (JsonNode e : events) {
            String track = e.get("pid").asInt() + "/" + e.get("tid").asInt();
            switch (e.get("ph").asText()) {
                case "M":
                    if (e.get("name").asText().equals("process_name")) {
                        processes.put(e.get("pid").asInt(), e.get("args").get("name").asText());
                    } else if (e.get("name").asText().equals("thread_name")) {
                        threads.put(track, e.get("args").get("name").asText());
                    }
                    break;
                case "X":
                    used.add(track);
                    BigDecimal ts = e.get("ts").decimalValue();
                    slices.computeIfAbsent(track, k -> new ArrayList<>()).add(new Slice(e.get("name").asText(),
                            e.get("cat").asText(), ts, ts.add(e.get("dur").decimalValue())));
                    break;
                case "s":
                    assertThat(starts.put(e.get("id").asLong(), e)).as("one flow start per id").isNull();
                    break;
                case "f":
                    assertThat(finishes.put(e.get("id").asLong(), e)).as("one flow end per id").isNull();
                    break;
                default:
                    used.add(track);
            }
        }
        // One process per component, one named track per part of it.
        assertThat(processes.values()).containsExactlyInAnyOrder("pcomp0", "mcomp0", "scomp0");
        Map<String, Set<String>> tracksOf = new HashMap<>();
        threads.forEach((track, name) -> tracksOf.computeIfAbsent(
                processes.get(Integer.parseInt(track.split("/")[0])), k -> new HashSet<>()).add(name));
        // The CPU component's threads spin on their reply buffers: it has no poller of its own.
        assertThat(tracksOf.get("pcomp0")).containsExactlyInAnyOrder("core0", "NIC tx", "NIC rx", "uplink",
                "downlink");
        assertThat(tracksOf.get("mcomp0")).containsExactlyInAnyOrder("NIC tx", "NIC rx", "uplink", "downlink",
                "poller", "memory monitor worker 0");
        assertThat(tracksOf.get("scomp0")).containsExactlyInAnyOrder("NIC tx", "NIC rx", "uplink", "downlink",
                "poller", "storage monitor worker 0");
        assertThat(threads.keySet()).as("every track with events has a name").containsAll(used);

        // Perfetto draws slices of one track as a stack: they must nest or be disjoint.
        for (Map.Entry<String, List<Slice>> t : slices.entrySet()) {
            List<Slice> sorted = new ArrayList<>(t.getValue());
            sorted.sort((a, b) -> a.start.compareTo(b.start) != 0 ? a.start.compareTo(b.start) : b.end.compareTo(a.end));
            List<Slice> open = new ArrayList<>();
            for (Slice s : sorted) {
                while (!open.isEmpty() && open.get(open.size() - 1).end.compareTo(s.start) <= 0) {
                    open.remove(open.size() - 1);
                }
                if (!open.isEmpty()) {
                    assertThat(open.get(open.size() - 1).contains(s)).as("%s overlaps %s on %s", s,
                            open.get(open.size() - 1), threads.get(t.getKey())).isTrue();
                }
                open.add(s);
            }
        }

        // Every message is one flow from the sender's NIC, once its engine takes it, to the receiver's NIC.
        List<String> fabricRecords = Files.readAllLines(jsonl).stream().filter(l -> l.contains("\"kind\":\"fabric\""))
                .toList();
        assertThat(starts).hasSize(fabricRecords.size()).hasSizeGreaterThan(10);
        assertThat(finishes.keySet()).isEqualTo(starts.keySet());
        for (String record : fabricRecords) {
            JsonNode r = json.readTree(record);
            long seq = r.get("seq").asLong();
            JsonNode s = starts.get(seq);
            JsonNode f = finishes.get(seq);
            assertThat(s.get("ts").decimalValue()).isGreaterThanOrEqualTo(micros(r.get("send_ps").asLong()));
            assertThat(processes.get(s.get("pid").asInt())).isEqualTo(r.get("src").asText());
            assertThat(processes.get(f.get("pid").asInt())).isEqualTo(r.get("dst").asText());
            assertThat(f.get("ts").decimalValue()).isGreaterThan(s.get("ts").decimalValue())
                    .isLessThanOrEqualTo(micros(r.get("arrive_ps").asLong()));
            String name = r.get("type").asText() + " #" + seq;
            assertThat(bindsTo(slices, s, name)).as("flow start of %s on a slice of that message", name).isTrue();
            assertThat(bindsTo(slices, f, name)).as("flow end of %s on a slice of that message", name).isTrue();
        }

        // Each miss is a slice on the core holding its stages.
        String core = threads.entrySet().stream().filter(e -> e.getValue().equals("core0")).findFirst().orElseThrow()
                .getKey();
        List<Slice> misses = new ArrayList<>();
        List<Slice> stages = new ArrayList<>();
        for (Slice s : slices.get(core)) {
            if (s.cat().equals("excache")) {
                (s.name().startsWith("ExCache miss 0x") ? misses : stages).add(s);
            }
        }
        assertThat(misses).hasSizeGreaterThan(10);
        Set<String> stageNames = new HashSet<>();
        for (Slice st : stages) {
            assertThat(misses.stream().anyMatch(m -> m.contains(st))).as("stage %s inside a miss", st).isTrue();
            stageNames.add(st.name());
        }
        for (Slice m : misses) {
            assertThat(stages.stream().anyMatch(m::contains)).as("miss %s has stages", m).isTrue();
        }
        assertThat(stageNames).contains("trap", "request", "monitor", "memory_read", "reply", "fill", "zero_fill");
    }

    private static BigDecimal micros(long ticks) {
        return BigDecimal.valueOf(ticks, 6);
    }

    /** Whether a flow event lies on a slice of the given name that starts at it, as Perfetto binds it. */
    private static boolean bindsTo(Map<String, List<Slice>> slices, JsonNode flow, String name) {
        BigDecimal ts = flow.get("ts").decimalValue();
        for (Slice s : slices.getOrDefault(flow.get("pid").asInt() + "/" + flow.get("tid").asInt(), List.of())) {
            if (s.name().equals(name) && s.start().compareTo(ts) == 0) {
                return true;
            }
        }
        return false;
    }

    @Test
    void textTraceFollowsTheDocumentedFormat() throws IOException {
        Path text = tmp.resolve("t.txt");
        assertThat(splitsim("run", "-q", "--trace", "fabric,excache,syscall", "--trace-file", text.toString(),
                HELLO.toString())).isZero();
        Map<Long, String> requests = new HashMap<>();
        Set<String> kinds = new HashSet<>();
        int replies = 0;
        for (String l : Files.readAllLines(text)) {
            Matcher m = LINE.matcher(l);
            assertThat(m.matches()).as(l).isTrue();
            kinds.add(m.group(2));
            if (!m.group(2).equals("fabric")) {
                continue;
            }
            Matcher f = FABRIC_LINE.matcher(m.group(3));
            assertThat(f.matches()).as(l).isTrue();
            assertThat(f.group(6)).as("a line starts at its send time").isEqualTo(m.group(1));
            assertThat(new BigDecimal(f.group(7))).isGreaterThan(new BigDecimal(f.group(6)));
            if (f.group(9) != null) {
                // A reply names an earlier request and travels back between the same two components.
                String request = requests.get(Long.parseLong(f.group(9)));
                assertThat(request).as("the request of %s", l).isNotNull();
                assertThat(request).isEqualTo(f.group(4) + "->" + f.group(3));
                replies++;
            } else {
                requests.put(Long.parseLong(f.group(1)), f.group(3) + "->" + f.group(4));
            }
        }
        assertThat(kinds).containsExactlyInAnyOrder("fabric", "excache", "syscall");
        assertThat(replies).isGreaterThan(10);

        assertThat(splitsim("run", "-q", "--trace", "insn", "--max-instructions", "50", "--trace-file",
                text.toString(), HELLO.toString())).isEqualTo(124);
        List<String> insns = Files.readAllLines(text);
        assertThat(insns).hasSize(50);
        assertThat(insns.get(0)).matches(" *\\d+\\.\\d{6} us  insn +core0 pc 0x[0-9a-f]+ \\S.*");
    }

    @Test
    void aRunWithoutTracingBuildsNoRecords() {
        Machine plain = Machine.load(legoos(), spec(HELLO));
        assertThat(plain.fabric().tracing()).isFalse();
        assertThat(plain.missPath().tracing()).isFalse();
        assertThat(plain.process().tracingSyscalls()).isFalse();
        assertThat(plain.run(new RunLimits(0, 0)).outcome()).isEqualTo(RunResult.Outcome.EXITED);

        NullTrace fabricOnly = new NullTrace();
        Machine some = Machine.load(legoos(), spec(HELLO), fabricOnly, TraceCategories.FABRIC);
        assertThat(some.fabric().tracing()).isTrue();
        assertThat(some.missPath().tracing()).isFalse();
        assertThat(some.process().tracingSyscalls()).isFalse();

        NullTrace all = new NullTrace();
        Machine traced = Machine.load(legoos(), spec(HELLO), all, TraceCategories.FABRIC | TraceCategories.EXCACHE
                | TraceCategories.SYSCALL);
        assertThat(traced.missPath().tracing()).isTrue();
        assertThat(traced.process().tracingSyscalls()).isTrue();
        traced.run(new RunLimits(0, 0));
        assertThat(all.events()).isGreaterThan(traced.fabric().messages());
    }

    @Test
    void unknownTraceKindIsOneLine() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"run", "--trace", "fabric,bogus", HELLO.toString()},
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true));
        assertThat(status).isEqualTo(2);
        assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("splitsim: --trace: unknown trace kind 'bogus'"
                + " (expected fabric, excache, syscall, insn or all)\n");
    }

    private static Config legoos() {
        return Profiles.load("legoos", List.of());
    }

    private static ProcessSpec spec(Path program) {
        PrintStream drop = new PrintStream(new ByteArrayOutputStream());
        return new ProcessSpec(program, program.toString(), List.of(program.toString()), List.of(),
                new ByteArrayInputStream(new byte[0]), drop, drop, false, false, false, Path.of("").toAbsolutePath(),
                legoos().getLong(MachineKeys.SIM_SEED), false);
    }
}
