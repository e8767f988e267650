package dev.splitsim.kernel.process;

import static dev.splitsim.kernel.process.SyscallNames.CLOCK_GETTIME;
import static dev.splitsim.kernel.process.SyscallNames.CLOCK_NANOSLEEP;
import static dev.splitsim.kernel.process.SyscallNames.FSTAT;
import static dev.splitsim.kernel.process.SyscallNames.FUTEX;
import static dev.splitsim.kernel.process.SyscallNames.GETRANDOM;
import static dev.splitsim.kernel.process.SyscallNames.GETTIMEOFDAY;
import static dev.splitsim.kernel.process.SyscallNames.NANOSLEEP;
import static dev.splitsim.kernel.process.SyscallNames.PREAD64;
import static dev.splitsim.kernel.process.SyscallNames.PWRITE64;
import static dev.splitsim.kernel.process.SyscallNames.READ;
import static dev.splitsim.kernel.process.SyscallNames.READV;
import static dev.splitsim.kernel.process.SyscallNames.WRITE;
import static dev.splitsim.kernel.process.SyscallNames.WRITEV;

import dev.splitsim.cpu.mem.PageProvider;

/**
 * The user buffer each common system call copies first, by call number: the argument holding its
 * address, its length (an argument, or a fixed size) and whether the call reads or writes it.
 * The process monitor brings those lines into the ExCache before the call runs, so a miss on
 * them puts the thread to sleep on its fill with nothing done yet, and the ecall runs again when
 * the line is in; a copy that still misses inside the call waits where it is.
 */
final class CallBuffers {
    private CallBuffers() {}

    /**
     * One call's buffer: {@code unit} bytes for each of argument {@code lengthArg}'s count, or
     * with {@code lengthArg < 0} a fixed {@code unit} bytes.
     */
    private record Buffer(int addressArg, int lengthArg, int unit, int access) {}

    private static final int MAX_CALL = 512;
    private static final Buffer[] BY_CALL = new Buffer[MAX_CALL];

    static {
        BY_CALL[READ] = new Buffer(1, 2, 1, PageProvider.WRITE);
        BY_CALL[PREAD64] = new Buffer(1, 2, 1, PageProvider.WRITE);
        BY_CALL[WRITE] = new Buffer(1, 2, 1, PageProvider.READ);
        BY_CALL[PWRITE64] = new Buffer(1, 2, 1, PageProvider.READ);
        // The iovec array (16 bytes an entry), which the call reads before any of the buffers.
        BY_CALL[READV] = new Buffer(1, 2, 16, PageProvider.READ);
        BY_CALL[WRITEV] = new Buffer(1, 2, 16, PageProvider.READ);
        BY_CALL[FUTEX] = new Buffer(0, -1, 4, PageProvider.READ);
        BY_CALL[CLOCK_GETTIME] = new Buffer(1, -1, 16, PageProvider.WRITE);
        BY_CALL[GETTIMEOFDAY] = new Buffer(0, -1, 16, PageProvider.WRITE);
        BY_CALL[NANOSLEEP] = new Buffer(0, -1, 16, PageProvider.READ);
        BY_CALL[CLOCK_NANOSLEEP] = new Buffer(2, -1, 16, PageProvider.READ);
        BY_CALL[FSTAT] = new Buffer(1, -1, 128, PageProvider.WRITE);
        BY_CALL[GETRANDOM] = new Buffer(0, 1, 1, PageProvider.WRITE);
    }

    /** Whether call {@code n} has a buffer here. */
    static boolean known(int n) {
        return n >= 0 && n < MAX_CALL && BY_CALL[n] != null;
    }

    static long address(int n, long[] x) {
        return x[10 + BY_CALL[n].addressArg];
    }

    static long length(int n, long[] x) {
        Buffer b = BY_CALL[n];
        return b.lengthArg < 0 ? b.unit : x[10 + b.lengthArg] * b.unit;
    }

    static int access(int n) {
        return BY_CALL[n].access;
    }
}
