package dev.splitsim.machine.netbench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.machine.cli.Main;
import dev.splitsim.machine.config.Profiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The fabric benchmark on the legoos profile: one-sided verbs as ConnectX-3 measured them
 * (docs/reference.md, One-sided verbs), datagrams with a shared receive queue holding up where
 * connections run out of NIC state, durable writes to persistent memory, and the same figures on
 * every run.
 */
final class NetBenchTest {
    private static List<NetRow> rows;

    @BeforeAll
    static void measure() {
        NetBench bench = new NetBench(Profiles.load("legoos", List.of("fabric.server_pollers=4", "memory.monitor_workers=4")));
        rows = bench.run(new NetBench.Plan(List.of(4, 256, 1024, 4096), List.of(1, 512), 8, 16, 5, 200_000_000L,
                500_000_000L, 32));
    }

    private static NetRow row(String table, String op, int size, int clients) {
        for (NetRow r : rows) {
            if (r.table().equals(table) && r.op().equals(op) && r.size() == size && r.clients() == clients) {
                return r;
            }
        }
        throw new AssertionError("no row " + table + " " + op + " " + size + " " + clients);
    }

    @ParameterizedTest(name = "{0} of {1} B ~ {2} us")
    @CsvSource({"READ, 4, 2.25", "READ, 256, 2.61", "READ, 1024, 3.48", "READ, 4096, 6.19", "WRITE, 4, 1.17",
            "WRITE, 256, 1.96", "WRITE, 1024, 2.78", "WRITE, 4096, 5.52"})
    void oneSidedLatencyMatchesConnectX3(String verb, int size, double microseconds) {
        NetRow r = row(NetBench.LATENCY, verb, size, 1);
        assertThat(r.ops()).isEqualTo(5);
        assertThat(r.meanUs()).isBetween(microseconds * 0.9, microseconds * 1.1);
        assertThat(r.p99Us()).as("one client alone: every operation alike").isEqualTo(r.p50Us());
    }

    @Test
    void atFiveHundredTwelveClientsDatagramsCarryAtLeastTwiceWhatConnectionsDo() {
        NetRow ud = row(NetBench.BY_CLIENTS, "rpc ud-srq", 32, 512);
        NetRow rc = row(NetBench.BY_CLIENTS, "rpc rc-send", 32, 512);
        assertThat(ud.mops()).isGreaterThanOrEqualTo(2 * rc.mops());
        assertThat(row(NetBench.BY_CLIENTS, "rpc ud-srq", 32, 1).mops())
                .as("one client is latency-bound").isLessThan(ud.mops() / 10);
        assertThat(row(NetBench.BY_CLIENTS, "READ", 32, 512).mops())
                .as("one-sided verbs on connections fall too").isLessThan(ud.mops() / 2);
    }

    @ParameterizedTest(name = "{0} B")
    @CsvSource({"4", "256", "1024", "4096"})
    void aDurableOneSidedWriteIsNoFasterThanAPersistentRpcWrite(int size) {
        NetRow oneSided = row(NetBench.DURABLE, "WRITE+RPC flush (legoos)", size, 1);
        NetRow rpc = row(NetBench.DURABLE, "RPC persistent write (legoos)", size, 1);
        NetRow plain = row(NetBench.DURABLE, "WRITE", size, 1);
        assertThat(oneSided.meanUs()).isGreaterThanOrEqualTo(rpc.meanUs());
        assertThat(plain.meanUs()).as("a WRITE alone is not durable, and quicker").isLessThan(rpc.meanUs());
        assertThat(row(NetBench.DURABLE, "WRITE+READ flush", size, 1).meanUs()).isGreaterThan(plain.meanUs());
    }

    @Test
    void theSameCommandPrintsTheSameFigures() {
        String first = netbench("--quick", "--format", "json");
        assertThat(first).contains("\"table\":\"latency\"").contains("\"op\":\"rpc herd\"");
        assertThat(netbench("--quick", "--format", "json")).isEqualTo(first);
    }

    private static String netbench(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] all = new String[args.length + 1];
        all[0] = "netbench";
        System.arraycopy(args, 0, all, 1, args.length);
        int status = Main.run(all, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                new PrintStream(err, true));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }
}
