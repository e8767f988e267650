package dev.splitsim.kernel.remote;

import dev.splitsim.core.time.Clock;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.timing.StallCause;

/**
 * A core's simulated time as the process monitor sees it: the core waits out a remote call by
 * being charged the cycles until its reply. Calls made before the core exists (building the first
 * address space) are kept and charged when it attaches.
 */
public final class CoreTime {
    private final Clock clock;
    private Hart hart;
    private long pendingTicks;
    private MissYield missYield;
    /** When each core's miss handler is free again (a core has one miss outstanding at most). */
    private final long[] missFreeTick = new long[Hart.MAX_CORES];

    /** Lets a core whose thread waits for a miss run another thread meanwhile. */
    public interface MissYield {
        /** True when the thread on {@code h} gave its core away until {@code readyTick} (the core is not charged). */
        boolean yieldUntil(Hart h, long readyTick);
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

    public void setMissYield(MissYield y) {
        this.missYield = y;
    }

    /**
     * The core stalls until {@code tick}, for the reason {@code cause} ({@link StallCause}); for an
     * ExCache miss the thread may instead give the core to another thread until then.
     */
    public void waitUntil(long tick, int cause) {
        long now = now();
        if (tick <= now) {
            return;
        }
        if (cause == StallCause.EXCACHE_MISS && hart != null) {
            missFreeTick[hart.id] = Math.max(missFreeTick[hart.id], tick);
            if (missYield != null && missYield.yieldUntil(hart, tick)) {
                return;
            }
        }
        if (hart == null) {
            pendingTicks = tick;
        } else {
            hart.addCycles(cause, clock.ticksToCycles(tick - now));
        }
    }

    /**
     * When a miss on this core can start: now, or when the core's previous miss completes if that
     * is still outstanding (its thread gave the core to this one meanwhile).
     */
    public long missStart() {
        long now = now();
        return hart == null ? now : Math.max(now, missFreeTick[hart.id]);
    }

    /** The guest pc of the running core, for message causes; -1 before it starts. */
    public long pc() {
        return hart == null ? -1 : hart.pc;
    }

    public int core() {
        return hart == null ? -1 : hart.id;
    }
}
