package dev.splitsim.kernel.thread;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.time.Clock;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.mem.FlatMemory;
import dev.splitsim.cpu.timing.StallCause;
import org.junit.jupiter.api.Test;

/** The scheduler on bare harts over one flat memory (no process): turns, reservations, futexes, timeouts. */
final class SchedulerTest {
    private static final long BASE = 0x80000000L;
    private static final long DATA = BASE + 0x1000;
    private static final Clock CLOCK = new Clock(1_000_000_000L);

    private static int amo(int funct5, int rd, int rs1, int rs2) {
        return (funct5 << 27) | (rs2 << 20) | (rs1 << 15) | (2 << 12) | (rd << 7) | 0x2f;
    }

    private static int sw(int rs2, int rs1) {
        return (rs2 << 20) | (rs1 << 15) | (2 << 12) | 0x23;
    }

    private static Hart[] harts(FlatMemory mem, int n) {
        Hart[] h = new Hart[n];
        for (int i = 0; i < n; i++) {
            h[i] = new Hart(i, mem);
            h[i].x[11] = DATA;
        }
        return h;
    }

    @Test
    void anotherCoresTurnBetweenLoadReservedAndStoreConditionalMakesTheStoreFail() {
        FlatMemory mem = new FlatMemory(BASE, 0x4000);
        // Core 0 at BASE: lr.w a0,(a1); sc.w a2,a3,(a1). Core 1 at BASE+0x100: sw a3,0(a1).
        mem.writeLong(BASE, (amo(0x03, 12, 11, 13) & 0xffffffffL) << 32 | (amo(0x02, 10, 11, 0) & 0xffffffffL));
        mem.writeLong(BASE + 0x100, sw(13, 11) & 0xffffffffL);
        Hart[] h = harts(mem, 2);
        h[0].pc = BASE;
        h[1].pc = BASE + 0x100;
        h[0].x[13] = 7;
        h[1].x[13] = 9;
        Scheduler s = new Scheduler(h, CLOCK, Scheduler.NEVER, 0, 1);
        s.beginTurn(0);
        h[0].run(1);
        s.beginTurn(1);
        h[1].run(1);
        s.beginTurn(0);
        h[0].run(1);
        assertThat(h[0].x[12]).as("sc.w result").isEqualTo(1);
        assertThat(mem.readLong(DATA) & 0xffffffffL).isEqualTo(9);

        // Without another core's turn in between, the same pair succeeds.
        h[0].pc = BASE;
        s.beginTurn(0);
        h[0].run(2);
        assertThat(h[0].x[12]).isZero();
        assertThat(mem.readLong(DATA) & 0xffffffffL).isEqualTo(7);
    }

    @Test
    void aWokenThreadGoesToAnIdleCoreWhoseClockJumpsToTheWaker() {
        FlatMemory mem = new FlatMemory(BASE, 0x4000);
        Hart[] h = harts(mem, 2);
        Scheduler s = new Scheduler(h, CLOCK, Scheduler.NEVER, 100_000, 1);
        GuestThread main = s.startMain();
        GuestThread child = s.spawn(h[0], BASE + 0x40);
        s.start(child);
        assertThat(s.current(h[1])).isSameAs(child);
        assertThat(h[1].pc).isEqualTo(BASE + 0x40);
        // The child blocks on a futex; its core goes idle.
        s.beginTurn(1);
        s.blockOnFutex(h[1], DATA, -1, Scheduler.NEVER, 0);
        s.endTurn(1);
        assertThat(s.current(h[1])).isNull();
        assertThat(s.futexes().waiters(DATA)).isEqualTo(1);
        // Core 0 is at 5 us when it wakes the child: core 1 idles until then, then pays the switch.
        h[0].addCycles(StallCause.SYSCALL, 5_000);
        assertThat(s.wakeFutex(DATA, 1, -1, s.nowTicks(0))).isEqualTo(1);
        assertThat(s.current(h[1])).isSameAs(child);
        assertThat(h[1].stallCycles(StallCause.IDLE)).isEqualTo(5_000 - 100);
        assertThat(h[1].stallCycles(StallCause.SCHEDULE)).isEqualTo(2 * 100);
        assertThat(h[1].cycles()).isEqualTo(5_000 + 100);
        assertThat(main.state()).isEqualTo(GuestThread.State.RUNNING);
        assertThat(s.pick()).isEqualTo(0);
    }

    @Test
    void aTimedWaitWakesAtItsDeadlineWithTheTimeoutResult() {
        FlatMemory mem = new FlatMemory(BASE, 0x4000);
        Hart[] h = harts(mem, 1);
        Scheduler s = new Scheduler(h, CLOCK, Scheduler.NEVER, 0, 1);
        s.startMain();
        h[0].pc = BASE + 8;
        s.blockOnFutex(h[0], DATA, -1, 3_000_000, -110);
        s.endTurn(0);
        // Nothing else can run: the scheduler advances to the deadline.
        assertThat(s.pick()).isEqualTo(0);
        assertThat(h[0].x[10]).isEqualTo(-110);
        assertThat(h[0].pc).isEqualTo(BASE + 8);
        assertThat(s.nowTicks(0)).isEqualTo(3_000_000);
        assertThat(s.futexes().waiters(DATA)).isZero();
        // Waiting with no timeout and nobody to wake it: no core can run again.
        s.blockOnFutex(h[0], DATA, -1, Scheduler.NEVER, 0);
        s.endTurn(0);
        assertThat(s.pick()).isEqualTo(-1);
        assertThat(s.describeBlocked()).singleElement().asString().contains("futex 0x80001000");
    }
}
