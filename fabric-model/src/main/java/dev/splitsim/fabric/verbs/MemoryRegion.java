package dev.splitsim.fabric.verbs;

/**
 * A range of one node's memory registered with its NIC: the local key names it in the node's own work
 * requests, the remote key in peers' one-sided verbs, and the access flags ({@link Access}) say
 * what each may do. Registered memory is pinned until it is deregistered.
 */
public final class MemoryRegion {
    private final int node;
    private final long base;
    private final long length;
    private final int localKey;
    private final int remoteKey;
    private final int access;
    boolean registered = true;

    MemoryRegion(int node, long base, long length, int localKey, int remoteKey, int access) {
        this.node = node;
        this.base = base;
        this.length = length;
        this.localKey = localKey;
        this.remoteKey = remoteKey;
        this.access = access;
    }

    /** Whether {@code [address, address + bytes)} lies inside the region (written so it cannot overflow). */
    public boolean contains(long address, long bytes) {
        return bytes >= 0 && address >= base && bytes <= length && address - base <= length - bytes;
    }

    public boolean overlaps(long address, long bytes) {
        return bytes > 0 && address < base + length && base < address + bytes;
    }

    /** Whether every flag of {@code wanted} was granted. */
    public boolean allows(int wanted) {
        return (access & wanted) == wanted;
    }

    public int node() {
        return node;
    }

    public long base() {
        return base;
    }

    public long length() {
        return length;
    }

    public int localKey() {
        return localKey;
    }

    public int remoteKey() {
        return remoteKey;
    }

    public int access() {
        return access;
    }

    public boolean registered() {
        return registered;
    }
}
