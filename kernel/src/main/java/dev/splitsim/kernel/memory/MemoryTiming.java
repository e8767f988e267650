package dev.splitsim.kernel.memory;

/**
 * What a memory component's work costs, in ticks (picoseconds).
 *
 * @param dispatchTicks the memory monitor's polling thread picking up a request and replying
 * @param tlbTicks a lookup in the component's TLB
 * @param walkLevelTicks reading one page-table level on a TLB miss
 * @param readTicks reading a line from the component's DRAM until its first bytes reach the NIC
 * @param writeTicks writing a flushed line into DRAM
 */
public record MemoryTiming(long dispatchTicks, long tlbTicks, long walkLevelTicks, long readTicks, long writeTicks) {
}
