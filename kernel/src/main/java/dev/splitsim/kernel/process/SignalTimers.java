package dev.splitsim.kernel.process;

import dev.splitsim.kernel.Errno;
import dev.splitsim.kernel.thread.GuestThread;
import dev.splitsim.kernel.thread.Scheduler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * The process's timers that send signals, on simulated time: the three interval timers of
 * setitimer (and so alarm), ITIMER_REAL sending SIGALRM, ITIMER_VIRTUAL SIGVTALRM and ITIMER_PROF
 * SIGPROF (all three count simulated time: every thread runs all the time it is not asleep), and
 * the POSIX timers of timer_create. The scheduler expires them as it does timed waits, in time
 * order, so a program that waits for its alarm in pause() or a busy loop is woken at the right
 * tick, run after run.
 */
final class SignalTimers implements Scheduler.Alarms {
    private static final int ITIMER_REAL = 0, ITIMER_VIRTUAL = 1, ITIMER_PROF = 2;
    private static final int SIGEV_SIGNAL = 0, SIGEV_NONE = 1, SIGEV_THREAD = 2, SIGEV_THREAD_ID = 4;
    private static final int TIMER_ABSTIME = 1;
    private static final int MAX_TIMERS = 4096;

    /** One timer: when it next expires ({@link Scheduler#NEVER}: disarmed), its period and what it sends. */
    static final class Timer {
        final int id;
        final int clock;
        final int signo;
        final int notify;
        final GuestThread target;
        final long value;
        long expiryTick = Scheduler.NEVER;
        long intervalNs;
        /** Expirations since its signal was queued, and as the last delivered signal counted them. */
        int overrun;
        int lastOverrun;
        boolean queued;

        Timer(int id, int clock, int signo, int notify, GuestThread target, long value) {
            this.id = id;
            this.clock = clock;
            this.signo = signo;
            this.notify = notify;
            this.target = target;
            this.value = value;
        }

        /** Its signal is being delivered: the siginfo carries the overruns counted so far. */
        void deliveredInto(byte[] info) {
            if (id >= 0) {
                ByteBuffer.wrap(info).order(ByteOrder.LITTLE_ENDIAN).putInt(20, overrun);
            }
            lastOverrun = overrun;
            overrun = 0;
        }
    }

    private final SignalCalls signals;
    private final Timer[] itimers = {
        new Timer(-1, 0, SignalCalls.SIGALRM, SIGEV_SIGNAL, null, 0),
        new Timer(-2, 0, SignalCalls.SIGVTALRM, SIGEV_SIGNAL, null, 0),
        new Timer(-3, 0, SignalCalls.SIGPROF, SIGEV_SIGNAL, null, 0),
    };
    private final List<Timer> posix = new ArrayList<>();

    SignalTimers(SignalCalls signals) {
        this.signals = signals;
    }

    @Override
    public long nextTick() {
        long next = Scheduler.NEVER;
        for (Timer t : itimers) {
            next = Math.min(next, t.expiryTick);
        }
        for (Timer t : posix) {
            if (t != null) {
                next = Math.min(next, t.expiryTick);
            }
        }
        return next;
    }

    @Override
    public boolean onlyPeriodic() {
        for (Timer t : itimers) {
            if (t.expiryTick != Scheduler.NEVER && t.intervalNs <= 0) {
                return false;
            }
        }
        for (Timer t : posix) {
            if (t != null && t.expiryTick != Scheduler.NEVER && t.intervalNs <= 0) {
                return false;
            }
        }
        return true;
    }

