package dev.splitsim.machine.netbench;

import dev.splitsim.core.stats.Histogram;

/**
 * The measurement of one point: operations that end inside [{@code fromTick}, {@code toTick}) are
 * counted and their latencies kept; clients start no operation after {@code toTick} or once
 * {@code maxOps} have been counted.
 */
final class Window {
    private static final long BUCKET_TICKS = 20_000;
    private final long fromTick;
    private final long toTick;
    private final long maxOps;
    private final Histogram latency = new Histogram(BUCKET_TICKS, 250_000);
    private long bytes;
    private long lastEndTick;

    Window(long fromTick, long toTick, long maxOps) {
        this.fromTick = fromTick;
        this.toTick = toTick;
        this.maxOps = maxOps;
    }

    /** One operation of {@code size} bytes ran from {@code startTick} to {@code endTick}; whether its client goes on. */
    boolean done(long startTick, long endTick, int size) {
        if (endTick >= fromTick && endTick < toTick && latency.count() < maxOps) {
            latency.add(endTick - startTick);
            bytes += size;
            lastEndTick = endTick;
        }
        return endTick < toTick && latency.count() < maxOps;
    }

    NetRow row(String table, String memory, String op, int size, int clients) {
        long n = latency.count();
        double seconds = (Math.min(toTick, maxOps == Long.MAX_VALUE ? toTick : lastEndTick + 1) - fromTick) / 1e12;
        double mops = n == 0 || seconds <= 0 ? 0 : n / seconds / 1e6;
        double gbps = n == 0 || seconds <= 0 ? 0 : bytes * 8 / seconds / 1e9;
        return new NetRow(table, memory, op, size, clients, n, latency.mean() / 1e6, latency.percentile(50) / 1e6,
                latency.percentile(99) / 1e6, mops, gbps);
    }
}
