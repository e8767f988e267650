package dev.splitsim.kernel.process;

import dev.splitsim.cpu.exec.Csr;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.kernel.Errno;
import dev.splitsim.kernel.thread.GuestThread;
import dev.splitsim.kernel.thread.Scheduler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;

/**
 * Signals as Linux gives them to a RISC-V process: the actions of rt_sigaction, each thread's
 * mask, pending signals and alternate stack, sending with kill, tkill, tgkill and
 * rt_sigqueueinfo, waiting with rt_sigsuspend and rt_sigtimedwait, and delivery: a handler runs on
 * a signal frame the process monitor builds on the guest stack as the kernel does (struct
 * rt_sigframe: the siginfo, then a ucontext with the mask, the alternate stack and the registers,
 * FP state included), and returns through rt_sigreturn, which restores all of it.
 *
 * <p>A signal reaches a thread where Linux's would, on a return to user mode: after each system
 * call of the thread, when its core takes its turn (so one sent from another core or by a timer
 * arrives within a turn), and at once for a fault of its own. A thread blocked in an
 * interruptible wait is woken with EINTR, or, for a futex wait under SA_RESTART, sent back to its
 * system call to make it again. There is no vDSO to return through: a handler returns to
 * {@link #SIGRETURN_ADDRESS}, where no page is ever mapped, and the fetch fault there is the
 * sigreturn.
 */
final class SignalCalls {
    static final int SIGHUP = 1, SIGINT = 2, SIGQUIT = 3, SIGILL = 4, SIGTRAP = 5, SIGABRT = 6, SIGBUS = 7,
            SIGFPE = 8, SIGKILL = 9, SIGUSR1 = 10, SIGSEGV = 11, SIGUSR2 = 12, SIGPIPE = 13, SIGALRM = 14,
            SIGTERM = 15, SIGCHLD = 17, SIGCONT = 18, SIGSTOP = 19, SIGTSTP = 20, SIGTTIN = 21, SIGTTOU = 22,
            SIGURG = 23, SIGXCPU = 24, SIGXFSZ = 25, SIGVTALRM = 26, SIGPROF = 27, SIGWINCH = 28, SIGSYS = 31;
    static final int NSIG = 64;
    /** Where a handler returns: the last page of the user address space, never mapped by the process monitor. */
    static final long SIGRETURN_ADDRESS = AddressSpace.USER_END - AddressSpace.PAGE_BYTES;

    /** The kernel's sigset_t on RISC-V: 64 signals. */
    private static final int SIGSET_BYTES = 8;
    /** struct sigaction as the kernel reads and writes it: handler, flags, mask (RISC-V has no restorer). */
    private static final int SIGACTION_BYTES = 24;
    private static final int STACK_T_BYTES = 24;
    static final int SIGINFO_BYTES = 128;
    private static final int SIG_BLOCK = 0, SIG_UNBLOCK = 1, SIG_SETMASK = 2;
    private static final long SIG_DFL = 0, SIG_IGN = 1;
    static final long SA_SIGINFO = 4, SA_ONSTACK = 0x0800_0000L, SA_RESTART = 0x1000_0000L,
            SA_NODEFER = 0x4000_0000L, SA_RESETHAND = 0x8000_0000L;
    /** The flags Linux keeps (it clears unknown ones, so a program can tell what is supported). */
    private static final long KNOWN_FLAGS = 1 | 2 | SA_SIGINFO | 0x800 | SA_ONSTACK | SA_RESTART | SA_NODEFER
            | SA_RESETHAND;
    private static final int SS_ONSTACK = 1, SS_DISABLE = 2, SS_AUTODISARM = 1 << 31;
    private static final long MINSIGSTKSZ = 2048;
    /** si_code values. */
    static final int SI_USER = 0, SI_KERNEL = 0x80, SI_QUEUE = -1, SI_TIMER = -2, SI_TKILL = -6;
    static final int SEGV_MAPERR = 1, SEGV_ACCERR = 2, BUS_ADRALN = 1, ILL_ILLOPC = 1, TRAP_BRKPT = 1;
    private static final long UNBLOCKABLE = bit(SIGKILL) | bit(SIGSTOP);

