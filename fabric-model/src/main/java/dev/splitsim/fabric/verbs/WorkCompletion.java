package dev.splitsim.fabric.verbs;

/**
 * One completion entry: the work request it completes (its id and opcode), how it ended, the bytes it
 * moved, the immediate of a WRITE_WITH_IMM, the queue pair it belongs to and, for a receive, who sent
 * it. A completion queue keeps a ring of these and copies one into the caller's entry per poll, so
 * polling allocates nothing.
 */
public final class WorkCompletion {
    long workRequestId;
    WorkOpcode opcode;
    WorkStatus status;
    int byteLength;
    int immediate;
    boolean hasImmediate;
    int queuePair;
    int sourceNode;
    int sourceQueuePair;
    long completionTick;
    long polledTick;

    void copyFrom(WorkCompletion e) {
        workRequestId = e.workRequestId;
        opcode = e.opcode;
        status = e.status;
        byteLength = e.byteLength;
        immediate = e.immediate;
        hasImmediate = e.hasImmediate;
        queuePair = e.queuePair;
        sourceNode = e.sourceNode;
        sourceQueuePair = e.sourceQueuePair;
        completionTick = e.completionTick;
        polledTick = e.polledTick;
    }

    public long workRequestId() {
        return workRequestId;
    }

    public WorkOpcode opcode() {
        return opcode;
    }

    public WorkStatus status() {
        return status;
    }

    public boolean ok() {
        return status == WorkStatus.SUCCESS;
    }

    /** Bytes sent, written, read or received (8 for an atomic). */
    public int byteLength() {
        return byteLength;
    }

    public int immediate() {
        return immediate;
    }

    public boolean hasImmediate() {
        return hasImmediate;
    }

    /** The local queue pair the work request was posted on, or the receive was consumed by. */
    public int queuePair() {
        return queuePair;
    }

    /** For a receive: the node that sent. */
    public int sourceNode() {
        return sourceNode;
    }

    /** For a receive: the queue pair that sent. */
    public int sourceQueuePair() {
        return sourceQueuePair;
    }

    /** When the NIC wrote the entry. */
    public long completionTick() {
        return completionTick;
    }

    /** When the software that polled saw it. */
    public long polledTick() {
        return polledTick;
    }

    @Override
    public String toString() {
        return opcode + " wr " + workRequestId + " " + status + " " + byteLength + " B"
                + (hasImmediate ? " imm " + immediate : "") + " on qp " + queuePair;
    }
}
