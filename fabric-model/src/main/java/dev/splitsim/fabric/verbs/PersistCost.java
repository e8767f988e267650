package dev.splitsim.fabric.verbs;

/**
 * What making written bytes durable in persistent memory costs: the CPU's stores, a cache-line
 * write-back of every line and a fence, measured for one 64 B line and for a 4 KiB page
 * (docs/reference.md, Persistent memory). In between and beyond, the cost grows linearly with the
 * bytes, from the line's figure on. Ticks.
 */
public record PersistCost(long lineTicks, long pageTicks) {
    private static final int LINE = 64;
    private static final int PAGE = 4096;

    public PersistCost {
        if (lineTicks <= 0 || pageTicks < lineTicks) {
            throw new IllegalArgumentException("persisting a page costs at least as much as a line, both positive");
        }
    }

    /** Ticks to persist {@code bytes} just written; nothing for none. */
    public long ticks(long bytes) {
        if (bytes <= 0) {
            return 0;
        }
        if (bytes <= LINE) {
            return lineTicks;
        }
        return lineTicks + (bytes - LINE) * (pageTicks - lineTicks) / (PAGE - LINE);
    }
}
