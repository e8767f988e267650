package dev.splitsim.kernel;

/**
 * The signal system calls. No signal is ever delivered: handlers and masks are accepted and
 * reported back as empty, and a signal sent to the process ends it.
 */
final class SignalCalls {
    /** The kernel's sigset_t on RISC-V: 64 signals. */
    private static final int SIGSET_BYTES = 8;
    /** struct sigaction as the kernel reads and writes it: handler, flags, mask. */
    private static final int SIGACTION_BYTES = 24;
    private static final int STACK_T_BYTES = 24;
    private static final int SIGKILL = 9, SIGSTOP = 19, SIGXFSZ = 25, NSIG = 64;
    private static final long SIG_IGN = 1;
    private static final int SIG_SETMASK = 2;

    private final LinuxProcess process;
    private final GuestMemory guest;
    private final byte[] scratch = new byte[SIGACTION_BYTES];

    SignalCalls(LinuxProcess process, GuestMemory guest) {
        this.process = process;
        this.guest = guest;
    }

    private boolean readable(long address, int length) {
        return address == 0 || guest.read(address, scratch, 0, length);
    }

    long sigaction(int signal, long action, long old, long setSize) {
        if (setSize != SIGSET_BYTES || signal < 1 || signal > NSIG
                || (action != 0 && (signal == SIGKILL || signal == SIGSTOP))) {
            return -Errno.EINVAL;
        }
        if (!readable(action, SIGACTION_BYTES)) {
            return -Errno.EFAULT;
        }
        if (action != 0 && signal == SIGXFSZ) {
            // The one disposition that changes what a call returns: an ignored SIGXFSZ makes it EFBIG.
            process.ignoreFileSizeSignal(java.nio.ByteBuffer.wrap(scratch).order(java.nio.ByteOrder.LITTLE_ENDIAN)
                    .getLong(0) == SIG_IGN);
        }
        return old != 0 ? guest.zero(old, SIGACTION_BYTES) : 0;
    }

    long sigprocmask(int how, long set, long old, long setSize) {
        if (setSize != SIGSET_BYTES) {
            return -Errno.EINVAL;
        }
        if (!readable(set, SIGSET_BYTES)) {
            return -Errno.EFAULT;
        }
        if (set != 0 && (how < 0 || how > SIG_SETMASK)) {
            return -Errno.EINVAL;
        }
        return old != 0 ? guest.zero(old, SIGSET_BYTES) : 0;
    }

    long sigaltstack(long stack, long old) {
        if (!readable(stack, STACK_T_BYTES)) {
            return -Errno.EFAULT;
        }
        return old != 0 ? guest.zero(old, STACK_T_BYTES) : 0;
    }

    /** tgkill: the signal ends the process, as an unhandled one would. */
    long tgkill(int signal) {
        process.terminate(128 + signal);
        return 0;
    }
}