    /** The layout of the frame: struct rt_sigframe { siginfo; ucontext }, ucontext's mcontext 16-aligned. */
    private static final int UC = SIGINFO_BYTES;
    private static final int UC_STACK = UC + 16, UC_SIGMASK = UC + 40, UC_MCONTEXT = UC + 176;
    private static final int SC_FP = UC_MCONTEXT + 256, SC_FCSR = SC_FP + 256;
    /** struct sigcontext is the 32 registers (pc first) and 528 bytes of FP state. */
    private static final int FRAME_BYTES = UC_MCONTEXT + 256 + 528;

    /** What a wait a signal may end was: what it returns then. */
    enum Wait { NONE, FUTEX, FUTEX_TIMED, SLEEP, SUSPEND, TIMED_WAIT }

    /** One action of rt_sigaction. */
    private static final class Action {
        long handler;
        long flags;
        long mask;
    }

    /** A signal waiting to be delivered: its number and the siginfo it brings. */
    record Queued(int signo, byte[] info, SignalTimers.Timer timer) {}

    /** One thread's signal state. */
    static final class ThreadSignals {
        long blocked;
        final List<Queued> pending = new ArrayList<>();
        long altSp;
        long altSize;
        int altFlags = SS_DISABLE;
        /** The mask to put back after rt_sigsuspend's handler, or -1. */
        long suspendedMask = -1;
        Wait wait = Wait.NONE;
        /** The waiting call's first argument (restart), remaining-time pointer and deadline (nanosleep). */
        long origA0;
        long remAddress;
        long deadline;
        /** rt_sigtimedwait's set and where its siginfo goes. */
        long waitSet;
        long waitInfo;
    }

    private final LinuxProcess process;
    private final GuestMemory guest;
    private final Action[] actions = new Action[NSIG + 1];
    /** Signals sent to the process as a whole, taken by whichever thread can first. */
    private final List<Queued> shared = new ArrayList<>();
    private final Map<GuestThread, ThreadSignals> threads = new IdentityHashMap<>();
    private final SignalTimers timers;
    private final byte[] scratch = new byte[FRAME_BYTES];
    /** The tick a timer's signal is sent at, while a timer expires (-1: the calling core's time). */
    private long sendTick = -1;

    SignalCalls(LinuxProcess process, GuestMemory guest) {
        this.process = process;
        this.guest = guest;
        for (int i = 0; i <= NSIG; i++) {
            actions[i] = new Action();
        }
        this.timers = new SignalTimers(this);
    }

    SignalTimers timers() {
        return timers;
    }

    /** Sends a timer's signal as of {@code tick}: a thread it wakes is ready from then. */
    void sendAt(long tick, GuestThread target, byte[] info, SignalTimers.Timer timer) {
        sendTick = tick;
        try {
            if (target != null) {
                sendToThread(target, info, timer);
            } else {
                sendToProcess(info, timer);
            }
        } finally {
            sendTick = -1;
        }
    }

    static long bit(int signal) {
        return 1L << (signal - 1);
    }

    private Scheduler scheduler() {
        return process.scheduler();
    }

    ThreadSignals of(GuestThread t) {
        return threads.computeIfAbsent(t, k -> new ThreadSignals());
    }

    private ThreadSignals current() {
        return of(scheduler().current(process.hart()));
    }

    /** A new thread starts with its creator's mask and no alternate stack, as clone gives it. */
    void threadCreated(GuestThread parent, GuestThread child) {
        of(child).blocked = of(parent).blocked;
    }

    void threadExited(GuestThread t) {
        threads.remove(t);
    }

    // ---- the actions

