package dev.splitsim.fabric.net;

import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;

/**
 * A NIC's on-chip cache of per-connection state: queue-pair contexts, or memory-region
 * translations. A NIC keeps this state in host memory and caches what it used last; an engine pass
 * that needs an entry it does not hold stalls while the entry is fetched over PCIe, so a server
 * with many connections pays on every message once they outgrow the cache (docs/reference.md, RDMA
 * RPC systems). Least recently used goes first. Entries live in parallel arrays linked into a
 * recency list, so a lookup allocates nothing.
 */
public final class NicCache {
    private static final int NONE = -1;

    private final int capacity;
    private final Long2IntOpenHashMap slots;
    private final long[] keys;
    private final int[] newer;
    private final int[] older;
    private int newest = NONE;
    private int oldest = NONE;
    private int used;
    private long hits;
    private long misses;

    /** A cache of {@code capacity} entries; 0 caches nothing (every lookup misses). */
    public NicCache(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("a NIC cache cannot hold fewer than 0 entries");
        }
        this.capacity = capacity;
        this.slots = new Long2IntOpenHashMap(Math.max(16, capacity * 2));
        slots.defaultReturnValue(NONE);
        this.keys = new long[capacity];
        this.newer = new int[capacity];
        this.older = new int[capacity];
    }

    public int capacity() {
        return capacity;
    }

    /** Looks {@code key} up as an engine pass does: true on a hit; a miss brings the entry in (and counts). */
    public boolean touch(long key) {
        int slot = slots.get(key);
        if (slot != NONE) {
            hits++;
            if (slot != newest) {
                unlink(slot);
                linkNewest(slot);
            }
            return true;
        }
        misses++;
        insert(key);
        return false;
    }

    /**
     * Brings {@code key} in without a lookup being counted: setting up a connection or registering a
     * region passes the entry through the NIC, which then holds it.
     */
    public void load(long key) {
        int slot = slots.get(key);
        if (slot != NONE) {
            if (slot != newest) {
                unlink(slot);
                linkNewest(slot);
            }
            return;
        }
        insert(key);
    }

    private void insert(long key) {
        if (capacity == 0) {
            return;
        }
        int slot;
        if (used < capacity) {
            slot = used++;
        } else {
            slot = oldest;
            unlink(slot);
            slots.remove(keys[slot]);
        }
        keys[slot] = key;
        slots.put(key, slot);
        linkNewest(slot);
    }

    private void unlink(int slot) {
        int n = newer[slot];
        int o = older[slot];
        if (n != NONE) {
            older[n] = o;
        } else {
            newest = o;
        }
        if (o != NONE) {
            newer[o] = n;
        } else {
            oldest = n;
        }
    }

    private void linkNewest(int slot) {
        newer[slot] = NONE;
        older[slot] = newest;
        if (newest != NONE) {
            newer[newest] = slot;
        }
        newest = slot;
        if (oldest == NONE) {
            oldest = slot;
        }
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
