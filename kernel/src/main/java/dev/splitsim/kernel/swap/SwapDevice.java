package dev.splitsim.kernel.swap;

import dev.splitsim.core.stats.StatGroup;

/**
 * Where swapped-out pages go: a block device with a swap area on it, or remote memory. Slots are
 * 4 KiB pages numbered from 0; a request covers {@code count} consecutive slots, one page of
 * {@code pages} (from {@code first} on) per slot.
 */
public interface SwapDevice {
    /**
     * Reads the slots into the pages, the request leaving the kernel at {@code tick}; returns the tick
     * the data is in memory and the waiting thread can be woken.
     */
    long read(long tick, long slot, int count, byte[][] pages, int first);

    /**
     * Writes the pages to the slots, the request leaving the kernel at {@code tick}. Write-back is
     * asynchronous: the writer does not wait, but later requests queue behind it.
     */
    void write(long tick, long slot, int count, byte[][] pages, int first);

    /** The swap area's bytes. */
    SwapSpace space();

    /** The device's statistics into the swap group. */
    void registerStats(StatGroup g);
}
