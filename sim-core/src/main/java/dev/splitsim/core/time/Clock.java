package dev.splitsim.core.time;

/**
 * A component clock: the only place where cycles become ticks (picoseconds) and back. Frequencies
 * such as 2.4 GHz have no whole-picosecond period, so conversion is done on the whole count rather
 * than by multiplying a rounded period, which keeps long runs from drifting.
 */
public final class Clock {
    public static final long TICKS_PER_SECOND = 1_000_000_000_000L;

    private final long frequencyHz;

    public Clock(long frequencyHz) {
        if (frequencyHz <= 0) {
            throw new IllegalArgumentException("clock frequency must be positive");
        }
        this.frequencyHz = frequencyHz;
    }

    public long frequencyHz() {
        return frequencyHz;
    }

    /** Ticks elapsed after {@code cycles} cycles, rounded to the nearest picosecond. */
    public long cyclesToTicks(long cycles) {
        long whole = cycles / frequencyHz;
        long rest = cycles % frequencyHz;
        return whole * TICKS_PER_SECOND + Math.round((double) rest * TICKS_PER_SECOND / frequencyHz);
    }

    /** Whole cycles that fit in {@code ticks} (rounded up: a latency never becomes shorter). */
    public long ticksToCycles(long ticks) {
        long whole = ticks / TICKS_PER_SECOND;
        long rest = ticks % TICKS_PER_SECOND;
        return whole * frequencyHz + (long) Math.ceil((double) rest * frequencyHz / TICKS_PER_SECOND - 1e-9);
    }

    public static double ticksToSeconds(long ticks) {
        return ticks / (double) TICKS_PER_SECOND;
    }
}
