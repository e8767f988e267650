package dev.splitsim.cpu.excache;

import java.util.SplittableRandom;

/** Evicts a way chosen at random from a seeded generator, so runs repeat exactly. */
final class RandomPolicy implements ReplacementPolicy {
    private final SplittableRandom random;

    RandomPolicy(long seed) {
        random = new SplittableRandom(seed);
    }

    @Override
    public void filled(int line) {
    }

    @Override
    public void touched(int line) {
    }

    @Override
    public void removed(int line) {
    }

    @Override
    public int victim(int first, int ways) {
        return random.nextInt(ways);
    }

    @Override
    public String name() {
        return "random";
    }

    @Override
    public String describe(int line) {
        return "-";
    }
}
