package dev.splitsim.kernel.thread;

import dev.splitsim.core.time.Clock;
import dev.splitsim.cpu.exec.Csr;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.timing.StallCause;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The process monitor's thread scheduler over the cores of the CPU component. Cores take turns in
 * simulated-time order: the busy core furthest behind runs next, ties to the lower core, so runs
 * are reproducible. A thread keeps its core until it blocks, exits, yields or, when others are
 * ready, uses up its quantum; a core without a thread sits idle (its clock jumps to the tick its next
 * thread becomes ready, counted as idle cycles). Every switch of a thread onto a core costs the
 * configured context-switch time.
 */
public final class Scheduler {
    public static final long NEVER = Long.MAX_VALUE;

    private final Hart[] cores;
    private final GuestThread[] onCore;
    /**
     * How many fills in a row one instruction may sleep on before it waits on the spot: enough
     * for its code line, its data line and a few lines taken by other cores meanwhile.
     */
    private static final int MISS_SLEEPS = 8;
    private final long[] turnStartTick;
    /**
     * Per core, the tick its thread was woken at by a fill or a reply, until the core's next turn:
     * the instruction (or call) it runs again then is what the others' turns must not pass.
     */
    private final long[] rerunTick;
    private final ArrayDeque<GuestThread> ready = new ArrayDeque<>();
    /** Live threads in creation order (timeouts are scanned in this order, then sorted). */
    private final List<GuestThread> threads = new ArrayList<>();
    private final Futexes futexes = new Futexes();
    private final Clock clock;
    private final long quantumTicks;
    private final long switchCycles;
    private int nextTid;
    private int lastTurn = -1;
    private int timedWaiters;
    private long contextSwitches;
    private long missYields;
    private boolean yieldOnMiss;
    private boolean inKernel;
    private final int firstTid;
    /** Told when a core takes its turn: where signals reach a thread that runs. */
    private java.util.function.Consumer<Hart> turnHook;
    /** The process's timers: when the next one expires, and what its expiry does. */
    private Alarms alarms;
    /** Blocked threads woken so far: whether a timer's expiry woke any. */
    private long wakes;

    /**
     * The process's interval timers as the scheduler sees them: the tick the next one expires
     * ({@link #NEVER} when none is armed), and its expiry, which may wake threads.
     */
    public interface Alarms {
        long nextTick();

        void expire(long tick);

        /** Whether every armed timer re-arms itself (so expiring them never ends by itself). */
        boolean onlyPeriodic();
    }

    /**
     * @param firstTid the main thread's id (Linux gives the main thread the process id)
     */
    public Scheduler(Hart[] cores, Clock clock, long quantumTicks, long switchTicks, int firstTid) {
        this.cores = cores.clone();
        this.onCore = new GuestThread[cores.length];
        this.turnStartTick = new long[cores.length];
        this.rerunTick = new long[cores.length];
        java.util.Arrays.fill(rerunTick, NEVER);
        this.clock = clock;
        this.quantumTicks = quantumTicks;
        this.switchCycles = clock.ticksToCycles(switchTicks);
        this.firstTid = firstTid;
        this.nextTid = firstTid;
    }

    /** {@code hook} runs for the thread on a core each time that core takes its turn. */
    public void setTurnHook(java.util.function.Consumer<Hart> hook) {
        this.turnHook = hook;
    }

    /** Timers whose expiries move time on like timed waits do. */
    public void setAlarms(Alarms alarms) {
        this.alarms = alarms;
    }

    /** The main thread, already on core 0 with the registers the loader set. */
    public GuestThread startMain() {
        GuestThread t = new GuestThread(nextTid++);
        t.state = GuestThread.State.RUNNING;
        threads.add(t);
        onCore[0] = t;
        return t;
    }

    public Futexes futexes() {
        return futexes;
    }

    public int cores() {
        return cores.length;
    }

    public Hart core(int i) {
        return cores[i];
    }

    /** The thread on core {@code h}, or null when it is idle. */
    public GuestThread current(Hart h) {
        return onCore[h.id];
    }

    /** The thread's time: its core's, or, off a core, when it was last ready or stopped. */
    public long nowTicks(GuestThread t) {
        Hart h = coreOf(t);
        return h != null ? nowTicks(h.id) : t.readyTick;
    }

    public long nowTicks(int core) {
        return clock.cyclesToTicks(cores[core].cycles());
    }