    long sigaction(int signal, long action, long old, long setSize) {
        if (setSize != SIGSET_BYTES || signal < 1 || signal > NSIG
                || (action != 0 && (signal == SIGKILL || signal == SIGSTOP))) {
            return -Errno.EINVAL;
        }
        long[] next = null;
        if (action != 0) {
            next = new long[3];
            for (int i = 0; i < 3; i++) {
                if (!guest.readLong(action + 8L * i, next, i)) {
                    return -Errno.EFAULT;
                }
            }
        }
        Action a = actions[signal];
        if (old != 0 && guest.putLongs(old, a.handler, a.flags, a.mask) != 0) {
            return -Errno.EFAULT;
        }
        if (next != null) {
            a.handler = next[0];
            a.flags = next[1] & KNOWN_FLAGS;
            a.mask = next[2] & ~UNBLOCKABLE;
            if (ignored(signal)) {
                // POSIX: a pending signal whose action becomes "ignore" is discarded.
                discard(signal);
            }
        }
        return 0;
    }

    private void discard(int signal) {
        shared.removeIf(q -> q.signo() == signal);
        for (ThreadSignals ts : threads.values()) {
            ts.pending.removeIf(q -> q.signo() == signal);
        }
    }

    /** Whether {@code signal} is ignored: SIG_IGN, or SIG_DFL where the default is to ignore it. */
    private boolean ignored(int signal) {
        long h = actions[signal].handler;
        return h == SIG_IGN || (h == SIG_DFL && defaultIgnores(signal));
    }

    private static boolean defaultIgnores(int signal) {
        // The stop signals stop nothing here (the process is the whole machine): ignored like SIGCONT.
        return signal == SIGCHLD || signal == SIGCONT || signal == SIGURG || signal == SIGWINCH
                || signal == SIGSTOP || signal == SIGTSTP || signal == SIGTTIN || signal == SIGTTOU;
    }

    /** What becomes of {@code signal} now: a handler of the guest's takes it, it is ignored, or its default ends the process. */
    enum Disposition { CAUGHT, IGNORED, FATAL }

    Disposition disposition(int signal) {
        return ignored(signal) ? Disposition.IGNORED
                : actions[signal].handler == SIG_DFL ? Disposition.FATAL : Disposition.CAUGHT;
    }

    /** Whether a fault's signal goes to a handler of the guest's (installed and not blocked). */
    boolean caught(int signal) {
        long h = actions[signal].handler;
        return h != SIG_DFL && h != SIG_IGN && (current().blocked & bit(signal)) == 0;
    }

    // ---- masks and the alternate stack

    long sigprocmask(int how, long set, long old, long setSize) {
        if (setSize != SIGSET_BYTES) {
            return -Errno.EINVAL;
        }
        ThreadSignals ts = current();
        long[] v = new long[1];
        if (set != 0 && !guest.readLong(set, v, 0)) {
            return -Errno.EFAULT;
        }
        if (set != 0 && (how < SIG_BLOCK || how > SIG_SETMASK)) {
            return -Errno.EINVAL;
        }
        if (old != 0 && guest.putLongs(old, ts.blocked) != 0) {
            return -Errno.EFAULT;
        }
        if (set != 0) {
            long mask = v[0] & ~UNBLOCKABLE;
            switch (how) {
                case SIG_BLOCK: ts.blocked |= mask; break;
                case SIG_UNBLOCK: ts.blocked &= ~mask; break;
                default: ts.blocked = mask; break;
            }
        }
        return 0;
    }

    long sigpending(long set, long setSize) {
        if (setSize > SIGSET_BYTES) {
            return -Errno.EINVAL;
        }
        ThreadSignals ts = current();
        long pending = 0;
        for (Queued q : ts.pending) {
            pending |= bit(q.signo());
        }
        for (Queued q : shared) {
            pending |= bit(q.signo());
        }
        return guest.putLongs(set, pending & ts.blocked);
    }

