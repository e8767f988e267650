package dev.splitsim.core.host;

/**
 * How many guest pages one machine may hold in host memory at once: the memory components'
 * frames, the all-local machine's pages and the ExCache's slots each take one page of it while
 * they exist. Past it, a new page is {@link GuestMemoryExhausted} rather than a host
 * OutOfMemoryError. The budget is the configured one, or half of what this JVM's heap can grow to
 * when that is less, since the pages are most of the heap a run uses and the collector needs room.
 * Each machine has its own; nothing is shared between machines.
 */
public final class HostMemoryBudget {
    public static final int PAGE_BYTES = 4096;

    private final long limitPages;
    private final String limit;
    private long usedPages;
    private long peakPages;

    private HostMemoryBudget(long limitPages, String limit) {
        this.limitPages = limitPages;
        this.limit = limit;
    }

    /** No budget: for parts built alone, in tests. */
    public static HostMemoryBudget unlimited() {
        return new HostMemoryBudget(Long.MAX_VALUE, "no limit");
    }

    /**
     * A budget of {@code configuredBytes}, named {@code key} in messages, cut to half of
     * {@code maxHeapBytes} when that is smaller.
     */
    public static HostMemoryBudget of(long configuredBytes, String key, long maxHeapBytes) {
        long heapShare = maxHeapBytes == Long.MAX_VALUE ? Long.MAX_VALUE : maxHeapBytes / 2;
        if (heapShare < configuredBytes) {
            return new HostMemoryBudget(Math.max(1, heapShare / PAGE_BYTES), "half of the host's Java heap: "
                    + mib(heapShare) + "; raise -Xmx with SPLITSIM_JAVA_OPTS");
        }
        return new HostMemoryBudget(Math.max(1, configuredBytes / PAGE_BYTES), key + " " + mib(configuredBytes));
    }

    /** {@link #of} with this JVM's heap limit. */
    public static HostMemoryBudget forThisJvm(long configuredBytes, String key) {
        return of(configuredBytes, key, Runtime.getRuntime().maxMemory());
    }

    private static String mib(long bytes) {
        return (bytes >> 20) + " MiB";
    }

    /** Takes one page; throws {@link GuestMemoryExhausted} when the budget has none left. */
    public void take() {
        if (usedPages >= limitPages) {
            throw new GuestMemoryExhausted("the guest's pages reached the host memory budget (" + limit + ")");
        }
        usedPages++;
        peakPages = Math.max(peakPages, usedPages);
    }

    /** Gives one page back. */
    public void give() {
        usedPages--;
    }

    public long usedPages() {
        return usedPages;
    }

    public long peakPages() {
        return peakPages;
    }

    public long limitPages() {
        return limitPages;
    }
}