    public int liveThreads() {
        return threads.size();
    }

    public long contextSwitches() {
        return contextSwitches;
    }

    public long threadsCreated() {
        return nextTid - firstTid;
    }

    /**
     * A new thread with the registers of {@code parent}'s current state, starting at {@code pc}; it
     * becomes ready at the parent's present time. The caller adjusts its registers before the thread
     * first runs.
     */
    public GuestThread spawn(Hart parent, long pc) {
        GuestThread t = new GuestThread(nextTid++);
        System.arraycopy(parent.x, 0, t.x, 0, 32);
        System.arraycopy(parent.f, 0, t.f, 0, 32);
        t.fcsr = parent.readCsr(Csr.FCSR);
        t.pc = pc;
        t.readyTick = nowTicks(parent.id);
        threads.add(t);
        return t;
    }

    /** Sets a register of a thread that is not on a core. */
    public static void setRegister(GuestThread t, int reg, long value) {
        if (reg != 0) {
            t.x[reg] = value;
        }
    }

    /** Makes a spawned thread ready and gives it to an idle core if there is one. */
    public void start(GuestThread t) {
        t.state = GuestThread.State.READY;
        ready.add(t);
        dispatchIdle();
    }

    /**
     * Blocks the thread on {@code h} (its system call has set {@code h.pc} past the ecall); it runs
     * again when woken, or at {@code timeoutTick} with {@code timeoutResult} in a0.
     */
    public void block(Hart h, long timeoutTick, long timeoutResult) {
        GuestThread t = onCore[h.id];
        t.state = GuestThread.State.BLOCKED;
        t.timeoutTick = timeoutTick;
        t.timeoutResult = timeoutResult;
        if (timeoutTick != NEVER) {
            timedWaiters++;
        }
        h.stop();
    }

    /** Blocks the thread on {@code h} in the futex queue of {@code address}. */
    public void blockOnFutex(Hart h, long address, int bitset, long timeoutTick, long timeoutResult) {
        futexes.enqueue(onCore[h.id], address, bitset);
        block(h, timeoutTick, timeoutResult);
    }

    /** Wakes up to {@code max} futex waiters on {@code address} at {@code tick}; returns how many. */
    public int wakeFutex(long address, int max, int bitset, long tick) {
        List<GuestThread> woken = futexes.take(address, max, bitset);
        for (GuestThread t : woken) {
            wake(t, tick);
        }
        return woken.size();
    }

    private void wake(GuestThread t, long tick) {
        wakes++;
        if (t.timeoutTick != NEVER) {
            timedWaiters--;
            t.timeoutTick = NEVER;
        }
        t.readyTick = tick;
        t.state = GuestThread.State.READY;
        ready.add(t);
        dispatchIdle();
    }

    /** The thread on {@code h} gives its core to a ready thread, if any, at the end of this turn. */
    public void yield(Hart h) {
        if (!ready.isEmpty()) {
            onCore[h.id].yieldRequested = true;
            h.stop();
        }
    }

    /** The thread on {@code h} has exited; its core is free after this turn. */
    public void exit(Hart h) {
        onCore[h.id].state = GuestThread.State.EXITED;
        h.stop();
    }

    /** {@link #pick}'s answer when no core can run before the next event (a fill or a reply is on its way). */
    public static final int RUN_EVENTS = -2;

    /** {@link #pick} for a machine with no events pending. */
    public int pick() {
        return pick(NEVER);
    }

