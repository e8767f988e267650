package dev.splitsim.cpu.excache;

/** Least recently used: evicts the line whose last fill or hit is oldest. */
final class LruPolicy implements ReplacementPolicy {
    private final long[] lastUse;
    private long now;

    LruPolicy(int lines) {
        lastUse = new long[lines];
    }

    @Override
    public void filled(int line) {
        lastUse[line] = ++now;
    }

    @Override
    public void touched(int line) {
        lastUse[line] = ++now;
    }

    @Override
    public void removed(int line) {
        lastUse[line] = 0;
    }

    @Override
    public int victim(int first, int ways) {
        int best = 0;
        for (int w = 1; w < ways; w++) {
            if (lastUse[first + w] < lastUse[first + best]) {
                best = w;
            }
        }
        return best;
    }
}
