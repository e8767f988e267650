package dev.splitsim.mem.vm;

import java.util.Arrays;

/**
 * The memory component's TLB: direct-mapped, tagged by (address-space id, virtual page), caching
 * leaf page-table entries so a hit skips the walk.
 */
public final class ComponentTlb {
    private final long[] tag;
    private final long[] entry;
    private final int mask;
    private long hits;
    private long misses;

    public ComponentTlb(int entries) {
        if (Integer.bitCount(entries) != 1) {
            throw new IllegalArgumentException("TLB entries must be a power of two");
        }
        tag = new long[entries];
        entry = new long[entries];
        mask = entries - 1;
        Arrays.fill(tag, -1L);
    }

    private static long key(int asid, long vpage) {
        return ((long) asid << 40) ^ vpage;
    }

    /** The cached entry, or 0 on a miss. */
    public long lookup(int asid, long vpage) {
        long k = key(asid, vpage);
        int s = (int) (vpage ^ (vpage >>> 17)) & mask;
        if (tag[s] == k) {
            hits++;
            return entry[s];
        }
        misses++;
        return 0;
    }

    /** Whether the TLB holds the page, without counting a lookup. */
    public boolean peek(int asid, long vpage) {
        return tag[(int) (vpage ^ (vpage >>> 17)) & mask] == key(asid, vpage);
    }

    public void insert(int asid, long vpage, long pte) {
        int s = (int) (vpage ^ (vpage >>> 17)) & mask;
        tag[s] = key(asid, vpage);
        entry[s] = pte;
    }

    public void invalidate(int asid, long vpage) {
        int s = (int) (vpage ^ (vpage >>> 17)) & mask;
        if (tag[s] == key(asid, vpage)) {
            tag[s] = -1L;
        }
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
