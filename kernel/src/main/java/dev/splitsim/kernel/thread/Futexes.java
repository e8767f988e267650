package dev.splitsim.kernel.thread;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The futex wait queues of one process, keyed by the word's virtual address (all futexes of a
 * process are private to its one address space). Waiters are woken first come, first served, so
 * runs are reproducible.
 */
public final class Futexes {
    private final Map<Long, ArrayDeque<GuestThread>> queues = new LinkedHashMap<>();

    void enqueue(GuestThread t, long address, int bitset) {
        t.futexAddress = address;
        t.futexBitset = bitset;
        queues.computeIfAbsent(address, a -> new ArrayDeque<>()).add(t);
    }

    /** Removes up to {@code max} waiters on {@code address} whose bitset meets {@code bitset}; returns them in order. */
    List<GuestThread> take(long address, int max, int bitset) {
        List<GuestThread> out = new ArrayList<>();
        ArrayDeque<GuestThread> q = queues.get(address);
        if (q == null) {
            return out;
        }
        for (Iterator<GuestThread> it = q.iterator(); it.hasNext() && out.size() < max;) {
            GuestThread t = it.next();
            if ((t.futexBitset & bitset) != 0) {
                it.remove();
                t.futexAddress = -1;
                out.add(t);
            }
        }
        if (q.isEmpty()) {
            queues.remove(address);
        }
        return out;
    }

    /** Moves up to {@code max} waiters from {@code from} to the back of {@code to}'s queue; returns how many. */
    public int requeue(long from, long to, int max) {
        ArrayDeque<GuestThread> q = queues.get(from);
        int moved = 0;
        while (q != null && !q.isEmpty() && moved < max) {
            GuestThread t = q.poll();
            enqueue(t, to, t.futexBitset);
            moved++;
        }
        if (q != null && q.isEmpty()) {
            queues.remove(from);
        }
        return moved;
    }

    /** Takes a thread out of whatever queue it waits in (its wait timed out). */
    void remove(GuestThread t) {
        ArrayDeque<GuestThread> q = queues.get(t.futexAddress);
        if (q != null) {
            q.remove(t);
            if (q.isEmpty()) {
                queues.remove(t.futexAddress);
            }
        }
        t.futexAddress = -1;
    }

    /** How many threads wait on {@code address}. */
    public int waiters(long address) {
        ArrayDeque<GuestThread> q = queues.get(address);
        return q == null ? 0 : q.size();
    }
}