    long sigaltstack(long stack, long old) {
        ThreadSignals ts = current();
        long sp = process.hart().x[2];
        boolean on = onAltStack(ts, sp);
        long[] v = new long[3];
        if (stack != 0) {
            for (int i = 0; i < 3; i++) {
                if (!guest.readLong(stack + 8L * i, v, i)) {
                    return -Errno.EFAULT;
                }
            }
        }
        if (old != 0 && !guest.write(old, stackT(ts, on), 0, STACK_T_BYTES)) {
            return -Errno.EFAULT;
        }
        if (stack == 0) {
            return 0;
        }
        int flags = (int) v[1];
        if (on) {
            return -Errno.EPERM;
        }
        int mode = flags & ~SS_AUTODISARM;
        if (mode != 0 && mode != SS_DISABLE && mode != SS_ONSTACK) {
            return -Errno.EINVAL;
        }
        if (mode == SS_DISABLE) {
            ts.altSp = 0;
            ts.altSize = 0;
            ts.altFlags = SS_DISABLE;
            return 0;
        }
        if (v[2] < MINSIGSTKSZ) {
            return -Errno.ENOMEM;
        }
        ts.altSp = v[0];
        ts.altSize = v[2];
        ts.altFlags = flags & SS_AUTODISARM;
        return 0;
    }

