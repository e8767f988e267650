package dev.splitsim.core.stats;

/** A plain mutable counter; not thread-safe, like everything in one simulation. */
public final class Counter {
    private long value;

    public void inc() {
        value++;
    }

    public void add(long n) {
        value += n;
    }

    public long get() {
        return value;
    }
}