    /**
     * The core to run next: the busy core furthest behind in time whose thread is not asleep on a
     * fill. Wakes the waits that have timed out by then first. When no core can run, returns
     * {@link #RUN_EVENTS} if the machine's next event (at {@code nextEventTick}) comes before any
     * timed wait ends, and -1 when no thread can ever run again (every live thread waits with no
     * timeout and nothing is on its way).
     */
    public int pick(long nextEventTick) {
        while (true) {
            int best = -1;
            long bestTick = NEVER;
            for (int c = 0; c < cores.length; c++) {
                if (onCore[c] != null && !onCore[c].waitingForPage) {
                    long t = nowTicks(c);
                    if (t < bestTick) {
                        best = c;
                        bestTick = t;
                    }
                }
            }
            long alarm = alarms == null ? NEVER : alarms.nextTick();
            if (best >= 0) {
                if (alarm <= bestTick) {
                    long before = wakes;
                    alarms.expire(alarm);
                    if (wakes == before && alarms.nextTick() <= bestTick) {
                        // Nobody woke, and no thread acts before the core furthest behind: the
                        // expiries until then are one signal and its overruns, not one turn each.
                        alarms.expire(bestTick);
                    }
                    continue;
                }
                if (timedWaiters > 0 && wakeTimedOut(bestTick)) {
                    continue;
                }
                return best;
            }
            long timeout = earliestTimeout();
            if (nextEventTick != NEVER && nextEventTick <= Math.min(timeout, alarm)) {
                return RUN_EVENTS;
            }
            if (alarm != NEVER && alarm <= timeout) {
                long before = wakes;
                alarms.expire(alarm);
                if (wakes == before) {
                    long horizon = Math.min(timeout, nextEventTick);
                    if (horizon == NEVER && alarms.onlyPeriodic()) {
                        // Its signal woke nobody (ignored, blocked or only queued), and nothing
                        // else can happen: every expiry to come would do the same, for ever.
                        return -1;
                    }
                    if (horizon != NEVER && alarms.nextTick() < horizon) {
                        alarms.expire(horizon - 1);
                    }
                }
                continue;
            }
            if (timedWaiters > 0 && wakeTimedOut(NEVER)) {
                continue;
            }
            return -1;
        }
    }

    private long earliestTimeout() {
        long earliest = NEVER;
        if (timedWaiters > 0) {
            for (GuestThread t : threads) {
                if (t.state == GuestThread.State.BLOCKED && t.timeoutTick != NEVER) {
                    earliest = Math.min(earliest, t.timeoutTick);
                }
            }
        }
        return earliest;
    }

    /**
     * Wakes the timed waits due by {@code limit}; with no busy core ({@code limit == NEVER}) wakes
     * the earliest one. Returns whether any thread woke.
     */
    private boolean wakeTimedOut(long limit) {
        List<GuestThread> due = new ArrayList<>();
        for (GuestThread t : threads) {
            if (t.state == GuestThread.State.BLOCKED && t.timeoutTick != NEVER
                    && (limit == NEVER || t.timeoutTick <= limit)) {
                due.add(t);
            }
        }
        if (due.isEmpty()) {
            return false;
        }
        due.sort(Comparator.comparingLong((GuestThread t) -> t.timeoutTick).thenComparingInt(t -> t.tid));
        if (limit == NEVER) {
            due = due.subList(0, 1);
        }
        for (GuestThread t : due) {
            if (t.futexAddress >= 0) {
                futexes.remove(t);
            }
            t.x[10] = t.timeoutResult;
            wake(t, t.timeoutTick);
        }
        return true;
    }

    /**
     * Core {@code c} takes the turn. The core that had it loses its LR reservation: the stores of
     * the cores running now would not be seen by it.
     */
    public void beginTurn(int c) {
        if (lastTurn >= 0 && lastTurn != c) {
            cores[lastTurn].clearReservation();
        }
        lastTurn = c;
        rerunTick[c] = NEVER;
        if (turnHook != null && onCore[c] != null && onCore[c].state == GuestThread.State.RUNNING) {
            turnHook.accept(cores[c]);
        }
    }

    /**
     * Ends the wait of blocked thread {@code t} early (a signal for it arrived) at {@code tick}: it
     * leaves any futex queue and is ready, with {@code result} in a0. Returns false when {@code t}
     * was not blocked.
     */
    public boolean interrupt(GuestThread t, long tick, long result) {
        if (t.state != GuestThread.State.BLOCKED) {
            return false;
        }
        if (t.futexAddress >= 0) {
            futexes.remove(t);
        }
        for (int c = 0; c < cores.length; c++) {
            if (onCore[c] == t) {
                // Blocked in this very turn, not yet taken off its core: it simply goes on.
                if (t.timeoutTick != NEVER) {
                    timedWaiters--;
                    t.timeoutTick = NEVER;
                }
                cores[c].x[10] = result;
                t.state = GuestThread.State.RUNNING;
                return true;
            }
        }
        t.x[10] = result;
        wake(t, Math.max(tick, t.readyTick));
        return true;
    }

    /** A register of thread {@code t}: on its core if it runs, else as saved. */
    public long register(GuestThread t, int reg) {
        Hart h = coreOf(t);
        return h != null ? h.x[reg] : t.x[reg];
    }

