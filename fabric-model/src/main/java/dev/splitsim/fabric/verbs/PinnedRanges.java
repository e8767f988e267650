package dev.splitsim.fabric.verbs;

/**
 * What a memory monitor asks before it evicts, moves or frees a range of a node's memory: a NIC may
 * read or write registered memory at any time, so registered memory must stay where it is.
 */
public interface PinnedRanges {
    /** Whether any byte of {@code [address, address + length)} lies in a registered region. */
    boolean isPinned(long address, long length);
}
