package dev.splitsim.cpu.excache;

/**
 * Chooses which way of a full set to evict. The ExCache tells it about fills, hits and removals;
 * line numbers are global ({@code set * ways + way}).
 */
interface ReplacementPolicy {
    void filled(int line);

    void touched(int line);

    void removed(int line);

    /** The way to evict from a full set whose lines are {@code first .. first + ways - 1}. */
    int victim(int first, int ways);

    /** The policy's name as configured. */
    String name();

    /** What the policy knows of one line, for the debugger (a stamp, a reference bit). */
    String describe(int line);

    static ReplacementPolicy named(String name, int lines, long seed) {
        switch (name) {
            case "lru": return OldestFirstPolicy.lru(lines);
            case "fifo": return OldestFirstPolicy.fifo(lines);
            case "clock": return new ClockPolicy(lines);
            case "random": return new RandomPolicy(seed);
            default: throw new IllegalArgumentException("unknown replacement policy '" + name + "'");
        }
    }
}
