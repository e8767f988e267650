package dev.splitsim.core.time;

import java.util.Map;
import java.util.TreeMap;

/**
 * When one resource (a link, a NIC's poller, a monitor thread) is busy, as intervals of simulated
 * time. Cores take turns, so requests do not reach a resource in time order: a request made at an
 * earlier tick than one already booked must use the gap before it, not queue behind it. A request
 * takes the first gap at or after its tick that is long enough. Only the most recent intervals are
 * kept; cores are never that far apart.
 */
public final class BusyCalendar {
    private static final int KEPT = 256;
    /** Busy intervals, start tick to end tick, disjoint. */
    private final TreeMap<Long, Long> busy = new TreeMap<>();

    /** Books {@code duration} ticks from the first free moment at or after {@code tick}; returns that start. */
    public long reserve(long tick, long duration) {
        long start = tick;
        Map.Entry<Long, Long> before = busy.floorEntry(start);
        if (before != null && before.getValue() > start) {
            start = before.getValue();
        }
        for (Map.Entry<Long, Long> next = busy.higherEntry(start); next != null && next.getKey() < start + duration;
                next = busy.higherEntry(start)) {
            start = Math.max(start, next.getValue());
        }
        if (duration > 0) {
            insert(start, start + duration);
        }
        return start;
    }

    /** The first free moment at or after {@code tick}, booking nothing. */
    public long firstFree(long tick) {
        Map.Entry<Long, Long> before = busy.floorEntry(tick);
        return before != null && before.getValue() > tick ? before.getValue() : tick;
    }

    /**
     * Marks {@code [start, end)} busy as it was used, merging with what it touches (a service whose
     * length was known only once it was done).
     */
    public void occupy(long start, long end) {
        if (end > start) {
            insert(start, end);
        }
    }

    private void insert(long start, long end) {
        Map.Entry<Long, Long> before = busy.floorEntry(start);
        if (before != null && before.getValue() >= start) {
            start = before.getKey();
            end = Math.max(end, before.getValue());
            busy.remove(start);
        }
        for (Map.Entry<Long, Long> next = busy.ceilingEntry(start); next != null && next.getKey() <= end;
                next = busy.ceilingEntry(start)) {
            end = Math.max(end, next.getValue());
            busy.remove(next.getKey());
        }
        busy.put(start, end);
        if (busy.size() > KEPT) {
            busy.pollFirstEntry();
        }
    }

    /** The end of the latest booking, or 0. */
    public long lastEnd() {
        return busy.isEmpty() ? 0 : busy.lastEntry().getValue();
    }
}