    /** Every timer due by {@code tick} sends its signal (once, its overruns counted) and is re-armed by its period. */
    @Override
    public void expire(long tick) {
        List<Timer> due = new ArrayList<>();
        for (Timer t : itimers) {
            if (t.expiryTick <= tick) {
                due.add(t);
            }
        }
        for (Timer t : posix) {
            if (t != null && t.expiryTick <= tick) {
                due.add(t);
            }
        }
        due.sort((a, b) -> a.expiryTick != b.expiryTick ? Long.compare(a.expiryTick, b.expiryTick)
                : Integer.compare(b.id, a.id));
        for (Timer t : due) {
            long at = t.expiryTick;
            if (t.intervalNs > 0) {
                long step = t.intervalNs >= Long.MAX_VALUE / 1000 ? Long.MAX_VALUE : t.intervalNs * 1000;
                long periods = 1 + (tick - at) / step;
                long ahead = periods >= Long.MAX_VALUE / t.intervalNs ? Long.MAX_VALUE : t.intervalNs * periods;
                t.expiryTick = TimeCalls.after(at, ahead);
                if (t.expiryTick <= tick) {
                    // Its next period lies past the end of simulated time: it never fires again.
                    t.expiryTick = Scheduler.NEVER;
                }
                if (t.queued) {
                    t.overrun = (int) Math.min(Integer.MAX_VALUE, (long) t.overrun + periods);
                    continue;
                }
                t.overrun = (int) Math.min(Integer.MAX_VALUE, periods - 1);
            } else {
                t.expiryTick = Scheduler.NEVER;
                if (t.queued) {
                    t.overrun = Math.min(Integer.MAX_VALUE - 1, t.overrun) + 1;
                    continue;
                }
            }
            if (t.notify == SIGEV_NONE) {
                continue;
            }
            byte[] info = t.id >= 0 ? timerInfo(t) : SignalCalls.info(t.signo, SignalCalls.SI_KERNEL, 0, 0, 0);
            signals.sendAt(at, t.notify == SIGEV_THREAD_ID ? t.target : null, info, t);
        }
    }

    private static byte[] timerInfo(Timer t) {
        byte[] info = SignalCalls.info(t.signo, SignalCalls.SI_TIMER, t.id, 0, t.value);
        return info;
    }

    // ---- setitimer and getitimer (struct itimerval: interval, then value, each a timeval)

    long setitimer(GuestMemory guest, long now, int which, long value, long old) {
        if (which < ITIMER_REAL || which > ITIMER_PROF) {
            return -Errno.EINVAL;
        }
        long[] v = new long[4];
        if (value != 0) {
            for (int i = 0; i < 4; i++) {
                if (!guest.readLong(value + 8L * i, v, i)) {
                    return -Errno.EFAULT;
                }
            }
            if (v[1] < 0 || v[1] >= 1_000_000 || v[3] < 0 || v[3] >= 1_000_000 || v[0] < 0 || v[2] < 0) {
                return -Errno.EINVAL;
            }
        }
        Timer t = itimers[which];
        if (old != 0) {
            long r = putItimerval(guest, old, now, t);
            if (r != 0) {
                return r;
            }
        }
        long valueNs = micros(v[2], v[3]);
        t.intervalNs = micros(v[0], v[1]);
        t.expiryTick = valueNs == 0 ? Scheduler.NEVER : TimeCalls.after(now, valueNs);
        t.overrun = 0;
        return 0;
    }

    long getitimer(GuestMemory guest, long now, int which, long value) {
        if (which < ITIMER_REAL || which > ITIMER_PROF) {
            return -Errno.EINVAL;
        }
        return putItimerval(guest, value, now, itimers[which]);
    }

    private static long micros(long sec, long usec) {
        return sec >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : sec * 1_000_000_000L + usec * 1000;
    }

    private static long putItimerval(GuestMemory guest, long at, long now, Timer t) {
        long left = remainingNs(now, t);
        // A timer about to expire still shows a microsecond left, as Linux rounds up.
        long leftUs = (left + 999) / 1000;
        long intervalUs = t.intervalNs / 1000;
        return guest.putLongs(at, intervalUs / 1_000_000, intervalUs % 1_000_000, leftUs / 1_000_000,
                leftUs % 1_000_000);
    }

    private static long remainingNs(long now, Timer t) {
        return t.expiryTick == Scheduler.NEVER ? 0 : Math.max(1000, t.expiryTick - now) / 1000;
    }

    // ---- POSIX timers (struct sigevent: value, signo, notify, thread id; struct itimerspec: interval, value)