    /** Sets a register of thread {@code t}, on its core or in its saved state. */
    public void putRegister(GuestThread t, int reg, long value) {
        Hart h = coreOf(t);
        if (reg != 0) {
            if (h != null) {
                h.x[reg] = value;
            } else {
                t.x[reg] = value;
            }
        }
    }

    /** Moves where thread {@code t} goes on by {@code delta} bytes (back to its system call, to restart it). */
    public void movePc(GuestThread t, long delta) {
        Hart h = coreOf(t);
        if (h != null) {
            h.pc += delta;
        } else {
            t.pc += delta;
        }
    }

    private Hart coreOf(GuestThread t) {
        for (int c = 0; c < cores.length; c++) {
            if (onCore[c] == t) {
                return cores[c];
            }
        }
        return null;
    }

    /** Whether the thread on {@code h} may go on within this turn (it has not blocked, exited or yielded). */
    public boolean running(Hart h) {
        GuestThread t = onCore[h.id];
        return t != null && t.state == GuestThread.State.RUNNING && !t.yieldRequested && !t.waitingForPage;
    }

    /** Whether a thread waiting for an ExCache miss gives its core to a ready thread meanwhile. */
    public void setYieldOnMiss(boolean yield) {
        this.yieldOnMiss = yield;
    }

    /** The process monitor is serving a system call: a miss now is the kernel's and cannot switch threads. */
    public void setInKernel(boolean kernel) {
        this.inKernel = kernel;
    }

    /** Whether the thread on {@code h} may sleep on an ExCache fill: a user-mode access, not the kernel's. */
    public boolean maySleep(Hart h) {
        GuestThread t = onCore[h.id];
        // An instruction that has slept on fills MISS_SLEEPS times in a row waits on the spot for the
        // next line it needs: else, with fewer lines than cores need, the cores could take each
        // other's lines for ever.
        return t != null && t.state == GuestThread.State.RUNNING && !inKernel
                && (h.instret() != t.sleptAtInstret || t.sleepsAtInstret < MISS_SLEEPS);
    }

    /**
     * The thread on {@code h} waits for an ExCache fill in flight: its instruction did not retire
     * and runs again when the fill is in place. It keeps its core (LegoOS serves a miss on the
     * faulting thread), or, when yielding on misses is on and another thread is ready, gives the
     * core away at the end of the turn. Returns the thread, to be woken by {@link #pageArrived}.
     */
    public GuestThread sleepOnPage(Hart h) {
        GuestThread t = onCore[h.id];
        t.waitingForPage = true;
        t.waitCause = StallCause.EXCACHE_MISS;
        long at = h.instret();
        t.sleepsAtInstret = at == t.sleptAtInstret ? t.sleepsAtInstret + 1 : 1;
        t.sleptAtInstret = at;
        h.stop();
        return t;
    }

    /** Whether the thread on {@code h}, in a system call, may sleep on the reply of a request it sends. */
    public boolean mayWaitForReply(Hart h) {
        GuestThread t = onCore[h.id];
        return t != null && t.state == GuestThread.State.RUNNING;
    }

    /**
     * The thread on {@code h} sent a system call's request and sleeps until its reply is delivered
     * ({@link #pageArrived}), keeping its core: LegoOS's calling thread spins on its reply buffer.
     * The ecall runs again then, and the cores' turns go on meanwhile in time order.
     */
    public GuestThread sleepOnReply(Hart h) {
        GuestThread t = onCore[h.id];
        t.waitingForPage = true;
        t.waitCause = StallCause.SYSCALL;
        h.stop();
        return t;
    }

    /** The fill or reply thread {@code t} slept on is in place at {@code tick}: it may run from then. */
    public void pageArrived(GuestThread t, long tick) {
        if (!t.waitingForPage) {
            return;
        }
        t.waitingForPage = false;
        for (int c = 0; c < cores.length; c++) {
            if (onCore[c] == t) {
                long now = nowTicks(c);
                if (tick > now) {
                    cores[c].addCycles(t.waitCause, clock.ticksToCycles(tick - now));
                }
                rerunTick[c] = Math.max(tick, now);
                return;
            }
        }
        if (t.state == GuestThread.State.WAITING_FOR_PAGE) {
            t.readyTick = tick;
            t.state = GuestThread.State.READY;
            ready.add(t);
            dispatchIdle();
        }
    }

