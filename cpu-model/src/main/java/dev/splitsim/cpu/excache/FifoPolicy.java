package dev.splitsim.cpu.excache;

/** First in, first out: evicts the line filled longest ago; hits do not matter. */
final class FifoPolicy implements ReplacementPolicy {
    private final long[] filledAt;
    private long now;

    FifoPolicy(int lines) {
        filledAt = new long[lines];
    }

    @Override
    public void filled(int line) {
        filledAt[line] = ++now;
    }

    @Override
    public void touched(int line) {
    }

    @Override
    public void removed(int line) {
        filledAt[line] = 0;
    }

    @Override
    public int victim(int first, int ways) {
        int best = 0;
        for (int w = 1; w < ways; w++) {
            if (filledAt[first + w] < filledAt[first + best]) {
                best = w;
            }
        }
        return best;
    }
}
