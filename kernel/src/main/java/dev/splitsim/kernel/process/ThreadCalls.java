package dev.splitsim.kernel.process;

import dev.splitsim.kernel.Errno;
import dev.splitsim.kernel.thread.GuestThread;
import dev.splitsim.kernel.thread.Scheduler;

/**
 * The thread system calls: clone of a thread, exit of one, futexes, the thread's id and clear-tid
 * word, yielding and the affinity mask.
 */
final class ThreadCalls {
    private static final long CLONE_VM = 0x100, CLONE_THREAD = 0x10000, CLONE_SETTLS = 0x80000,
            CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000;
    private static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4,
            FUTEX_WAKE_OP = 5, FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10;
    private static final int FUTEX_CLOCK_REALTIME = 256;
    private static final int FUTEX_BITSET_ALL = -1;

    private final LinuxProcess process;
    private final GuestMemory guest;
    private final TimeCalls time;
    private final SignalCalls signals;

    ThreadCalls(LinuxProcess process, GuestMemory guest, TimeCalls time, SignalCalls signals) {
        this.process = process;
        this.guest = guest;
        this.time = time;
        this.signals = signals;
    }

    private Scheduler scheduler() {
        return process.scheduler();
    }

    private GuestThread thread() {
        return scheduler().current(process.hart());
    }

    long gettid() {
        return thread().tid;
    }

    long setTidAddress(long address) {
        thread().clearChildTid = address;
        return thread().tid;
    }

    /**
     * sched_yield: the call is done before the core goes to another thread, so the thread goes on
     * after it when it runs again (not into the same yield, for ever).
     */
    long yield() {
        process.hart().pc += 4;
        scheduler().yield(process.hart());
        return 0;
    }

    long flushInstructions() {
        scheduler().flushInstructions();
        return 0;
    }

