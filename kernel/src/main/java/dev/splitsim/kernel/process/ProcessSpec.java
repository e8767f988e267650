package dev.splitsim.kernel.process;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything needed to start one guest process: the ELF on the host, the name it runs under, its
 * argv and environment ({@code KEY=VALUE}), its three standard streams and whether each is a
 * terminal, the sandbox folder that is its whole file system, the seed of its random choices,
 * whether an unsupported system call stops the run, and what the realtime clock reads at the start
 * (seconds since 1970).
 */
public record ProcessSpec(Path program, String name, List<String> argv, List<String> env, InputStream stdin,
        PrintStream stdout, PrintStream stderr, boolean stdinTty, boolean stdoutTty, boolean stderrTty, Path root,
        long seed, boolean strictSyscalls, long epochSeconds) {
    /** The realtime clock's start when no configuration says otherwise: 2026-01-01T00:00:00Z, sim.epoch's default. */
    public static final long DEFAULT_EPOCH_SECONDS = 1_767_225_600L;

    /** A process whose realtime clock starts at {@link #DEFAULT_EPOCH_SECONDS}. */
    public ProcessSpec(Path program, String name, List<String> argv, List<String> env, InputStream stdin,
            PrintStream stdout, PrintStream stderr, boolean stdinTty, boolean stdoutTty, boolean stderrTty, Path root,
            long seed, boolean strictSyscalls) {
        this(program, name, argv, env, stdin, stdout, stderr, stdinTty, stdoutTty, stderrTty, root, seed,
                strictSyscalls, DEFAULT_EPOCH_SECONDS);
    }
}