    /**
     * The earliest tick at which a core other than {@code current} runs again a woken thread's
     * instruction or call; {@link #NEVER} when none does. LegoOS's faulting thread retries its
     * access as soon as the fill is in, so a turn elsewhere ends there rather than run past it and
     * take the line back first.
     */
    public long nextRerunTick(int current) {
        long earliest = NEVER;
        for (int c = 0; c < rerunTick.length; c++) {
            if (c != current && rerunTick[c] < earliest) {
                earliest = rerunTick[c];
            }
        }
        return earliest;
    }

    /** Whether some thread sleeps on an ExCache fill (so an event will wake it). */
    public boolean anyWaitingForPage() {
        for (GuestThread t : threads) {
            if (t.waitingForPage) {
                return true;
            }
        }
        return false;
    }

    public long missYields() {
        return missYields;
    }

    /** After core {@code c}'s turn: takes a blocked, exited or preempted thread off it and refills idle cores. */
    public void endTurn(int c) {
        Hart h = cores[c];
        GuestThread t = onCore[c];
        if (t == null) {
            return;
        }
        switch (t.state) {
            case BLOCKED:
                save(h, t);
                onCore[c] = null;
                break;
            case EXITED:
                threads.remove(t);
                onCore[c] = null;
                break;
            default:
                if (t.waitingForPage) {
                    // A thread that gave its core away gets at least one instruction done before it
                    // may again: else threads that evict each other's lines pass the core around.
                    if (yieldOnMiss && !ready.isEmpty() && h.instret() != t.placedAtInstret) {
                        save(h, t);
                        t.state = GuestThread.State.WAITING_FOR_PAGE;
                        onCore[c] = null;
                        missYields++;
                    }
                    break;
                }
                boolean quantumUsed = nowTicks(c) - turnStartTick[c] >= quantumTicks;
                if (!ready.isEmpty() && (t.yieldRequested || quantumUsed)) {
                    requeue(c, t, nowTicks(c));
                }
                t.yieldRequested = false;
                break;
        }
        dispatchIdle();
    }

    /** Takes running thread {@code t} off core {@code c} to the back of the ready queue, ready at {@code readyTick}. */
    private void requeue(int c, GuestThread t, long readyTick) {
        save(cores[c], t);
        t.state = GuestThread.State.READY;
        t.readyTick = readyTick;
        ready.add(t);
        onCore[c] = null;
    }

    private void dispatchIdle() {
        for (int c = 0; c < cores.length && !ready.isEmpty(); c++) {
            if (onCore[c] == null) {
                place(c, ready.poll());
            }
        }
    }

    private void place(int c, GuestThread t) {
        Hart h = cores[c];
        long now = nowTicks(c);
        if (t.readyTick > now) {
            h.addCycles(StallCause.IDLE, clock.ticksToCycles(t.readyTick - now));
        }
        h.addCycles(StallCause.SCHEDULE, switchCycles);
        System.arraycopy(t.x, 0, h.x, 0, 32);
        System.arraycopy(t.f, 0, h.f, 0, 32);
        h.writeCsr(Csr.FCSR, t.fcsr);
        h.pc = t.pc;
        h.clearReservation();
        t.state = GuestThread.State.RUNNING;
        t.placedAtInstret = h.instret();
        onCore[c] = t;
        turnStartTick[c] = nowTicks(c);
        contextSwitches++;
    }

    private static void save(Hart h, GuestThread t) {
        System.arraycopy(h.x, 0, t.x, 0, 32);
        System.arraycopy(h.f, 0, t.f, 0, 32);
        t.fcsr = h.readCsr(Csr.FCSR);
        t.pc = h.pc;
    }

    /**
     * riscv_flush_icache: code written by one thread becomes visible to every core (fence.i alone
     * reaches only its own core).
     */
    public void flushInstructions() {
        for (Hart h : cores) {
            h.flushTranslations();
        }
    }

    /** The live threads, in creation order. */
    public List<GuestThread> threads() {
        return java.util.Collections.unmodifiableList(threads);
    }

    /** The futex words the blocked threads wait on, for a deadlock report. */
    public List<String> describeBlocked() {
        List<String> out = new ArrayList<>();
        for (GuestThread t : threads) {
            if (t.state == GuestThread.State.BLOCKED) {
                out.add("thread " + t.tid + (t.futexAddress >= 0 ? " on futex 0x" + Long.toHexString(t.futexAddress)
                        : " asleep") + " at pc=0x" + Long.toHexString(t.pc));
            }
        }
        return out;
    }
}
