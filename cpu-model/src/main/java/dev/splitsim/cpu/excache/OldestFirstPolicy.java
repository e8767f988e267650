package dev.splitsim.cpu.excache;

/**
 * Evicts the line with the oldest stamp. Stamped at fill only, that is FIFO; stamped again at
 * every hit, LRU.
 */
final class OldestFirstPolicy implements ReplacementPolicy {
    private final long[] stamp;
    private final boolean restampOnHit;
    private long now;

    private OldestFirstPolicy(int lines, boolean restampOnHit) {
        this.stamp = new long[lines];
        this.restampOnHit = restampOnHit;
    }

    static OldestFirstPolicy lru(int lines) {
        return new OldestFirstPolicy(lines, true);
    }

    static OldestFirstPolicy fifo(int lines) {
        return new OldestFirstPolicy(lines, false);
    }

    @Override
    public void filled(int line) {
        stamp[line] = ++now;
    }

    @Override
    public void touched(int line) {
        if (restampOnHit) {
            stamp[line] = ++now;
        }
    }

    @Override
    public void removed(int line) {
        stamp[line] = 0;
    }

    @Override
    public int victim(int first, int ways) {
        int best = 0;
        for (int w = 1; w < ways; w++) {
            if (stamp[first + w] < stamp[first + best]) {
                best = w;
            }
        }
        return best;
    }

    @Override
    public String name() {
        return restampOnHit ? "lru" : "fifo";
    }

    @Override
    public String describe(int line) {
        return (restampOnHit ? "last use " : "filled ") + stamp[line];
    }
}
