package dev.splitsim.machine.netbench;

import dev.splitsim.core.event.Event;
import dev.splitsim.fabric.verbs.CompletionQueue;
import dev.splitsim.fabric.verbs.QueuePair;
import dev.splitsim.fabric.verbs.WorkCompletion;

/**
 * One client of the benchmark: a closed loop of one operation, the next started as soon as the
 * last is seen complete (its completion polled, or its reply seen). Its own event starts each
 * operation, so the loop allocates nothing.
 */
final class BenchClient extends Event implements CompletionQueue.Listener, BenchFabric.Replied {
    private static final long LOCAL = BenchFabric.CLIENT_BASE;
    private static final long REMOTE = BenchFabric.SERVER_BASE;

    private final BenchFabric bench;
    private final NetOp op;
    private final int size;
    private final int node;
    private final int endpoint;
    private final Window window;
    private final QueuePair qp;
    private final int localKey;
    private final int remoteKey;
    private final WorkCompletion polled = new WorkCompletion();
    private long startTick;
    /** Completions still to come before the operation is done (a WRITE and the READ that flushes it). */
    private int awaiting;

    BenchClient(BenchFabric bench, NetOp op, int size, int node, int endpoint, Window window) {
        this.bench = bench;
        this.op = op;
        this.size = size;
        this.node = node;
        this.endpoint = endpoint;
        this.window = window;
        this.localKey = bench.clientRegions[node].localKey();
        this.remoteKey = bench.serverRegion.remoteKey();
        if (op == NetOp.RPC || op == NetOp.RPC_PERSIST) {
            this.qp = null;
        } else {
            CompletionQueue cq = bench.clientDevices[node].createCompletionQueue(8);
            cq.setListener(this);
            this.qp = bench.connect(node, cq);
        }
    }

    /** Starts the next operation. */
    @Override
    protected void fire(long tick) {
        startTick = tick;
        awaiting = 1;
        switch (op) {
            case READ -> qp.postRead(endpoint, LOCAL, localKey, size, REMOTE, remoteKey, tick);
            case WRITE, WRITE_RPC_FLUSH -> qp.postWrite(endpoint, LOCAL, localKey, size, REMOTE, remoteKey, tick);
            case WRITE_WITH_IMM -> qp.postWriteWithImm(endpoint, LOCAL, localKey, size, REMOTE, remoteKey, endpoint, tick);
            case SEND -> qp.postSend(endpoint, LOCAL, localKey, size, tick);
            case CAS -> qp.postCompareSwap(endpoint, LOCAL, localKey, REMOTE, remoteKey, 0, endpoint, tick);
            case FETCH_ADD -> qp.postFetchAdd(endpoint, LOCAL, localKey, REMOTE, remoteKey, 1, tick);
            case WRITE_READ_FLUSH -> {
                // The READ is ordered behind the WRITE on the connection: one round trip and the flush.
                awaiting = 2;
                qp.postWrite(endpoint, LOCAL, localKey, size, REMOTE, remoteKey, tick);
                qp.postRead(endpoint, LOCAL, localKey, 8, REMOTE, remoteKey, tick);
            }
            case RPC -> bench.fabric.post(bench.rpc(node, endpoint, NetOp.ECHO, size, size, this), tick);
            case RPC_PERSIST -> bench.fabric.post(bench.rpc(node, endpoint, NetOp.PERSIST_WRITE, size, size, this), tick);
        }
    }

    @Override
    public void written(CompletionQueue queue, long tick) {
        while (queue.poll(tick, polled)) {
            if (!polled.ok()) {
                throw new IllegalStateException("benchmark " + op.label + " failed: " + polled);
            }
            if (--awaiting > 0) {
                continue;
            }
            if (op == NetOp.WRITE_RPC_FLUSH) {
                // Another queue pair, so nothing orders it behind the WRITE: it goes once the WRITE is acknowledged.
                bench.fabric.post(bench.rpc(node, endpoint, NetOp.FLUSH, 0, size, this), polled.polledTick());
            } else {
                finish(polled.polledTick());
            }
        }
    }

    @Override
    public void replied(long tick) {
        finish(tick);
    }

    private void finish(long endTick) {
        if (window.done(startTick, endTick, size)) {
            bench.events.schedule(this, endTick);
        }
    }
}
