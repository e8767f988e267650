package dev.splitsim.fabric.verbs;

import dev.splitsim.core.event.Event;
import dev.splitsim.core.event.EventQueue;
import dev.splitsim.fabric.TestParams;
import dev.splitsim.fabric.net.Fabric;

/** Three nodes with 1 MiB of memory each from address 0, a verbs device on each, the test timing. */
final class TestBed {
    static final int MEMORY = 1 << 20;

    final EventQueue events = new EventQueue();
    final Fabric fabric = new Fabric(TestParams.fabric(), events);
    final Verbs verbs = new Verbs(fabric, TestParams.verbs());
    final ByteArrayMemory[] memory = new ByteArrayMemory[3];
    final VerbsDevice[] device = new VerbsDevice[3];

    TestBed() {
        for (int i = 0; i < 3; i++) {
            int node = fabric.addNode("n" + i);
            memory[i] = new ByteArrayMemory(0, MEMORY);
            device[i] = verbs.open(node, memory[i]);
        }
    }

    /** A reliable pair from node {@code from} to node {@code to}, each with its own queues. */
    QueuePair[] connected(int from, int to) {
        QueuePair a = pair(from, Transport.RC);
        QueuePair b = pair(to, Transport.RC);
        Verbs.connect(a, b);
        return new QueuePair[] {a, b};
    }

    QueuePair pair(int node, Transport t) {
        VerbsDevice d = device[node];
        return d.createQueuePair(t, d.createCompletionQueue(64), d.createCompletionQueue(64), 16, 16);
    }

    void fill(int node, long address, int length, int seed) {
        for (int i = 0; i < length; i++) {
            memory[node].put(address + i, (byte) (seed + 31 * i));
        }
    }

    byte[] bytes(int node, long address, int length) {
        byte[] b = new byte[length];
        memory[node].read(address, b, 0, length);
        return b;
    }

    static byte[] pattern(int length, int seed) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (seed + 31 * i);
        }
        return b;
    }

    long readLong(int node, long address) {
        byte[] b = bytes(node, address, 8);
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            v = (v << 8) | (b[i] & 0xff);
        }
        return v;
    }

    void writeLong(int node, long address, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        memory[node].write(address, b, 0, 8);
    }

    void runAll() {
        while (events.runNext()) {
            // run
        }
    }

    /** Runs {@code action} at {@code tick} of simulated time, as software of a node would. */
    void at(long tick, Runnable action) {
        events.schedule(new Event() {
            @Override
            protected void fire(long t) {
                action.run();
            }
        }, tick);
    }

    static WorkCompletion await(CompletionQueue cq) {
        return cq.await(0, new WorkCompletion());
    }
}