    /** Threads only (CLONE_VM | CLONE_THREAD, as pthread_create asks); a fork-like clone is unsupported. */
    long clone(long flags, long stack, long parentTid, long tls, long childTid) {
        if ((flags & (CLONE_VM | CLONE_THREAD)) != (CLONE_VM | CLONE_THREAD)) {
            return process.unsupported(SyscallNames.CLONE);
        }
        if (scheduler().liveThreads() >= process.limits().maxThreads()) {
            // As Linux past RLIMIT_NPROC: the caller may retry once a thread has ended.
            return -Errno.EAGAIN;
        }
        GuestThread child = scheduler().spawn(process.hart(), process.hart().pc + 4);
        Scheduler.setRegister(child, 10, 0);
        if (stack != 0) {
            Scheduler.setRegister(child, 2, stack);
        }
        if ((flags & CLONE_SETTLS) != 0) {
            Scheduler.setRegister(child, 4, tls);
        }
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            guest.putInt(parentTid, child.tid);
        }
        if ((flags & CLONE_CHILD_SETTID) != 0) {
            guest.putInt(childTid, child.tid);
        }
        if ((flags & CLONE_CHILD_CLEARTID) != 0) {
            child.clearChildTid = childTid;
        }
        signals.threadCreated(thread(), child);
        scheduler().start(child);
        return child.tid;
    }

    /** exit: one thread ends (its clear_child_tid word is zeroed and woken); the last one ends the process. */
    long exitThread(int status) {
        GuestThread t = thread();
        if (scheduler().liveThreads() == 1) {
            process.terminate(status);
            return 0;
        }
        if (t.clearChildTid != 0 && guest.putInt(t.clearChildTid, 0)) {
            scheduler().wakeFutex(t.clearChildTid, 1, FUTEX_BITSET_ALL, process.now());
        }
        signals.threadExited(t);
        scheduler().exit(process.hart());
        return 0;
    }

    /** sched_getaffinity: every configured core. */
    long affinity(long size, long mask) {
        if (size < 8 || (size & 7) != 0) {
            return -Errno.EINVAL;
        }
        int n = scheduler().cores();
        return guest.putLongs(mask, n >= 64 ? -1L : (1L << n) - 1) == 0 ? 8 : -Errno.EFAULT;
    }

    /**
     * The futex operations glibc's mutexes, condition variables, barriers and joins use. The private
     * flag changes nothing: a process has one address space.
     */
    long futex(long address, int op, int val, long timeout, long address2, int val3) {
        int cmd = op & 0x7f;
        long now = process.now();
        switch (cmd) {
            case FUTEX_WAIT: case FUTEX_WAIT_BITSET: {
                int bitset = cmd == FUTEX_WAIT ? FUTEX_BITSET_ALL : val3;
                if (bitset == 0 || (address & 3) != 0) {
                    return -Errno.EINVAL;
                }
                long word = guest.readInt(address);
                if (word < 0) {
                    return -Errno.EFAULT;
                }
                if ((int) word != val) {
                    return -Errno.EAGAIN;
                }
                long deadline = Scheduler.NEVER;
                if (timeout != 0) {
                    long ns = time.timespecNanos(timeout);
                    if (ns < 0) {
                        return ns;
                    }
                    deadline = cmd == FUTEX_WAIT ? TimeCalls.after(now, ns)
                            : time.absoluteTick((op & FUTEX_CLOCK_REALTIME) != 0 ? 0 : 1, ns);
                    if (deadline <= now) {
                        return -Errno.ETIMEDOUT;
                    }
                }
                process.hart().pc += 4;
                // Interrupted by a handler: a wait with no timeout is made again under SA_RESTART.
                signals.waiting(timeout == 0 ? SignalCalls.Wait.FUTEX : SignalCalls.Wait.FUTEX_TIMED, address, 0, 0);
                scheduler().blockOnFutex(process.hart(), address, bitset, deadline, -Errno.ETIMEDOUT);
                return 0;
            }
            case FUTEX_WAKE:
                return scheduler().wakeFutex(address, val, FUTEX_BITSET_ALL, now);
            case FUTEX_WAKE_BITSET:
                return val3 == 0 ? -Errno.EINVAL : scheduler().wakeFutex(address, val, val3, now);
            case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: {
                if (cmd == FUTEX_CMP_REQUEUE) {
                    long word = guest.readInt(address);
                    if (word < 0) {
                        return -Errno.EFAULT;
                    }
                    if ((int) word != val3) {
                        return -Errno.EAGAIN;
                    }
                }
                int woken = scheduler().wakeFutex(address, val, FUTEX_BITSET_ALL, now);
                // The requeue limit travels in the timeout argument's register.
                int limit = (int) Math.min(Math.max(timeout, 0), Integer.MAX_VALUE);
                return woken + scheduler().futexes().requeue(address, address2, limit);
            }
            case FUTEX_WAKE_OP:
                return wakeOp(address, val, (int) timeout, address2, val3, now);
            default:
                return -Errno.ENOSYS;
        }
    }

    /** FUTEX_WAKE_OP: update the second word, wake on the first, and on the second if its old value passes the test. */
    private long wakeOp(long address, int val, int val2, long address2, int encoded, long now) {
        long word = guest.readInt(address2);
        if (word < 0) {
            return -Errno.EFAULT;
        }
        int old = (int) word;
        int oparg = (encoded << 8) >> 20;
        int cmparg = (encoded << 20) >> 20;
        if ((encoded & (8 << 28)) != 0) {
            oparg = 1 << (oparg & 31);
        }
        int updated;
        switch ((encoded >>> 28) & 7) {
            case 0: updated = oparg; break;
            case 1: updated = old + oparg; break;
            case 2: updated = old | oparg; break;
            case 3: updated = old & ~oparg; break;
            case 4: updated = old ^ oparg; break;
            default: return -Errno.ENOSYS;
        }
        if (!guest.putInt(address2, updated)) {
            return -Errno.EFAULT;
        }
        int woken = scheduler().wakeFutex(address, val, FUTEX_BITSET_ALL, now);
        boolean pass;
        switch ((encoded >>> 24) & 15) {
            case 0: pass = old == cmparg; break;
            case 1: pass = old != cmparg; break;
            case 2: pass = old < cmparg; break;
            case 3: pass = old <= cmparg; break;
            case 4: pass = old > cmparg; break;
            case 5: pass = old >= cmparg; break;
            default: return -Errno.ENOSYS;
        }
        return pass ? woken + scheduler().wakeFutex(address2, val2, FUTEX_BITSET_ALL, now) : woken;
    }
}
