package dev.splitsim.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class ResourceTest {
    @Test
    void servesOneJobAtATimeFirstComeFirstServed() {
        Resource link = new Resource("link");
        assertThat(link.serve(100, 50)).isEqualTo(100);
        // Arrives while the first is served: waits for it.
        assertThat(link.serve(120, 30)).isEqualTo(150);
        assertThat(link.serve(120, 10)).isEqualTo(180);
        // Arrives after the queue has drained: starts at once.
        assertThat(link.serve(500, 5)).isEqualTo(500);
        assertThat(link.jobs()).isEqualTo(4);
        assertThat(link.jobsWaited()).isEqualTo(2);
        assertThat(link.waitTicks()).isEqualTo((150 - 120) + (180 - 120));
        assertThat(link.busyTicks()).isEqualTo(95);
        assertThat(link.freeTick()).isEqualTo(505);
        assertThat(link.lastStart()).isEqualTo(500);
    }
}
