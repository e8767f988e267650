package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.splitsim.core.config.Config;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.cli.Main;
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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * excache.fetch=one-sided: a miss on a line whose frames an earlier miss brought back is an RDMA
 * READ that no memory-side software sees, its bytes only in the READ response's payload.
 */
final class OneSidedFetchTest {
    private static final Path SORT = DifferentialTest.BIN.resolve("sort");

    @TempDir
    Path tmp;

    private Map<String, Double> stats(String... options) throws IOException {
        Path json = Files.createTempFile(tmp, "stats", ".json");
        List<String> cmd = new ArrayList<>(List.of("run", "-q", "--stats-json", json.toString()));
        cmd.addAll(List.of(options));
        cmd.add(SORT.toString());
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(cmd.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream()), new PrintStream(err, true));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return Tools.flatJson(Files.readString(json));
    }

    @Test
    void aMissOnAKnownLineIsAReadTheMemoryMonitorNeverSees() throws IOException {
        Map<String, Double> s = stats("--set", "excache.size=1MiB", "--set", "excache.fetch=one-sided");
        double fills = s.get("excache.one_sided_fills");
        double rpcMisses = s.get("fabric.messages.p2m_pcache_miss") + s.get("fabric.messages.p2m_pcache_miss_flush");
        assertThat(fills).as("one-sided fills").isGreaterThan(1000);
        assertThat(s.get("fabric.messages.rdma_read")).isEqualTo(s.get("excache.one_sided_reads")).isEqualTo(fills);
        // The memory monitor served exactly the misses that went by RPC; the READs reached only its NIC.
        assertThat(s.get("memory.misses_served")).isEqualTo(rpcMisses);
        assertThat(s.get("excache.remote_misses")).isEqualTo(rpcMisses + fills);
        // Each RPC miss found a page it had no frame for: a first touch or a translation let go.
        assertThat(s.get("excache.translation_misses")).isPositive().isLessThanOrEqualTo(rpcMisses);
        // A 4 KiB READ takes what docs/reference.md's one-sided rows give: 6.19 us, within 10%.
        double readNs = s.get("excache.miss_stage.rdma_read_ns") * s.get("excache.remote_misses") / fills;
        assertThat(readNs).isCloseTo(6190, within(619.0));
        Map<String, Double> rpc = stats("--set", "excache.size=1MiB");
        assertThat(s.get("excache.miss_latency_mean_ns")).isLessThan(rpc.get("excache.miss_latency_mean_ns"));
        assertThat(s.get("sim.seconds")).isLessThan(rpc.get("sim.seconds"));
        assertThat(rpc.get("fabric.messages.rdma_read")).isZero();
    }

    @Test
    void theBytesOfAOneSidedFillArriveOnlyInTheReadResponse() {
        String clean = runSort(false);
        assertThat(clean).startsWith("sorted 200000 values");
        assertThat(runSort(true)).isNotEqualTo(clean);
    }

    private String runSort(boolean corrupt) {
        Config c = Profiles.load("legoos", List.of("excache.size=256KiB", "excache.fetch=one-sided"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true);
        ProcessSpec spec = new ProcessSpec(SORT, SORT.toString(), List.of(SORT.toString()), List.of(),
                new ByteArrayInputStream(new byte[0]), stdout, new PrintStream(new ByteArrayOutputStream()), false,
                false, false, Path.of("").toAbsolutePath(), c.getLong(MachineKeys.SIM_SEED), false);
        Machine m = Machine.load(c, spec);
        int[] seen = {0};
        if (corrupt) {
            // Every READ response's bytes come back inverted: nothing else could carry the line.
            m.fabric().setInFlightHook(msg -> {
                if (msg.type() == MessageType.RDMA_READ_RESPONSE) {
                    for (int i = 0; i < msg.dataLength(); i++) {
                        msg.data()[i] = (byte) ~msg.data()[i];
                    }
                    seen[0]++;
                }
            });
        }
        var result = m.run(new RunLimits(10_000_000_000L, 0));
        stdout.flush();
        if (corrupt) {
            assertThat(seen[0]).as("READ responses").isPositive();
        }
        return out.toString(StandardCharsets.UTF_8) + " status " + result.exitStatus();
    }
}
