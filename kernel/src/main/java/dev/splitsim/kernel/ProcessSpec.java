package dev.splitsim.kernel;

import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/**
 * Everything needed to start one guest process: the ELF on the host, the name it runs under, its
 * argv and environment ({@code KEY=VALUE}), its three standard streams and whether each is a
 * terminal, the sandbox folder that is its whole file system, the seed of its random choices, and
 * whether an unsupported system call stops the run.
 */
public record ProcessSpec(Path program, String name, List<String> argv, List<String> env, InputStream stdin,
        PrintStream stdout, PrintStream stderr, boolean stdinTty, boolean stdoutTty, boolean stderrTty, Path root,
        long seed, boolean strictSyscalls) {}
