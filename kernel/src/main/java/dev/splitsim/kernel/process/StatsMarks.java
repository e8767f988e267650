package dev.splitsim.kernel.process;

/**
 * What a guest's region-of-interest marks do to the machine's statistics (the calls of
 * programs/include/splitsim.h, as gem5's m5ops reset and dump theirs). The machine owns the
 * statistics, so it implements this; the process monitor only decodes the call.
 */
public interface StatsMarks {
    /** The call's operations, in a0. */
    int RESET = 0, DUMP = 1, DUMP_RESET = 2;

    /** Counting starts again from here. */
    void reset();

    /** What was counted since the last reset (or the start) becomes the next numbered section, {@code name}d. */
    void dump(String name);
}
