package dev.splitsim.core.stats;

/**
 * Latencies in fixed-width buckets, for means and percentiles without keeping every sample. Values
 * past the last bucket are counted in it and still count exactly toward the mean and the maximum.
 */
public final class Histogram {
    private final long bucketWidth;
    private final long[] buckets;
    private long count;
    private long sum;
    private long max;

    public Histogram(long bucketWidth, int bucketCount) {
        this.bucketWidth = bucketWidth;
        this.buckets = new long[bucketCount];
    }

    public void add(long value) {
        int b = (int) Math.min(buckets.length - 1, Math.max(0, value / bucketWidth));
        buckets[b]++;
        count++;
        sum += value;
        max = Math.max(max, value);
    }

    public long count() {
        return count;
    }

    public double mean() {
        return count == 0 ? 0 : (double) sum / count;
    }

    public long max() {
        return max;
    }

    /** The upper edge of the bucket holding the {@code p}-th percentile (0 < p <= 100), capped at the maximum. */
    public long percentile(double p) {
        if (count == 0) {
            return 0;
        }
        long rank = (long) Math.ceil(count * p / 100.0);
        long seen = 0;
        for (int b = 0; b < buckets.length; b++) {
            seen += buckets[b];
            if (seen >= rank) {
                return Math.min(max, (b + 1) * bucketWidth);
            }
        }
        return max;
    }
}
