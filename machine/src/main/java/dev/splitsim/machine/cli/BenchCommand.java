package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.kernel.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.RunResult;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.trace.NullTrace;
import dev.splitsim.machine.trace.TraceCategories;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code splitsim bench}: runs the benchmark programs and reports guest instructions per host
 * second (MIPS) for each and their geometric mean — the project's speed figure.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run the programs in programs/bench/bin and print guest MIPS per program and the geometric mean.")
final class BenchCommand implements Callable<Integer> {
    private final Io io;

    @Mixin
    MachineOptions machine = new MachineOptions();

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder of benchmark ELF files (default: programs/bench/bin).")
    Path dir;

    @Option(names = "--repeat", paramLabel = "N", description = "Run each program N times and keep the fastest (default 1).")
    int repeat = 1;

    @Option(names = "--max-instructions", paramLabel = "N", description = "Stop each program after N instructions.")
    long maxInstructions;

    @Option(names = "--with-trace", paramLabel = "KINDS",
            description = "Also run each program with these kinds traced (fabric, excache, syscall, insn or all) into a"
                    + " sink that drops them, and print that MIPS beside the untraced one: the cost of tracing.")
    String withTrace;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Only these benchmarks (default: all).")
    List<String> only = new ArrayList<>();

    BenchCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        if (repeat < 1) {
            throw new UserError("--repeat must be at least 1, got " + repeat);
        }
        RunLimits limits = RunCommand.limits(maxInstructions, 0);
        Path folder = dir != null ? dir : Home.path("programs/bench/bin");
        if (!Files.isDirectory(folder)) {
            throw new UserError("no benchmark folder " + folder + " (use --dir)");
        }
        List<Path> programs = new ArrayList<>();
        try (Stream<Path> s = Files.list(folder)) {
            s.filter(Files::isRegularFile).sorted().forEach(programs::add);
        }
        if (!only.isEmpty()) {
            programs.removeIf(p -> !only.contains(p.getFileName().toString()));
        }
        if (programs.isEmpty()) {
            throw new UserError("no benchmark programs in " + folder);
        }
        Config config = machine.config();
        int tracedKinds = 0;
        if (withTrace != null) {
            try {
                tracedKinds = TraceCategories.parse(withTrace);
            } catch (IllegalArgumentException e) {
                throw new UserError("--with-trace: " + e.getMessage());
            }
        }
        boolean[] timedModes = machine.timing != null ? new boolean[] {config.getBoolean(MachineKeys.CPU_TIMING)}
                : new boolean[] {false, true};
        // Each column is a timing mode; with --with-trace the last mode runs once more, traced.
        int columns = timedModes.length + (tracedKinds != 0 ? 1 : 0);
        boolean[] modes = java.util.Arrays.copyOf(timedModes, columns);
        int[] traced = new int[columns];
        if (tracedKinds != 0) {
            modes[columns - 1] = timedModes[timedModes.length - 1];
            traced[columns - 1] = tracedKinds;
        }
        io.out().printf("%-16s %16s", "program", "instructions");
        for (int k = 0; k < columns; k++) {
            io.out().printf(" %12s", traced[k] != 0 ? "MIPS traced" : modes[k] ? "MIPS timing" : "MIPS funct.");
        }
        io.out().printf(" %8s%n", timedModes[timedModes.length - 1] ? "IPC" : "");
        double[] logSum = new double[modes.length];
        int failures = 0;
        // All programs in one mode before the next: the JIT compiles the interpreter for what it has seen.
        double[][] mips = new double[modes.length][programs.size()];
        long[] insts = new long[programs.size()];
        double[] ipc = new double[programs.size()];
        for (int k = 0; k < modes.length; k++) {
            for (int j = 0; j < programs.size(); j++) {
                Path p = programs.get(j);
                for (int i = 0; i < repeat; i++) {
                    Config c = machine.config();
                    c.set(MachineKeys.CPU_TIMING, Boolean.toString(modes[k]), "bench", "");
                    NullTrace sink = traced[k] == 0 ? null : new NullTrace();
                    Machine m = sink == null ? Machine.load(c, spec(p, c)) : Machine.load(c, spec(p, c), sink, traced[k]);
                    RunResult r = m.run(limits);
                    if (r.outcome() != RunResult.Outcome.EXITED && r.outcome() != RunResult.Outcome.INSTRUCTION_LIMIT
                            || r.outcome() == RunResult.Outcome.EXITED && r.exitStatus() != 0) {
                        io.err().println("splitsim: bench " + p.getFileName() + " failed: status " + r.exitStatus()
                                + (r.message() == null ? "" : " " + r.message()));
                        failures++;
                        break;
                    }
                    insts[j] = m.instructions();
                    if (traced[k] == 0) {
                        ipc[j] = (double) insts[j] / m.cycles();
                    }
                    mips[k][j] = Math.max(mips[k][j], insts[j] / m.hostSeconds() / 1e6);
                }
                logSum[k] += Math.log(Math.max(mips[k][j], 1e-9));
            }
        }
        for (int j = 0; j < programs.size(); j++) {
            io.out().printf("%-16s %,16d", programs.get(j).getFileName(), insts[j]);
            for (int k = 0; k < modes.length; k++) {
                io.out().printf(" %12.1f", mips[k][j]);
            }
            io.out().printf(" %8s%n", timedModes[timedModes.length - 1] ? String.format("%.3f", ipc[j]) : "");
        }
        io.out().printf("%-16s %16s", "geometric mean", "");
        for (double l : logSum) {
            io.out().printf(" %12.1f", Math.exp(l / programs.size()));
        }
        io.out().printf("%nprofile %s%n", config.profileName());
        if (tracedKinds != 0) {
            io.out().printf("traced: %s into a sink that drops every event (records built, nothing written)%n",
                    withTrace);
        }
        return failures == 0 ? 0 : 1;
    }

    private static ProcessSpec spec(Path program, Config config) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                // Benchmark output is not the point; keep memory flat.
            }
        });
        List<String> argv = List.of(program.toString());
        return new ProcessSpec(program, program.toString(), argv, List.of(), new ByteArrayInputStream(new byte[0]),
                sink, sink, false, false, false, Path.of("").toAbsolutePath(), config.getLong(MachineKeys.SIM_SEED),
                false);
    }
}
