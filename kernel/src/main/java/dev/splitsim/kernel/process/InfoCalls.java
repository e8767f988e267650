package dev.splitsim.kernel.process;

import dev.splitsim.kernel.Errno;
import java.nio.charset.StandardCharsets;

/** The small system calls about the system and the process: uname, getrandom, resource limits. */
final class InfoCalls {
    private static final String[] UTSNAME = {"Linux", "splitsim", "6.1.0", "#1 SMP splitsim", "riscv64", "(none)"};
    private static final int UTS_FIELD = 65;
    /** The most random bytes one getrandom call gives (it may return fewer than asked). */
    private static final int RANDOM_CHUNK = 1 << 20;
    private static final int RLIMIT_FSIZE = 1;
    private static final int RLIMIT_STACK = 3;
    private static final int RLIMIT_NPROC = 6;
    private static final long RLIM_INFINITY = -1L;

    private final GuestMemory guest;
    private final Entropy random;
    private final ProcessLimits limits;

    InfoCalls(GuestMemory guest, Entropy random, ProcessLimits limits) {
        this.guest = guest;
        this.limits = limits;
        this.random = random;
    }

    long uname(long buf) {
        byte[] out = new byte[UTS_FIELD * UTSNAME.length];
        for (int i = 0; i < UTSNAME.length; i++) {
            byte[] s = UTSNAME[i].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, out, UTS_FIELD * i, s.length);
        }
        return guest.write(buf, out, 0, out.length) ? 0 : -Errno.EFAULT;
    }

    /** getrandom: seeded bytes, so runs repeat; the whole asked range must lie in the address space. */
    long getrandom(long buf, long len) {
        long asked = Math.min(len < 0 ? Long.MAX_VALUE : len, Integer.MAX_VALUE);
        if (!GuestMemory.inRange(buf, asked)) {
            return -Errno.EFAULT;
        }
        byte[] out = new byte[(int) Math.min(asked, RANDOM_CHUNK)];
        random.fill(out, out.length);
        return guest.write(buf, out, 0, out.length) ? out.length : -Errno.EFAULT;
    }

    /**
     * prlimit64 and getrlimit: the limits the process runs under (an 8 MiB stack, the file size and
     * thread limits of its configuration), everything else unlimited; a new limit is read and ignored.
     */
    long prlimit(int resource, long newLimit, long old) {
        if (newLimit != 0 && !guest.read(newLimit, new byte[16], 0, 16)) {
            return -Errno.EFAULT;
        }
        if (old == 0) {
            return 0;
        }
        long soft;
        switch (resource) {
            case RLIMIT_STACK: soft = dev.splitsim.kernel.memory.ProcessLoader.STACK_SIZE; break;
            case RLIMIT_FSIZE: soft = finite(limits.maxFileSize()); break;
            case RLIMIT_NPROC: soft = finite(limits.maxThreads()); break;
            default: soft = RLIM_INFINITY;
        }
        long hard = resource == RLIMIT_STACK ? RLIM_INFINITY : soft;
        return guest.putLongs(old, soft, hard);
    }

    private static long finite(long limit) {
        return limit == Long.MAX_VALUE || limit == Integer.MAX_VALUE ? RLIM_INFINITY : limit;
    }
}
