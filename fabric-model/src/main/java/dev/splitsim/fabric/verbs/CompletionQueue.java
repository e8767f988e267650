package dev.splitsim.fabric.verbs;

import dev.splitsim.core.event.EventQueue;

/**
 * Where a NIC reports finished work: a ring of preallocated entries the NIC fills and the software
 * polls. A poll that finds an entry sees it {@code completionTicks} after the later of the entry's
 * arrival and the poll itself. Overrunning the ring is the software's sizing error, as on a real NIC,
 * and stops the run.
 */
public final class CompletionQueue {
    private final WorkCompletion[] ring;
    private final EventQueue events;
    private final long completionTicks;
    private int head;
    private int size;
    private long completions;
    private Listener listener;

    /**
     * Who hears of each entry as the NIC writes it (as a completion channel's event wakes a thread
     * asleep on the queue, instead of a core spinning on it); it still polls to take the entry.
     */
    public interface Listener {
        void written(CompletionQueue queue, long tick);
    }

    CompletionQueue(int capacity, EventQueue events, long completionTicks) {
        if (capacity < 1) {
            throw new IllegalArgumentException("a completion queue needs at least one entry");
        }
        this.ring = new WorkCompletion[capacity];
        for (int i = 0; i < capacity; i++) {
            ring[i] = new WorkCompletion();
        }
        this.events = events;
        this.completionTicks = completionTicks;
    }

    /** The next free entry, for the NIC to fill; {@link #commit} makes it visible. */
    WorkCompletion claim() {
        if (size == ring.length) {
            throw new IllegalStateException("completion queue overrun: " + ring.length
                    + " entries not polled (size the queue for the work outstanding)");
        }
        WorkCompletion e = ring[(head + size) % ring.length];
        e.hasImmediate = false;
        e.immediate = 0;
        e.sourceNode = -1;
        e.sourceQueuePair = -1;
        e.byteLength = 0;
        return e;
    }

    void commit() {
        size++;
        completions++;
        if (listener != null) {
            listener.written(this, ring[(head + size - 1) % ring.length].completionTick);
        }
    }

    /** Tells {@code l} of every entry written from now on; null for none. */
    public void setListener(Listener l) {
        this.listener = l;
    }

    /** Entries written and not yet polled. */
    public int pending() {
        return size;
    }

    public int capacity() {
        return ring.length;
    }

    /** Entries written so far. */
    public long completions() {
        return completions;
    }

    /**
     * Software polling at {@code tick}: copies the oldest entry the NIC wrote by then into {@code into}
     * and takes it off the queue; false when there is none.
     */
    public boolean poll(long tick, WorkCompletion into) {
        if (size == 0 || ring[head].completionTick > tick) {
            return false;
        }
        take(tick, into);
        return true;
    }

    /**
     * Software spinning on the queue from {@code tick} on: runs the machine's events until an entry
     * is there and takes it; the entry is seen one poll after it lands. Throws when nothing is
     * pending that could ever complete.
     */
    public WorkCompletion await(long tick, WorkCompletion into) {
        while (size == 0) {
            if (!events.runNext()) {
                throw new IllegalStateException("waiting on a completion queue with no event pending");
            }
        }
        take(tick, into);
        return into;
    }

    private void take(long tick, WorkCompletion into) {
        WorkCompletion e = ring[head];
        e.polledTick = Math.max(tick, e.completionTick) + completionTicks;
        into.copyFrom(e);
        head = (head + 1) % ring.length;
        size--;
    }
}
