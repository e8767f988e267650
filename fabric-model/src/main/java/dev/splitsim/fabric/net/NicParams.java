package dev.splitsim.fabric.net;

/**
 * What each NIC keeps on chip: how many queue-pair contexts and memory-region translations it
 * caches, and what fetching a missing one over PCIe costs its engine (ticks).
 */
public record NicParams(int queuePairContexts, int regionTranslations, long fetchTicks) {
    /** Room for every connection of a small machine, and misses free: the fabric before NIC caches were modeled. */
    public static final NicParams UNBOUNDED = new NicParams(4096, 4096, 0);

    public NicParams {
        if (queuePairContexts < 0 || regionTranslations < 0 || fetchTicks < 0) {
            throw new IllegalArgumentException("NIC cache sizes and fetch time must not be negative");
        }
    }
}
