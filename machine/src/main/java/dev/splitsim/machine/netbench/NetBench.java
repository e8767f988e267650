package dev.splitsim.machine.netbench;

import dev.splitsim.core.config.Config;
import dev.splitsim.fabric.net.FabricParams;
import dev.splitsim.fabric.net.NicParams;
import dev.splitsim.fabric.rpc.RpcParams;
import dev.splitsim.fabric.rpc.RpcStyle;
import dev.splitsim.fabric.verbs.PersistCost;
import dev.splitsim.fabric.verbs.VerbsParams;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.config.MachineKeys;
import java.util.ArrayList;
import java.util.List;

/**
 * The fabric measured alone, with no guest: every verb and every RPC style, by payload size and by
 * number of clients, and the ways to make a write to persistent memory durable. Each point is a
 * fresh fabric of its own (a server node and client nodes on one switch) run to its end, so the
 * figures depend only on the configuration and the plan.
 */
public final class NetBench {
    /** The tables, in the order they are printed. */
    public static final String LATENCY = "latency";
    public static final String BY_SIZE = "throughput_by_size";
    public static final String BY_CLIENTS = "throughput_by_clients";
    public static final String DURABLE = "durable_write";

    private static final NetOp[] VERBS = {NetOp.READ, NetOp.WRITE, NetOp.WRITE_WITH_IMM, NetOp.SEND, NetOp.CAS,
            NetOp.FETCH_ADD};
    private static final NetOp[] DURABLE_OPS = {NetOp.WRITE, NetOp.WRITE_READ_FLUSH, NetOp.WRITE_RPC_FLUSH,
            NetOp.RPC_PERSIST};
    private static final int ATOMIC_BYTES = 8;

    /**
     * What to measure: payload sizes, client counts (spread round-robin over {@code clientNodes}),
     * the clients of the by-size table, the operations of a latency point, the warm-up and
     * measurement windows of a throughput point (ticks) and the payload of the by-clients table.
     */
    public record Plan(List<Integer> sizes, List<Integer> clients, int clientNodes, int sizeClients, int latencyOps,
            long warmTicks, long windowTicks, int clientsPayload) {
        public static Plan full(int clientNodes) {
            return new Plan(List.of(4, 64, 256, 1024, 4096, 16384, 65536),
                    List.of(1, 2, 4, 8, 16, 32, 64, 128, 256, 512, 1024), clientNodes, 16, 100, 500_000_000L,
                    2_000_000_000L, 32);
        }

        /** A few points of each table, for tests and a first look. */
        public static Plan quick(int clientNodes) {
            return new Plan(List.of(4, 1024, 4096, 65536), List.of(1, 64, 512), clientNodes, 16, 10, 200_000_000L,
                    500_000_000L, 32);
        }

        public Plan {
            if (clientNodes < 1 || sizeClients < 1 || latencyOps < 1 || warmTicks < 0 || windowTicks <= 0) {
                throw new IllegalArgumentException("netbench: at least one client node, client and operation");
            }
        }
    }

    private final FabricParams fabric;
    private final NicParams nic;
    private final RpcParams rpc;
    private final VerbsParams verbs;
    private final PersistCost persist;
    private final long pmemWriteTicks;
    private final int workers;
    private final long dispatchTicks;

    public NetBench(Config c) {
        this.fabric = Machine.fabricParams(c);
        this.nic = Machine.nicParams(c);
        this.rpc = Machine.rpcParams(c);
        this.verbs = Machine.verbsParams(c);
        this.persist = new PersistCost(c.getLong(MachineKeys.PMEM_PERSIST_LINE), c.getLong(MachineKeys.PMEM_PERSIST));
        this.pmemWriteTicks = c.getLong(MachineKeys.PMEM_WRITE);
        this.workers = c.getInt(MachineKeys.MEMORY_WORKERS);
        this.dispatchTicks = c.getLong(MachineKeys.MEMORY_DISPATCH);
    }

    /** Every table of the plan. */
    public List<NetRow> run(Plan plan) {
        List<NetRow> rows = new ArrayList<>();
        for (String table : new String[] {LATENCY, BY_SIZE}) {
            boolean latency = table.equals(LATENCY);
            int clients = latency ? 1 : plan.sizeClients();
            for (NetOp op : VERBS) {
                for (int size : op.sized ? plan.sizes() : List.of(ATOMIC_BYTES)) {
                    rows.add(point(plan, table, op, rpc.style(), false, size, clients, latency));
                }
            }
            for (RpcStyle s : RpcStyle.values()) {
                for (int size : plan.sizes()) {
                    rows.add(point(plan, table, NetOp.RPC, s, false, size, clients, latency));
                }
            }
        }
        for (NetOp op : VERBS) {
            for (int n : plan.clients()) {
                rows.add(point(plan, BY_CLIENTS, op, rpc.style(), false, op.sized ? plan.clientsPayload() : ATOMIC_BYTES,
                        n, false));
            }
        }
        for (RpcStyle s : RpcStyle.values()) {
            for (int n : plan.clients()) {
                rows.add(point(plan, BY_CLIENTS, NetOp.RPC, s, false, plan.clientsPayload(), n, false));
            }
        }
        for (NetOp op : DURABLE_OPS) {
            for (int size : plan.sizes()) {
                rows.add(point(plan, DURABLE, op, rpc.style(), true, size, 1, true));
            }
        }
        return rows;
    }

    /** One point: a fresh fabric, its clients in a closed loop until the window closes, then drained. */
    NetRow point(Plan plan, String table, NetOp op, RpcStyle style, boolean pmem, int size, int clients,
            boolean latency) {
        RpcParams styled = new RpcParams(style, rpc.pollers(), rpc.receiveDepth(), rpc.sharedReceiveDepth(),
                rpc.rnrDelayTicks(), rpc.retransmitTicks(), rpc.mtuBytes());
        int nodes = Math.min(plan.clientNodes(), clients);
        BenchFabric bench = new BenchFabric(fabric, nic, styled, verbs, nodes, clients, pmem ? persist : null,
                pmemWriteTicks, workers, dispatchTicks);
        Window w = latency ? new Window(0, Long.MAX_VALUE, plan.latencyOps())
                : new Window(plan.warmTicks(), plan.warmTicks() + plan.windowTicks(), Long.MAX_VALUE);
        for (int i = 0; i < clients; i++) {
            BenchClient c = new BenchClient(bench, op, size, i % nodes, i / nodes, w);
            bench.events.schedule(c, 0);
        }
        while (bench.events.runNext()) {
            // every client stops once the window has closed; the last replies drain
        }
        String label = op == NetOp.RPC ? "rpc " + style.key()
                : op == NetOp.WRITE_RPC_FLUSH || op == NetOp.RPC_PERSIST ? op.label + " (" + style.key() + ")" : op.label;
        return w.row(table, pmem ? "pmem" : "dram", label, size, clients);
    }
}
