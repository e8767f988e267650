package dev.splitsim.kernel.thread;

/**
 * One thread of the guest process: its saved registers while it is off a core, and what it waits
 * for while it is blocked.
 */
public final class GuestThread {
    /** Where a thread stands with the scheduler. */
    public enum State { READY, RUNNING, BLOCKED, WAITING_FOR_PAGE, EXITED }

    public final int tid;
    final long[] x = new long[32];
    final long[] f = new long[32];
    long pc;
    long fcsr;
    State state = State.READY;
    /** Earliest tick the thread may run again (when it was woken or made). */
    long readyTick;
    /** The tick a blocked thread gives up waiting, or {@link Scheduler#NEVER}. */
    long timeoutTick = Scheduler.NEVER;
    /** What a0 holds when the wait times out (-ETIMEDOUT for a futex, 0 for a sleep). */
    long timeoutResult;
    /** The futex word a blocked thread waits on, or -1. */
    long futexAddress = -1;
    int futexBitset;
    /** Linux's clear_child_tid: zeroed and woken when the thread exits (pthread_join waits on it). */
    public long clearChildTid;
    boolean yieldRequested;
    /** Asleep until an ExCache fill it needs is in place (on its core, or off it after yielding). */
    boolean waitingForPage;
    /** What the core's wait for that fill or reply is charged to ({@code StallCause}). */
    int waitCause;
    /** The core's retired count when the thread last slept on a fill: the instruction then run again. */
    long sleptAtInstret = -1;
    /** How many times in a row it has slept on a fill at {@link #sleptAtInstret}. */
    int sleepsAtInstret;
    /** The core's retired count when the thread was last put onto it. */
    long placedAtInstret = -1;

    GuestThread(int tid) {
        this.tid = tid;
    }

    public State state() {
        return state;
    }

    /** Where the thread goes on when it next gets a core (its saved pc; stale while it runs). */
    public long savedPc() {
        return pc;
    }

    /** The tick a blocked thread stops waiting, or {@link Scheduler#NEVER}. */
    public long timeoutTick() {
        return timeoutTick;
    }

    /** The futex word the thread is blocked on, or -1. */
    public long futexAddress() {
        return futexAddress;
    }
}
