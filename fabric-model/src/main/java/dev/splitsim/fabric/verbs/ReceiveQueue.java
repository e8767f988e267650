package dev.splitsim.fabric.verbs;

/**
 * Posted receive buffers, taken in the order posted: a queue pair's own receive queue, or a shared
 * receive queue that several queue pairs of one node take from (so a server posts one pool of
 * buffers for all its clients). A SEND lands in the buffer it takes; a WRITE_WITH_IMM takes one only
 * for its completion. A ring of preallocated slots.
 */
public final class ReceiveQueue {
    private final VerbsDevice device;
    private final boolean shared;
    private final long[] workRequestIds;
    private final long[] addresses;
    private final int[] lengths;
    private int head;
    private int size;
    private long taken;

    ReceiveQueue(VerbsDevice device, int capacity, boolean shared) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a receive queue needs at least one slot");
        }
        this.device = device;
        this.shared = shared;
        this.workRequestIds = new long[capacity];
        this.addresses = new long[capacity];
        this.lengths = new int[capacity];
    }

    /**
     * Posts a buffer of {@code length} bytes at {@code address} of the node's memory, in the region
     * {@code localKey} names, which must allow local writes. False when the queue is full or the
     * buffer is not so registered (nothing is posted then).
     */
    public boolean post(long workRequestId, long address, int localKey, int length) {
        if (size == workRequestIds.length || !device.localAccess(localKey, address, length, Access.LOCAL_WRITE)) {
            return false;
        }
        int slot = (head + size) % workRequestIds.length;
        workRequestIds[slot] = workRequestId;
        addresses[slot] = address;
        lengths[slot] = length;
        size++;
        return true;
    }

    public boolean shared() {
        return shared;
    }

    /** Buffers posted and not yet consumed. */
    public int posted() {
        return size;
    }

    /** Buffers consumed so far. */
    public long consumed() {
        return taken;
    }

    boolean empty() {
        return size == 0;
    }

    long headId() {
        return workRequestIds[head];
    }

    long headAddress() {
        return addresses[head];
    }

    int headLength() {
        return lengths[head];
    }

    void take() {
        head = (head + 1) % workRequestIds.length;
        size--;
        taken++;
    }
}