    /** A stack_t of the thread's alternate stack: base, flags (as sigaltstack reports them), size. */
    private static byte[] stackT(ThreadSignals ts, boolean on) {
        byte[] b = new byte[STACK_T_BYTES];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).putLong(0, ts.altSp).putInt(8, flags(ts, on))
                .putLong(16, ts.altSize);
        return b;
    }

    private static int flags(ThreadSignals ts, boolean on) {
        return (ts.altSize == 0 ? SS_DISABLE : on ? SS_ONSTACK : 0) | (ts.altFlags & SS_AUTODISARM);
    }

    private static boolean onAltStack(ThreadSignals ts, long sp) {
        return ts.altSize != 0 && sp > ts.altSp && sp - ts.altSp <= ts.altSize;
    }

    // ---- sending

    /** kill: the process (its own pid, 0 or -1: no other process is its to signal) gets {@code signal}; 0 only checks. */
    long kill(int pid, int signal) {
        if (signal < 0 || signal > NSIG) {
            return -Errno.EINVAL;
        }
        if (pid != process.pid() && pid != 0 && pid != -1 && pid != -process.pid()) {
            return -Errno.ESRCH;
        }
        if (signal != 0) {
            sendToProcess(info(signal, SI_USER, process.pid(), 0, 0), null);
        }
        return 0;
    }

    /** tgkill and tkill: one thread of the process gets {@code signal}. */
    long tgkill(int tgid, int tid, int signal) {
        if (signal < 0 || signal > NSIG || tid <= 0 || (tgid != -1 && tgid <= 0)) {
            return -Errno.EINVAL;
        }
        GuestThread t = thread(tid);
        if (t == null || (tgid != -1 && tgid != process.pid())) {
            return -Errno.ESRCH;
        }
        if (signal != 0) {
            sendToThread(t, info(signal, SI_TKILL, process.pid(), 0, 0), null);
        }
        return 0;
    }

    /** rt_sigqueueinfo and rt_tgsigqueueinfo: the caller's own siginfo, which must say it is the user's. */
    long sigqueueinfo(int tgid, int tid, int signal, long infoAddress) {
        byte[] info = new byte[SIGINFO_BYTES];
        if (!guest.read(infoAddress, info, 0, SIGINFO_BYTES)) {
            return -Errno.EFAULT;
        }
        ByteBuffer b = ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN);
        int code = b.getInt(8);
        if (code >= 0 || code == SI_TKILL) {
            return -Errno.EPERM;
        }
        if (signal <= 0 || signal > NSIG) {
            return -Errno.EINVAL;
        }
        b.putInt(0, signal);
        if (tid == 0) {
            if (tgid != process.pid() && tgid != 0) {
                return -Errno.ESRCH;
            }
            sendToProcess(info, null);
            return 0;
        }
        GuestThread t = thread(tid);
        if (t == null || tgid != process.pid()) {
            return -Errno.ESRCH;
        }
        sendToThread(t, info, null);
        return 0;
    }

    private GuestThread thread(int tid) {
        for (GuestThread t : scheduler().threads()) {
            if (t.tid == tid && t.state() != GuestThread.State.EXITED) {
                return t;
            }
        }
        return null;
    }

    /** A siginfo: number, code, then the first two words of its union (pid and uid, or an address). */
    static byte[] info(int signo, int code, int pid, int uid, long value) {
        byte[] info = new byte[SIGINFO_BYTES];
        ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).putInt(0, signo).putInt(8, code).putInt(16, pid)
                .putInt(20, uid).putLong(24, value);
        return info;
    }

    /** A fault's siginfo: number, code and the faulting address. */
    static byte[] faultInfo(int signo, int code, long address) {
        byte[] info = new byte[SIGINFO_BYTES];
        ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).putInt(0, signo).putInt(8, code).putLong(16, address);
        return info;
    }

    /**
     * A signal for the process: ignored ones go at once; a fatal one that some thread does not
     * block ends the process; any other waits in the shared queue, and a thread that does not block
     * it is woken if it waits.
     */
    void sendToProcess(byte[] info, SignalTimers.Timer timer) {
        int signo = info[0];
        List<GuestThread> all = scheduler().threads();
        GuestThread taker = null;
        for (GuestThread t : all) {
            if ((of(t).blocked & bit(signo)) == 0) {
                taker = t;
                break;
            }
        }
        if (ignored(signo) && taker != null) {
            return;
        }
        if (taker != null && actions[signo].handler == SIG_DFL) {
            process.terminate(128 + signo);
            return;
        }
        if (signo < 32 && contains(shared, signo)) {
            return;
        }
        shared.add(new Queued(signo, info, timer));
        if (timer != null) {
            timer.queued = true;
        }
        // A thread in rt_sigtimedwait for it takes it even though it blocks it.
        for (GuestThread t : all) {
            ThreadSignals ts = of(t);
            if (t.state() == GuestThread.State.BLOCKED && ts.wait == Wait.TIMED_WAIT
                    && (ts.waitSet & bit(signo)) != 0) {
                interruptWait(t);
                return;
            }
        }
        if (taker != null) {
            interruptWait(taker);
        }
    }

    void sendToThread(GuestThread t, byte[] info, SignalTimers.Timer timer) {
        int signo = info[0];
        ThreadSignals ts = of(t);
        boolean blocked = (ts.blocked & bit(signo)) != 0;
        if (ignored(signo) && !blocked) {
            return;
        }
        if (!blocked && actions[signo].handler == SIG_DFL) {
            process.terminate(128 + signo);
            return;
        }
        if (signo < 32 && contains(ts.pending, signo)) {
            return;
        }
        ts.pending.add(new Queued(signo, info, timer));
        if (timer != null) {
            timer.queued = true;
        }
        interruptWait(t);
    }

    private static boolean contains(List<Queued> queue, int signo) {
        for (Queued q : queue) {
            if (q.signo() == signo) {
                return true;
            }
        }
        return false;
    }

    // ---- waiting

    /** The thread on the current core goes into a wait of {@code kind} a signal may end. */
    void waiting(Wait kind, long origA0, long remAddress, long deadline) {
        ThreadSignals ts = current();
        ts.wait = kind;
        ts.origA0 = origA0;
        ts.remAddress = remAddress;
        ts.deadline = deadline;
    }

    /** rt_sigsuspend: the mask is {@code mask} until a handler has run, which the call then returns from with EINTR. */
    long sigsuspend(long mask, long setSize) {
        if (setSize != SIGSET_BYTES) {
            return -Errno.EINVAL;
        }
        long[] v = new long[1];
        if (!guest.readLong(mask, v, 0)) {
            return -Errno.EFAULT;
        }
        ThreadSignals ts = current();
        ts.suspendedMask = ts.blocked;
        ts.blocked = v[0] & ~UNBLOCKABLE;
        Hart h = process.hart();
        h.pc += 4;
        ts.wait = Wait.SUSPEND;
        scheduler().block(h, Scheduler.NEVER, -Errno.EINTR);
        return -Errno.EINTR;
    }

    /** The mask ppoll and pselect wait under, put back when the wait ends: as rt_sigsuspend, with a timeout. */
    void suspendMask(long mask) {
        ThreadSignals ts = current();
        ts.suspendedMask = ts.blocked;
        ts.blocked = mask & ~UNBLOCKABLE;
    }

    /** rt_sigtimedwait: takes a pending signal of {@code set}, or waits for one until the timeout (EAGAIN). */
    long sigtimedwait(long setAddress, long infoAddress, long timeout, long setSize) {
        if (setSize != SIGSET_BYTES) {
            return -Errno.EINVAL;
        }
        long[] v = new long[1];
        if (!guest.readLong(setAddress, v, 0)) {
            return -Errno.EFAULT;
        }
        long set = v[0] & ~UNBLOCKABLE;
        ThreadSignals ts = current();
        Queued q = take(ts, set);
        if (q != null) {
            return handOver(q, infoAddress);
        }
        long deadline = Scheduler.NEVER;
        long now = process.now();
        if (timeout != 0) {
            long ns = process.timeCalls().timespecNanos(timeout);
            if (ns < 0) {
                return ns;
            }
            deadline = TimeCalls.after(now, ns);
            if (deadline <= now) {
                return -Errno.EAGAIN;
            }
        }
        ts.wait = Wait.TIMED_WAIT;
        ts.waitSet = set;
        ts.waitInfo = infoAddress;
        process.hart().pc += 4;
        scheduler().block(process.hart(), deadline, -Errno.EAGAIN);
        return 0;
    }

    private long handOver(Queued q, long infoAddress) {
        if (infoAddress != 0 && !guest.write(infoAddress, q.info(), 0, SIGINFO_BYTES)) {
            return -Errno.EFAULT;
        }
        return q.signo();
    }

    /** Takes the lowest-numbered signal of {@code set} pending for the thread or the process. */
    private Queued take(ThreadSignals ts, long set) {
        Queued best = null;
        List<Queued> from = null;
        for (List<Queued> queue : List.of(ts.pending, shared)) {
            for (Queued q : queue) {
                if ((set & bit(q.signo())) != 0 && (best == null || q.signo() < best.signo())) {
                    best = q;
                    from = queue;
                }
            }
        }
        if (best != null) {
            from.remove(best);
            if (best.timer() != null) {
                best.timer().queued = false;
            }
        }
        return best;
    }

    private boolean deliverable(ThreadSignals ts) {
        for (Queued q : ts.pending) {
            if ((ts.blocked & bit(q.signo())) == 0) {
                return true;
            }
        }
        for (Queued q : shared) {
            if ((ts.blocked & bit(q.signo())) == 0) {
                return true;
            }
        }
        return false;
    }

    /** The lowest-numbered deliverable signal's number, or 0. */
    private int nextDeliverable(ThreadSignals ts) {
        int best = 0;
        for (List<Queued> queue : List.of(ts.pending, shared)) {
            for (Queued q : queue) {
                if ((ts.blocked & bit(q.signo())) == 0 && (best == 0 || q.signo() < best)) {
                    best = q.signo();
                }
            }
        }
        return best;
    }

    /**
     * Ends the interruptible wait of {@code t} if a signal for it now asks to: rt_sigtimedwait
     * returns the signal of its set, any other wait EINTR (nanosleep writing the time left), and a
     * futex wait with no timeout under SA_RESTART goes back to its system call.
     */
    private void interruptWait(GuestThread t) {
        ThreadSignals ts = of(t);
        if (t.state() != GuestThread.State.BLOCKED || ts.wait == Wait.NONE) {
            return;
        }
        long now = sendTick >= 0 ? sendTick : process.now();
        if (ts.wait == Wait.TIMED_WAIT) {
            Queued q = take(ts, ts.waitSet);
            if (q != null) {
                ts.wait = Wait.NONE;
                scheduler().interrupt(t, now, handOver(q, ts.waitInfo));
                return;
            }
        }
        int signo = nextDeliverable(ts);
        if (signo == 0) {
            return;
        }
        Wait kind = ts.wait;
        if (kind == Wait.SUSPEND) {
            // The wait ends; the mask it set stays until the handler's frame is built.
            scheduler().interrupt(t, now, -Errno.EINTR);
            return;
        }
        ts.wait = Wait.NONE;
        if (kind == Wait.FUTEX && (actions[signo].flags & SA_RESTART) != 0) {
            scheduler().interrupt(t, now, ts.origA0);
            scheduler().movePc(t, -4);
            return;
        }
        if (kind == Wait.SLEEP && ts.remAddress != 0) {
            long left = Math.max(0, ts.deadline - now) / 1000;
            guest.putLongs(ts.remAddress, left / 1_000_000_000L, left % 1_000_000_000L);
        }
        scheduler().interrupt(t, now, -Errno.EINTR);
    }

    /** After a system call that blocked its thread: a signal already pending for it ends the wait at once. */
    void checkWait(GuestThread t) {
        if (t.state() == GuestThread.State.BLOCKED) {
            interruptWait(t);
        }
    }

    // ---- delivery

    /**
     * Delivers what is pending and not blocked for the thread on {@code h}, which is about to run
     * user code: a handler's frame for each signal caught (the last one runs first, as in Linux),
     * and the end of the process for a fatal one.
     */
    void deliver(Hart h) {
        GuestThread t = scheduler().current(h);
        if (t == null) {
            return;
        }
        ThreadSignals ts = threads.get(t);
        if (ts == null) {
            return;
        }
        while (!process.finished() && (!ts.pending.isEmpty() || !shared.isEmpty())) {
            int signo = nextDeliverable(ts);
            if (signo == 0) {
                break;
            }
            Queued q = take(ts, bit(signo));
            if (q.timer() != null) {
                q.timer().deliveredInto(q.info());
            }
            Action a = actions[signo];
            if (ignored(signo)) {
                continue;
            }
            if (a.handler == SIG_DFL) {
                process.terminate(128 + signo);
                return;
            }
            if (!buildFrame(h, ts, signo, q.info())) {
                // No room for the frame: the process dies of SIGSEGV, as Linux's would.
                process.terminate(128 + SIGSEGV);
                return;
            }
        }
        if (ts.suspendedMask >= 0 && ts.wait != Wait.SUSPEND) {
            // The wait under a temporary mask ended with no handler to run: the mask goes back.
            ts.blocked = ts.suspendedMask;
            ts.suspendedMask = -1;
        }
    }

    /** A fault of the thread on {@code h}, caught by its handler: the frame resumes at the faulting instruction. */
    boolean deliverFault(Hart h, int signo, byte[] info) {
        ThreadSignals ts = current();
        return buildFrame(h, ts, signo, info);
    }

    /**
     * Builds the frame of {@code signo} below the thread's stack (or at the top of its alternate
     * stack, for SA_ONSTACK) and points the core at the handler: a0 the signal, a1 the siginfo, a2
     * the ucontext, ra the sigreturn address. The mask grows by the action's and, unless
     * SA_NODEFER, the signal itself. False when the frame cannot be written.
     */
    private boolean buildFrame(Hart h, ThreadSignals ts, int signo, byte[] info) {
        Action a = actions[signo];
        long sp = h.x[2];
        boolean on = onAltStack(ts, sp);
        if ((a.flags & SA_ONSTACK) != 0 && ts.altSize != 0 && !on) {
            sp = ts.altSp + ts.altSize;
        }
        long frame = (sp - FRAME_BYTES) & ~15L;
        if (on && !onAltStack(ts, frame)) {
            return false;
        }
        long oldMask = ts.suspendedMask >= 0 ? ts.suspendedMask : ts.blocked;
        ts.suspendedMask = -1;
        java.util.Arrays.fill(scratch, (byte) 0);
        ByteBuffer b = ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN);
        System.arraycopy(info, 0, scratch, 0, SIGINFO_BYTES);
        System.arraycopy(stackT(ts, on), 0, scratch, UC_STACK, STACK_T_BYTES);
        b.putLong(UC_SIGMASK, oldMask);
        b.putLong(UC_MCONTEXT, h.pc);
        for (int r = 1; r < 32; r++) {
            b.putLong(UC_MCONTEXT + 8 * r, h.x[r]);
        }
        for (int r = 0; r < 32; r++) {
            b.putLong(SC_FP + 8 * r, h.f[r]);
        }
        b.putInt(SC_FCSR, (int) h.readCsr(Csr.FCSR));
        if (!guest.write(frame, scratch, 0, FRAME_BYTES)) {
            return false;
        }
        if ((ts.altFlags & SS_AUTODISARM) != 0 && (a.flags & SA_ONSTACK) != 0 && !on) {
            ts.altSp = 0;
            ts.altSize = 0;
            ts.altFlags = SS_DISABLE;
        }
        ts.blocked = (ts.blocked | a.mask | ((a.flags & SA_NODEFER) != 0 ? 0 : bit(signo))) & ~UNBLOCKABLE;
        if (ts.wait == Wait.SUSPEND) {
            ts.wait = Wait.NONE;
        }
        h.x[10] = signo;
        h.x[11] = frame;
        h.x[12] = frame + UC;
        h.x[1] = SIGRETURN_ADDRESS;
        h.x[2] = frame;
        h.pc = a.handler;
        if ((a.flags & SA_RESETHAND) != 0) {
            a.handler = SIG_DFL;
            a.flags &= ~SA_SIGINFO;
        }
        return true;
    }

    /**
     * rt_sigreturn, from the return address of a handler or as a system call: the registers, FP
     * state, mask and alternate stack come back from the frame at sp. False when the frame cannot
     * be read (the process then dies of SIGSEGV).
     */
    boolean sigreturn(Hart h) {
        long frame = h.x[2];
        if (!guest.read(frame, scratch, 0, FRAME_BYTES)) {
            return false;
        }
        ThreadSignals ts = current();
        ByteBuffer b = ByteBuffer.wrap(scratch).order(ByteOrder.LITTLE_ENDIAN);
        ts.blocked = b.getLong(UC_SIGMASK) & ~UNBLOCKABLE;
        h.pc = b.getLong(UC_MCONTEXT);
        for (int r = 1; r < 32; r++) {
            h.x[r] = b.getLong(UC_MCONTEXT + 8 * r);
        }
        for (int r = 0; r < 32; r++) {
            h.f[r] = b.getLong(SC_FP + 8 * r);
        }
        h.writeCsr(Csr.FCSR, b.getInt(SC_FCSR) & 0xff);
        long altSp = b.getLong(UC_STACK);
        int altFlags = b.getInt(UC_STACK + 8);
        long altSize = b.getLong(UC_STACK + 16);
        if (!onAltStack(ts, h.x[2])) {
            // As restore_altstack: what the frame saved comes back, unless that is not a valid stack.
            int mode = altFlags & ~SS_AUTODISARM & ~SS_ONSTACK;
            if (mode == SS_DISABLE || altSize == 0) {
                ts.altSp = 0;
                ts.altSize = 0;
                ts.altFlags = SS_DISABLE;
            } else if (altSize >= MINSIGSTKSZ) {
                ts.altSp = altSp;
                ts.altSize = altSize;
                ts.altFlags = altFlags & SS_AUTODISARM;
            }
        }
        return true;
    }
}
