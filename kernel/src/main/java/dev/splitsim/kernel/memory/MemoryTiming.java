package dev.splitsim.kernel.memory;

/**
 * What a memory component's work costs, in ticks (picoseconds).
 *
 * @param dispatchTicks the memory monitor's polling thread picking up a request and replying
 * @param tlbTicks a lookup in the component's TLB
 * @param walkLevelTicks reading one page-table level on a TLB miss
 * @param readTicks reading a line from the component's memory until its first bytes reach the NIC
 * @param writeTicks writing a flushed line into the component's memory
 * @param persistPageTicks making one written page durable (store, cache-line write-backs, fence)
 *     before a write-back is acknowledged; 0 for DRAM, which has nothing to persist
 */
public record MemoryTiming(long dispatchTicks, long tlbTicks, long walkLevelTicks, long readTicks, long writeTicks,
        long persistPageTicks) {

    /** DRAM: nothing to persist. */
    public MemoryTiming(long dispatchTicks, long tlbTicks, long walkLevelTicks, long readTicks, long writeTicks) {
        this(dispatchTicks, tlbTicks, walkLevelTicks, readTicks, writeTicks, 0);
    }

    public boolean persistent() {
        return persistPageTicks > 0;
    }
}
