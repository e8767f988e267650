package dev.splitsim.kernel.process;

import dev.splitsim.kernel.Errno;
import dev.splitsim.kernel.thread.Scheduler;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.function.LongSupplier;

/**
 * The time system calls: the clocks, sleeping, and the resource figures that are made of time.
 * Guest time is simulated time; the realtime clock starts at the configured epoch (sim.epoch) and
 * advances with it, so runs repeat.
 */
final class TimeCalls {
    private static final int CLOCK_REALTIME = 0, CLOCK_REALTIME_COARSE = 5, CLOCK_REALTIME_ALARM = 8, CLOCK_TAI = 11;
    private static final int RUSAGE_SELF = 0, RUSAGE_CHILDREN = -1, RUSAGE_THREAD = 1;

    private final LinuxProcess process;
    private final GuestMemory guest;
    private final LongSupplier nowTicks;
    /** What CLOCK_REALTIME reads at tick 0, in seconds since 1970. */
    private final long epochSeconds;
    private final byte[] timespec = new byte[16];

    TimeCalls(LinuxProcess process, GuestMemory guest, LongSupplier nowTicks, long epochSeconds) {
        this.process = process;
        this.guest = guest;
        this.nowTicks = nowTicks;
        this.epochSeconds = epochSeconds;
    }

    /** The clocks that read wall-clock time; every other clock counts from the start of the run. */
    static boolean isRealtime(int clock) {
        return clock == CLOCK_REALTIME || clock == CLOCK_REALTIME_COARSE || clock == CLOCK_REALTIME_ALARM
                || clock == CLOCK_TAI;
    }

    private long nowNanos() {
        return nowTicks.getAsLong() / 1000;
    }

    long clockGettime(int clock, long ts) {
        long ns = nowNanos();
        long realtime = isRealtime(clock) ? epochSeconds : 0;
        return guest.putLongs(ts, realtime + ns / 1_000_000_000L, ns % 1_000_000_000L);
    }

    /** clock_getres: a null pointer asks nothing; every clock counts in nanoseconds. */
    long clockGetres(long ts) {
        return ts == 0 ? 0 : guest.putLongs(ts, 0, 1);
    }

    long gettimeofday(long tv) {
        if (tv == 0) {
            return 0;
        }
        long ns = nowNanos();
        return guest.putLongs(tv, epochSeconds + ns / 1_000_000_000L, (ns % 1_000_000_000L) / 1000);
    }

    long sysinfo(long buf) {
        ByteBuffer b = ByteBuffer.allocate(112).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, nowNanos() / 1_000_000_000L).putLong(32, 1L << 32).putLong(40, 1L << 31).putInt(104, 1);
        return guest.write(buf, b.array(), 0, 112) ? 0 : -Errno.EFAULT;
    }

    /** All simulated time so far counts as user time; the machine has no other resource figures. */
    long getrusage(int who, long buf) {
        if (who != RUSAGE_SELF && who != RUSAGE_CHILDREN && who != RUSAGE_THREAD) {
            return -Errno.EINVAL;
        }
        long ns = who == RUSAGE_CHILDREN ? 0 : nowNanos();
        ByteBuffer b = ByteBuffer.allocate(144).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, ns / 1_000_000_000L).putLong(8, ns % 1_000_000_000L / 1000);
        return guest.write(buf, b.array(), 0, 144) ? 0 : -Errno.EFAULT;
    }

    /**
     * nanosleep and clock_nanosleep: the thread gives up its core until the deadline in simulated
     * time. A signal handler ends the sleep early with EINTR, a relative one writing the time left
     * to {@code remaining}.
     */
    long sleep(int clock, int flags, long request, long remaining, SignalCalls signals) {
        long ns = timespecNanos(request);
        if (ns < 0) {
            return ns;
        }
        long now = process.now();
        boolean absolute = (flags & 1) != 0;
        long deadline = absolute ? absoluteTick(clock, ns) : after(now, ns);
        if (deadline <= now) {
            return 0;
        }
        process.hart().pc += 4;
        signals.waiting(SignalCalls.Wait.SLEEP, request, absolute ? 0 : remaining, deadline);
        process.scheduler().block(process.hart(), deadline, 0);
        return 0;
    }

    private static final int POLLIN = 1, POLLOUT = 4, POLLNVAL = 0x20;

    /**
     * ppoll: with no descriptors (as pause() and sleeps made of it ask), a wait under the given mask
     * until the timeout or a signal's handler; with descriptors, their readiness at once: every file
     * here is always ready for what it is asked (a read or write never waits on the machine).
     */
    long ppoll(long fds, long count, long timeout, long mask, long maskSize, SignalCalls signals) {
        if (count < 0 || count > 1024) {
            return -Errno.EINVAL;
        }
        long[] word = new long[1];
        if (count > 0) {
            int ready = 0;
            for (int i = 0; i < count; i++) {
                if (!guest.readLong(fds + 8L * i, word, 0)) {
                    return -Errno.EFAULT;
                }
                int fd = (int) word[0];
                int events = (int) (word[0] >>> 32) & 0xffff;
                int revents = fd < 0 ? 0 : !process.isOpen(fd) ? POLLNVAL : events & (POLLIN | POLLOUT);
                if (revents != 0) {
                    ready++;
                }
                if (!guest.putInt(fds + 8L * i + 4, (events & 0xffff) | (revents << 16))) {
                    return -Errno.EFAULT;
                }
            }
            if (ready > 0 || timeout != 0 && timespecNanos(timeout) == 0) {
                return ready;
            }
        }
        long deadline = Scheduler.NEVER;
        long now = process.now();
        if (timeout != 0) {
            long ns = timespecNanos(timeout);
            if (ns < 0) {
                return ns;
            }
            deadline = after(now, ns);
            if (deadline <= now) {
                return 0;
            }
        }
        if (mask != 0) {
            if (maskSize != 8 || !guest.readLong(mask, word, 0)) {
                return maskSize != 8 ? -Errno.EINVAL : -Errno.EFAULT;
            }
            signals.suspendMask(word[0]);
        }
        process.hart().pc += 4;
        signals.waiting(SignalCalls.Wait.SLEEP, fds, 0, deadline);
        process.scheduler().block(process.hart(), deadline, 0);
        return 0;
    }

    /** The tick {@code ns} nanoseconds after {@code tick}, saturating. */
    static long after(long tick, long ns) {
        return ns >= (Scheduler.NEVER - tick) / 1000 ? Scheduler.NEVER - 1 : tick + ns * 1000;
    }

    /** The tick at which clock {@code clock} (realtime, else one counting from the start) reads {@code ns}. */
    long absoluteTick(int clock, long ns) {
        long sinceStart = isRealtime(clock) ? ns - epochSeconds * 1_000_000_000L : ns;
        return sinceStart <= 0 ? 0 : after(0, sinceStart);
    }

    /** A struct timespec in nanoseconds, or a negative errno. */
    long timespecNanos(long address) {
        if (!guest.read(address, timespec, 0, 16)) {
            return -Errno.EFAULT;
        }
        ByteBuffer bb = ByteBuffer.wrap(timespec).order(ByteOrder.LITTLE_ENDIAN);
        long sec = bb.getLong();
        long nsec = bb.getLong();
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            return -Errno.EINVAL;
        }
        return sec >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : sec * 1_000_000_000L + nsec;
    }
}
