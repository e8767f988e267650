package dev.splitsim.fabric.verbs;

import dev.splitsim.fabric.net.Fabric;
import java.util.ArrayList;
import java.util.List;

/**
 * The verbs layer over one fabric: a {@link VerbsDevice} per node that uses it, and the question a
 * node's memory monitor asks before it moves memory (is the range registered, hence pinned?).
 */
public final class Verbs {
    private final Fabric fabric;
    private final VerbsParams params;
    private final List<VerbsDevice> devices = new ArrayList<>();

    public Verbs(Fabric fabric, VerbsParams params) {
        this.fabric = fabric;
        this.params = params;
    }

    public VerbsParams params() {
        return params;
    }

    public Fabric fabric() {
        return fabric;
    }

    /** Gives node {@code node} a verbs NIC over {@code memory}. */
    public VerbsDevice open(int node, RegionMemory memory) {
        while (devices.size() <= node) {
            devices.add(null);
        }
        if (devices.get(node) != null) {
            throw new IllegalStateException("node " + node + " already has a verbs device");
        }
        VerbsDevice d = new VerbsDevice(fabric, node, memory, params);
        devices.set(node, d);
        return d;
    }

    /** Node {@code node}'s device, or null when it has none. */
    public VerbsDevice device(int node) {
        return node < devices.size() ? devices.get(node) : null;
    }

    /** Whether any byte of the range of node {@code node}'s memory is registered (and so must not move). */
    public boolean isPinned(int node, long address, long length) {
        VerbsDevice d = device(node);
        return d != null && d.isPinned(address, length);
    }

    /** Connects two reliable-connected queue pairs to each other. */
    public static void connect(QueuePair a, QueuePair b) {
        a.connect(b.node(), b.number());
        b.connect(a.node(), a.number());
    }
}
