package dev.splitsim.core.time;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClockTest {
    @Test
    void convertsCyclesOfANonIntegralPeriodWithoutDrift() {
        Clock c = new Clock(2_400_000_000L);
        assertThat(c.cyclesToTicks(1)).isEqualTo(417);          // 416.67 ps rounds up
        assertThat(c.cyclesToTicks(3)).isEqualTo(1250);
        assertThat(c.cyclesToTicks(2_400_000_000L)).isEqualTo(Clock.TICKS_PER_SECOND);
        assertThat(c.cyclesToTicks(24_000_000_000_003L)).isEqualTo(10_000L * Clock.TICKS_PER_SECOND + 1250);
    }

    @Test
    void ticksToCyclesRoundsUp() {
        Clock c = new Clock(1_000_000_000L);
        assertThat(c.ticksToCycles(80_000)).isEqualTo(80);
        assertThat(c.ticksToCycles(80_001)).isEqualTo(81);
        assertThat(new Clock(2_400_000_000L).ticksToCycles(6_300_000)).isEqualTo(15_120);
    }
}
