package dev.splitsim.fabric.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The NIC's cache of connection state keeps the most recently used entries and counts what it misses. */
final class NicCacheTest {
    @Test
    void leastRecentlyUsedEntryGoesFirst() {
        NicCache c = new NicCache(2);
        c.load(1);
        c.load(2);
        assertThat(c.touch(1)).isTrue();
        assertThat(c.touch(3)).as("2 was the least recently used").isFalse();
        assertThat(c.touch(1)).isTrue();
        assertThat(c.touch(2)).isFalse();
        assertThat(c.touch(3)).as("3 went when 2 came back").isFalse();
        assertThat(c.hits()).isEqualTo(2);
        assertThat(c.misses()).isEqualTo(3);
    }

    @Test
    void roundRobinOverMoreEntriesThanFitMissesEveryTime() {
        NicCache c = new NicCache(4);
        for (int round = 0; round < 3; round++) {
            for (long k = 0; k < 5; k++) {
                c.touch(k);
            }
        }
        assertThat(c.hits()).isZero();
        assertThat(c.misses()).isEqualTo(15);
    }

    @Test
    void anEmptyCacheHoldsNothing() {
        NicCache c = new NicCache(0);
        c.load(7);
        assertThat(c.touch(7)).isFalse();
        assertThat(c.touch(7)).isFalse();
    }
}
