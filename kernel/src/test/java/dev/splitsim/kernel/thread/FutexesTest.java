package dev.splitsim.kernel.thread;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class FutexesTest {
    @Test
    void wakesInArrivalOrderMatchingTheBitset() {
        Futexes f = new Futexes();
        GuestThread a = new GuestThread(2);
        GuestThread b = new GuestThread(3);
        GuestThread c = new GuestThread(4);
        f.enqueue(a, 0x100, 0b01);
        f.enqueue(b, 0x100, 0b10);
        f.enqueue(c, 0x100, 0b11);
        assertThat(f.take(0x100, 5, 0b10)).containsExactly(b, c);
        assertThat(b.futexAddress()).isEqualTo(-1);
        assertThat(f.waiters(0x100)).isEqualTo(1);
        assertThat(f.take(0x100, 5, -1)).containsExactly(a);
        assertThat(f.waiters(0x100)).isZero();
    }

    @Test
    void requeueMovesWaitersBehindThoseAlreadyThere() {
        Futexes f = new Futexes();
        GuestThread[] t = new GuestThread[4];
        for (int i = 0; i < 4; i++) {
            t[i] = new GuestThread(i + 2);
        }
        f.enqueue(t[0], 0x200, -1);
        f.enqueue(t[1], 0x100, -1);
        f.enqueue(t[2], 0x100, -1);
        f.enqueue(t[3], 0x100, -1);
        assertThat(f.take(0x100, 1, -1)).containsExactly(t[1]);
        assertThat(f.requeue(0x100, 0x200, 1)).isEqualTo(1);
        assertThat(t[2].futexAddress()).isEqualTo(0x200);
        assertThat(f.waiters(0x100)).isEqualTo(1);
        assertThat(f.take(0x200, 10, -1)).containsExactly(t[0], t[2]);
        f.remove(t[3]);
        assertThat(f.waiters(0x100)).isZero();
    }
}
