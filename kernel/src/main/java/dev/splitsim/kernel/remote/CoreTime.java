package dev.splitsim.kernel.remote;

import dev.splitsim.core.time.Clock;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.timing.StallCause;

/**
 * A core's simulated time as the process monitor sees it: the core waits out a system call's remote
 * call by being charged the cycles until its reply; a thread that misses in the ExCache sleeps until
 * its fill arrives. Calls made before the core exists (building the first
 * address space) are kept and charged when it attaches.
 */
public final class CoreTime {
    private final Clock clock;
    private Hart hart;
    private long pendingTicks;
    private MissWaits waits;

    /** How a thread waits for an ExCache fill in flight (the scheduler). */
    public interface MissWaits {
        /** Whether the thread on {@code h} may sleep now: a user-mode access inside a run, not the kernel's. */
        boolean maySleep(Hart h);

        /** The thread on {@code h} sleeps until {@link #wake}; returns it, to name it then. */
        Object sleep(Hart h);

        /** The fill {@code thread} waited for is in place at {@code tick}: it runs again from then. */
        void wake(Object thread, long tick);

        /** Whether the thread on {@code h}, in a system call, may sleep on a reply. */
        boolean mayWaitForReply(Hart h);

        /** The thread on {@code h} sleeps until {@link #wake}, its core charged the wait as a system call's. */
        Object sleepOnReply(Hart h);

        /** Instructions core {@code core} has retired: a fill's waiter has used it once its core has retired more. */
        long retired(int core);
    }

    public CoreTime(Clock clock) {
        this.clock = clock;
    }

    /** The core whose turn it is: misses and remote calls from now on are charged to it. */
    public void attach(Hart h) {
        hart = h;
        if (pendingTicks > 0) {
            h.addCycles(StallCause.SYSCALL, clock.ticksToCycles(pendingTicks));
            pendingTicks = 0;
        }
    }

    public long now() {
        return hart == null ? pendingTicks : clock.cyclesToTicks(hart.cycles());
    }

    public void setMissWaits(MissWaits w) {
        this.waits = w;
    }

    /** Whether the running thread can sleep on a fill instead of the core waiting for it synchronously. */
    public boolean maySleep() {
        return waits != null && hart != null && hart.running() && waits.maySleep(hart);
    }

    /** The running thread sleeps until {@link #wake}; returns it. */
    public Object sleep() {
        return waits.sleep(hart);
    }

    public void wake(Object thread, long tick) {
        waits.wake(thread, tick);
    }

    /** Whether the running thread's system call can sleep on a reply instead of the machine running ahead to it. */
    public boolean maySleepOnReply() {
        return waits != null && hart != null && hart.running() && waits.mayWaitForReply(hart);
    }

    /** The running thread sleeps on a reply until {@link #wake}; returns it. */
    public Object sleepOnReply() {
        return waits.sleepOnReply(hart);
    }

    /** To throw from a system call whose thread now sleeps: its ecall runs again when woken. */
    public RuntimeException retryWhenWoken() {
        return hart.retryWhenWoken();
    }

    /** The core stalls until {@code tick}, for the reason {@code cause} ({@link StallCause}). */
    public void waitUntil(long tick, int cause) {
        long now = now();
        if (tick <= now) {
            return;
        }
        if (hart == null) {
            pendingTicks = tick;
        } else {
            hart.addCycles(cause, clock.ticksToCycles(tick - now));
        }
    }

    /** Instructions the running core has retired; -1 before it starts. */
    public long retired() {
        return hart == null ? -1 : hart.instret();
    }

    /** Whether core {@code core} has retired no instruction since it had retired {@code instret}. */
    public boolean stillAt(int core, long instret) {
        return waits != null && core >= 0 && waits.retired(core) == instret;
    }

    /** The guest pc of the running core, for message causes; -1 before it starts. */
    public long pc() {
        return hart == null ? -1 : hart.pc;
    }

    public int core() {
        return hart == null ? -1 : hart.id;
    }
}
