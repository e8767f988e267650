package dev.splitsim.devices.block;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** A device with several units serves that many requests at once; with one, they take turns. */
final class BlockDeviceTest {
    private static final long US = 1_000_000L;
    /** 4 KiB at 32 Gb/s: 1,024 ns. */
    private static final long PAGE_TRANSFER = 1_024_000L;

    @Test
    void oneUnitServesOneRequestAtATime() {
        BlockDevice d = new BlockDevice("ssd", 80 * US, 20 * US, 32_000_000_000L);
        assertThat(d.access(0, 4096, false)).isEqualTo(80 * US + PAGE_TRANSFER);
        assertThat(d.access(0, 4096, false)).isEqualTo(2 * (80 * US + PAGE_TRANSFER));
        assertThat(d.waitTicks()).isEqualTo(80 * US + PAGE_TRANSFER);
    }

    @Test
    void requestsInFlightTogetherDoNotWaitForEachOther() {
        BlockDevice d = new BlockDevice("ssd", 80 * US, 20 * US, 32_000_000_000L, 2);
        assertThat(d.access(0, 4096, false)).isEqualTo(80 * US + PAGE_TRANSFER);
        assertThat(d.access(0, 4096, false)).isEqualTo(80 * US + PAGE_TRANSFER);
        // The third finds both units busy and takes the one free first.
        assertThat(d.access(10 * US, 4096, true)).isEqualTo(80 * US + PAGE_TRANSFER + 20 * US + PAGE_TRANSFER);
        assertThat(d.requests()).isEqualTo(3);
        assertThat(d.busyTicks()).isEqualTo(3 * PAGE_TRANSFER + 180 * US);
    }

    @Test
    void aDeviceHasAUnit() {
        assertThatThrownBy(() -> new BlockDevice("ssd", 1, 1, 1, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
