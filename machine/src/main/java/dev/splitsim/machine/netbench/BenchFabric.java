package dev.splitsim.machine.netbench;

import dev.splitsim.core.event.EventQueue;
import dev.splitsim.core.event.Resource;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.FabricParams;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.fabric.net.NicParams;
import dev.splitsim.fabric.net.Receiver;
import dev.splitsim.fabric.rpc.RpcParams;
import dev.splitsim.fabric.verbs.Access;
import dev.splitsim.fabric.verbs.ByteArrayMemory;
import dev.splitsim.fabric.verbs.CompletionQueue;
import dev.splitsim.fabric.verbs.MemoryRegion;
import dev.splitsim.fabric.verbs.PersistCost;
import dev.splitsim.fabric.verbs.QueuePair;
import dev.splitsim.fabric.verbs.Transport;
import dev.splitsim.fabric.verbs.Verbs;
import dev.splitsim.fabric.verbs.VerbsDevice;
import dev.splitsim.fabric.verbs.WorkCompletion;

/**
 * A fabric with nothing but a server node and client nodes on one switch, for one point of the
 * benchmark: every node has a verbs NIC over a small memory, the server an RPC endpoint that
 * answers at once (or after persisting, on persistent memory), the client nodes an endpoint that
 * hands each reply to the client that asked.
 */
final class BenchFabric {
    static final int SERVER = 0;
    /** The server's target buffer and each client node's local buffer: room for the largest payload. */
    static final int BUFFER = 64 * 1024 + 64;
    static final long SERVER_BASE = 0x10_0000;
    static final long CLIENT_BASE = 0x20_0000;

    final EventQueue events = new EventQueue();
    final Fabric fabric;
    final Verbs verbs;
    final VerbsDevice server;
    final MemoryRegion serverRegion;
    final VerbsDevice[] clientDevices;
    final MemoryRegion[] clientRegions;
    private final CompletionQueue serverReceives;
    private final PersistCost persist;
    private final long pmemWriteTicks;
    private final long dispatchTicks;
    private final Resource[] workers;

    /** Who waits for an RPC reply. */
    interface Replied {
        void replied(long tick);
    }

    BenchFabric(FabricParams fp, NicParams nic, RpcParams rpc, dev.splitsim.fabric.verbs.VerbsParams vp, int clientNodes,
            int clients, PersistCost persist, long pmemWriteTicks, int workerCount, long dispatchTicks) {
        this.fabric = new Fabric(fp, events, nic, rpc);
        this.verbs = new Verbs(fabric, vp);
        this.persist = persist;
        this.pmemWriteTicks = pmemWriteTicks;
        this.dispatchTicks = dispatchTicks;
        this.workers = new Resource[workerCount];
        for (int i = 0; i < workerCount; i++) {
            workers[i] = new Resource("server.worker" + i);
        }
        fabric.addNode("server");
        for (int i = 0; i < clientNodes; i++) {
            fabric.addNode("client" + i);
        }
        server = verbs.open(SERVER, new ByteArrayMemory(SERVER_BASE, BUFFER));
        if (persist != null) {
            server.persistent(persist);
        }
        serverRegion = server.register(SERVER_BASE, BUFFER, Access.ALL);
        serverReceives = server.createCompletionQueue(Math.max(64, clients * 4 + 16));
        serverReceives.setListener(this::repost);
        clientDevices = new VerbsDevice[clientNodes];
        clientRegions = new MemoryRegion[clientNodes];
        for (int i = 0; i < clientNodes; i++) {
            clientDevices[i] = verbs.open(1 + i, new ByteArrayMemory(CLIENT_BASE, BUFFER));
            clientRegions[i] = clientDevices[i].register(CLIENT_BASE, BUFFER, Access.ALL);
            fabric.attach(1 + i, this::reply);
        }
        fabric.attach(SERVER, new Receiver() {
            @Override
            public void receive(Message m, long tick) {
                serve(m, tick);
            }
        });
    }

    /** A server queue pair connected to a new one on client node {@code clientNode}, which is returned. */
    QueuePair connect(int clientNode, CompletionQueue sendCompletions) {
        VerbsDevice d = clientDevices[clientNode];
        QueuePair qp = d.createQueuePair(Transport.RC, sendCompletions, d.createCompletionQueue(4), 4, 4);
        // Room for one more receive than are kept posted: the server posts again from inside the completion.
        QueuePair peer = server.createQueuePair(Transport.RC, server.createCompletionQueue(4), serverReceives, 4, 8);
        Verbs.connect(qp, peer);
        for (int i = 0; i < 4; i++) {
            peer.postReceive(i, SERVER_BASE, serverRegion.localKey(), BUFFER);
        }
        return qp;
    }

    /** The server's software takes a SEND's or WRITE_WITH_IMM's receive completion and posts the buffer again. */
    private final WorkCompletion taken = new WorkCompletion();

    private void repost(CompletionQueue q, long tick) {
        while (q.poll(tick, taken)) {
            server.queuePair(taken.queuePair()).postReceive(taken.workRequestId(), SERVER_BASE, serverRegion.localKey(),
                    BUFFER);
        }
    }

    /**
     * The benchmark's server: a worker takes the request for the memory monitor's dispatch time (as
     * the LegoOS RPC figures include it), and on persistent memory also writes the bytes it was sent
     * and persists them, or persists the bytes it is told of (clwb and a fence), before answering.
     */
    private void serve(Message m, long tick) {
        long length = m.get("length");
        long opcode = m.get("opcode");
        long service = dispatchTicks;
        if (persist != null && opcode == NetOp.PERSIST_WRITE) {
            service += pmemWriteTicks + persist.ticks(length);
        } else if (persist != null && opcode == NetOp.FLUSH) {
            service += persist.ticks(length);
        }
        int w = Resource.soonestFree(workers);
        long start = workers[w].serve(tick, service);
        Message reply = fabric.replyTo(m).set("status", 0);
        fabric.post(reply, start + service);
        fabric.handled(m, w, start, start + service);
    }

    private void reply(Message m, long tick) {
        Replied who = (Replied) m.context();
        fabric.handled(m, -1, tick, tick);
        who.replied(tick);
    }

    /** An RPC request from client {@code endpoint} of client node {@code clientNode} to the server. */
    Message rpc(int clientNode, int endpoint, int opcode, int size, long length, Replied who) {
        Message m = fabric.obtain(MessageType.RPC_PING, 1 + clientNode, SERVER).endpoint(endpoint).context(who);
        m.set("opcode", opcode).set("src", 1 + clientNode).set("length", length);
        m.data(size);
        return m;
    }
}