    long create(GuestMemory guest, Scheduler scheduler, int clock, long event, long idAddress) {
        if (clock < 0 || clock > 11 || clock == 4 || clock == 10) {
            return -Errno.EINVAL;
        }
        int signo = SignalCalls.SIGALRM;
        int notify = SIGEV_SIGNAL;
        long value;
        GuestThread target = null;
        int id = freeId();
        if (id < 0) {
            return -Errno.EAGAIN;
        }
        value = id;
        if (event != 0) {
            long[] v = new long[3];
            for (int i = 0; i < 3; i++) {
                if (!guest.readLong(event + 8L * i, v, i)) {
                    return -Errno.EFAULT;
                }
            }
            value = v[0];
            signo = (int) v[1];
            notify = (int) (v[1] >>> 32);
            int tid = (int) v[2];
            if (notify != SIGEV_NONE && (signo <= 0 || signo > SignalCalls.NSIG)) {
                return -Errno.EINVAL;
            }
            if (notify == SIGEV_THREAD_ID) {
                for (GuestThread t : scheduler.threads()) {
                    if (t.tid == tid) {
                        target = t;
                    }
                }
                if (target == null) {
                    return -Errno.EINVAL;
                }
            } else if (notify != SIGEV_SIGNAL && notify != SIGEV_NONE) {
                // SIGEV_THREAD is the C library's to make (a thread waiting for SIGEV_THREAD_ID).
                return -Errno.EINVAL;
            }
        }
        if (!guest.putInt(idAddress, id)) {
            return -Errno.EFAULT;
        }
        Timer t = new Timer(id, clock, signo, notify, target, value);
        while (posix.size() <= id) {
            posix.add(null);
        }
        posix.set(id, t);
        return 0;
    }

    private int freeId() {
        for (int i = 0; i < posix.size(); i++) {
            if (posix.get(i) == null) {
                return i;
            }
        }
        return posix.size() < MAX_TIMERS ? posix.size() : -1;
    }

    private Timer timer(int id) {
        return id >= 0 && id < posix.size() ? posix.get(id) : null;
    }

    long settime(GuestMemory guest, TimeCalls time, long now, int id, int flags, long value, long old) {
        Timer t = timer(id);
        if (t == null) {
            return -Errno.EINVAL;
        }
        long[] v = new long[4];
        for (int i = 0; i < 4; i++) {
            if (!guest.readLong(value + 8L * i, v, i)) {
                return -Errno.EFAULT;
            }
        }
        if (v[0] < 0 || v[1] < 0 || v[1] >= 1_000_000_000L || v[2] < 0 || v[3] < 0 || v[3] >= 1_000_000_000L) {
            return -Errno.EINVAL;
        }
        if (old != 0) {
            long r = gettime(guest, now, id, old);
            if (r != 0) {
                return r;
            }
        }
        long valueNs = nanos(v[2], v[3]);
        t.intervalNs = nanos(v[0], v[1]);
        t.overrun = 0;
        if (valueNs == 0) {
            t.expiryTick = Scheduler.NEVER;
        } else if ((flags & TIMER_ABSTIME) != 0) {
            t.expiryTick = Math.max(now, time.absoluteTick(t.clock, valueNs));
        } else {
            t.expiryTick = TimeCalls.after(now, valueNs);
        }
        return 0;
    }

    long gettime(GuestMemory guest, long now, int id, long value) {
        Timer t = timer(id);
        if (t == null) {
            return -Errno.EINVAL;
        }
        long left = t.expiryTick == Scheduler.NEVER ? 0 : Math.max(1, (t.expiryTick - now) / 1000);
        return guest.putLongs(value, t.intervalNs / 1_000_000_000L, t.intervalNs % 1_000_000_000L,
                left / 1_000_000_000L, left % 1_000_000_000L);
    }

    long overrun(int id) {
        Timer t = timer(id);
        return t == null ? -Errno.EINVAL : t.lastOverrun;
    }

    long delete(int id) {
        if (timer(id) == null) {
            return -Errno.EINVAL;
        }
        posix.set(id, null);
        return 0;
    }

    private static long nanos(long sec, long nsec) {
        return sec >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : sec * 1_000_000_000L + nsec;
    }
}
