package dev.splitsim.core.event;

import java.util.Arrays;

/**
 * The one deterministic event queue of a machine: a binary heap ordered by tick, then priority,
 * then insertion order. Scheduling an event that is already pending moves it. Cores take turns, so
 * a core behind in simulated time may post an event earlier than one already run; it runs next, at
 * its own tick, and the resources it reaches serve it after what they already accepted.
 */
public final class EventQueue {
    private Event[] heap = new Event[64];
    private int size;
    private long nextOrder;
    private long now;
    private long fired;
    private long late;

    /** The latest tick of an event run so far. */
    public long now() {
        return now;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    public int pending() {
        return size;
    }

    /**
     * Events run at a tick before one already run: a core behind in time posted them after the
     * queue had run ahead of it (a wait that ran the machine's events on the spot).
     */
    public long late() {
        return late;
    }

    /** Events run so far. */
    public long fired() {
        return fired;
    }

    /** The tick of the earliest pending event, or {@link Long#MAX_VALUE} when none is pending. */
    public long nextTick() {
        return size == 0 ? Long.MAX_VALUE : heap[0].tick;
    }

    /** Schedules {@code e} at {@code tick}, moving it when it is already pending. */
    public void schedule(Event e, long tick) {
        if (e.heapIndex >= 0) {
            removeAt(e.heapIndex);
        }
        e.tick = tick;
        e.order = nextOrder++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        heap[size] = e;
        e.heapIndex = size;
        size++;
        up(size - 1);
    }

    /** Takes {@code e} out of the queue if it is pending. */
    public void cancel(Event e) {
        if (e.heapIndex >= 0) {
            removeAt(e.heapIndex);
        }
    }

    /** Runs the earliest event; false when none is pending. */
    public boolean runNext() {
        if (size == 0) {
            return false;
        }
        Event e = heap[0];
        removeAt(0);
        if (e.tick < now) {
            late++;
        }
        now = Math.max(now, e.tick);
        fired++;
        e.fire(e.tick);
        return true;
    }

    /** Runs every event due at or before {@code tick}; returns how many ran. */
    public int runUntil(long tick) {
        int n = 0;
        while (size > 0 && heap[0].tick <= tick) {
            runNext();
            n++;
        }
        return n;
    }

    private static boolean before(Event a, Event b) {
        if (a.tick != b.tick) {
            return a.tick < b.tick;
        }
        if (a.priority() != b.priority()) {
            return a.priority() < b.priority();
        }
        return a.order < b.order;
    }

    private void removeAt(int i) {
        Event gone = heap[i];
        gone.heapIndex = -1;
        size--;
        if (i == size) {
            heap[size] = null;
            return;
        }
        Event last = heap[size];
        heap[size] = null;
        heap[i] = last;
        last.heapIndex = i;
        if (!up(i)) {
            down(i);
        }
    }

    private boolean up(int i) {
        Event e = heap[i];
        int start = i;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Event p = heap[parent];
            if (!before(e, p)) {
                break;
            }
            heap[i] = p;
            p.heapIndex = i;
            i = parent;
        }
        heap[i] = e;
        e.heapIndex = i;
        return i != start;
    }

    private void down(int i) {
        Event e = heap[i];
        while (true) {
            int child = 2 * i + 1;
            if (child >= size) {
                break;
            }
            if (child + 1 < size && before(heap[child + 1], heap[child])) {
                child++;
            }
            if (!before(heap[child], e)) {
                break;
            }
            heap[i] = heap[child];
            heap[i].heapIndex = i;
            i = child;
        }
        heap[i] = e;
        e.heapIndex = i;
    }
}
