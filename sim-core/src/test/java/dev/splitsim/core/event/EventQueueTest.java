package dev.splitsim.core.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class EventQueueTest {
    private final List<String> fired = new ArrayList<>();

    private final class Named extends Event {
        private final String name;

        Named(String name, int priority) {
            super(priority);
            this.name = name;
        }

        @Override
        protected void fire(long tick) {
            fired.add(name + "@" + tick);
        }
    }

    @Test
    void runsByTickThenPriorityThenOrderOfScheduling() {
        EventQueue q = new EventQueue();
        q.schedule(new Named("late", 0), 300);
        q.schedule(new Named("second-low", 5), 100);
        q.schedule(new Named("first-same", 0), 100);
        q.schedule(new Named("high", -1), 100);
        q.schedule(new Named("then-same", 0), 100);
        q.schedule(new Named("early", 9), 50);
        while (q.runNext()) {
            // run all
        }
        assertThat(fired).containsExactly("early@50", "high@100", "first-same@100", "then-same@100", "second-low@100",
                "late@300");
        assertThat(q.fired()).isEqualTo(6);
        assertThat(q.now()).isEqualTo(300);
    }

    @Test
    void reschedulingMovesAPendingEventAndCancelTakesItOut() {
        EventQueue q = new EventQueue();
        Named a = new Named("a", 0);
        Named b = new Named("b", 0);
        Named c = new Named("c", 0);
        q.schedule(a, 10);
        q.schedule(b, 20);
        q.schedule(c, 30);
        q.schedule(a, 25);
        q.cancel(c);
        assertThat(q.pending()).isEqualTo(2);
        assertThat(c.scheduled()).isFalse();
        assertThat(q.nextTick()).isEqualTo(20);
        assertThat(q.runUntil(24)).isEqualTo(1);
        assertThat(q.runUntil(100)).isEqualTo(1);
        assertThat(fired).containsExactly("b@20", "a@25");
        assertThat(q.isEmpty()).isTrue();
        assertThat(q.nextTick()).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void manyEventsComeOutSortedWhateverTheOrderTheyWentIn() {
        EventQueue q = new EventQueue();
        long[] ticks = new long[500];
        long x = 12345;
        for (int i = 0; i < ticks.length; i++) {
            x = x * 6364136223846793005L + 1442695040888963407L;
            ticks[i] = (x >>> 40) % 1000;
            q.schedule(new Named("e" + i, 0), ticks[i]);
        }
        long last = -1;
        while (!q.isEmpty()) {
            long next = q.nextTick();
            assertThat(next).isGreaterThanOrEqualTo(last);
            last = next;
            q.runNext();
        }
        assertThat(fired).hasSize(500);
    }
}
