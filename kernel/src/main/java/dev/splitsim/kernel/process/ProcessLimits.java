package dev.splitsim.kernel.process;

/**
 * What one process may take, as Linux's resource limits say it: threads at once (clone past it is
 * EAGAIN), the largest file it may write (RLIMIT_FSIZE: SIGXFSZ, or EFBIG), and the bytes it may
 * write to its console streams, which are held to the same rule since they too end in a host file
 * or pipe.
 */
public record ProcessLimits(int maxThreads, long maxFileSize, long maxOutput) {
    /** No limit beyond what the types hold: for machines built without a configuration. */
    public static final ProcessLimits NONE = new ProcessLimits(Integer.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
}
