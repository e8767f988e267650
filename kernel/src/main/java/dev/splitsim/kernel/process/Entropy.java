package dev.splitsim.kernel.process;

import java.util.SplittableRandom;

/**
 * The process's one source of random bytes, seeded from sim.seed so that runs repeat: getrandom
 * and reads of /dev/random and /dev/urandom all draw from it, as they draw from one pool in Linux.
 */
final class Entropy {
    private final SplittableRandom random;

    Entropy(long seed) {
        this.random = new SplittableRandom(seed);
    }

    /** Fills {@code out[0..length)} with the next random bytes. */
    void fill(byte[] out, int length) {
        for (int i = 0; i < length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
    }
}
