package dev.splitsim.kernel.swap;

/**
 * The CPU's costs on Linux's page-fault and reclaim paths, step by step, in ticks, and the sizes
 * that shape them. Each comes from a configuration key whose profile line cites its source.
 *
 * @param trapTicks        taking the fault and returning to user mode
 * @param handlerTicks     the fault handler: finding the area, walking and filling the page table
 * @param zeroTicks        clearing a fresh page on a first touch
 * @param lookupTicks      looking the swap entry up in the swap cache (under its lock)
 * @param cacheAddTicks    each page read from swap: allocating it, inserting it into the swap cache
 *                         and onto an LRU list (under the swap cache's lock)
 * @param blockTicks       the block layer and driver: building, queueing and submitting one request
 * @param wakeTicks        the I/O completion: the interrupt, waking the thread, switching back to it
 * @param scanTicks        each page reclaim looks at: the reverse-map walk that tests and clears its accessed bit
 * @param reclaimTicks     evicting one page: isolating it, unmapping it, its swap slot and swap-cache entry (under the LRU lock)
 * @param shootdownTicks   a TLB shootdown as its initiator sees it: sending the IPIs and waiting for every ack
 * @param ipiTicks         a TLB shootdown as each other core sees it: the interrupt, the flush, the ack
 * @param cluster          swap readahead: pages read per major fault, an aligned cluster of slots
 * @param reclaimBatch     pages reclaimed at once when no frame is free
 */
public record SwapTiming(long trapTicks, long handlerTicks, long zeroTicks, long lookupTicks, long cacheAddTicks,
        long blockTicks, long wakeTicks, long scanTicks, long reclaimTicks, long shootdownTicks, long ipiTicks, int cluster,
        int reclaimBatch) {
    public SwapTiming {
        if (Integer.bitCount(cluster) != 1) {
            throw new IllegalArgumentException("swap.cluster must be a power of two, got " + cluster);
        }
    }
}
