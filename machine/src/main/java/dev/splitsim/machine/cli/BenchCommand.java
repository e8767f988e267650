package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.RunResult;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.config.Profiles;
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
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code splitsim bench}: runs the benchmark programs and reports guest instructions per host
 * second (MIPS) for each and their geometric mean — the project's speed figure. Each mode (timing
 * off, timing on, traced) is a table of its own, run program after program before the next mode,
 * because the JIT compiles the interpreter for what it has seen; each row is printed as soon as
 * its program has run. {@code --compare qemu} also times qemu-riscv64 on each program and prints
 * how many times its time splitsim takes.
 */
@Command(name = "bench", sortOptions = false,
        description = "Run the programs in programs/bench/bin and print guest MIPS per program and the geometric mean.")
final class BenchCommand implements Callable<Integer> {
    private static final String QEMU = "qemu-riscv64";
    private final Io io;

    @Option(names = "--profile", paramLabel = "NAME",
            description = "Machine profile: a built-in name (legoos, local) or a profile file. Default: ${DEFAULT-VALUE}.")
    String profile = Profiles.DEFAULT;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key; repeatable. For example: excache.size=16MiB")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N", description = "Seed for every random choice; sets sim.seed")
    Long seed;

    @Option(names = "--timing", paramLabel = "on|off",
            description = "Measure only with the timing model on, or only off (default: both, off first).")
    String timing;

    @Option(names = "--dir", paramLabel = "DIR", description = "Folder of benchmark ELF files (default: programs/bench/bin).")
    Path dir;

    @Option(names = "--repeat", paramLabel = "N", description = "Run each program N times and keep the fastest (default 1).")
    int repeat = 1;

    @Option(names = "--max-instructions", paramLabel = "N", description = "Stop each program after N instructions.")
    long maxInstructions;

    @Option(names = "--with-trace", paramLabel = "KINDS",
            description = "Also run each program with these kinds traced (fabric, excache, syscall, insn or all) into a"
                    + " sink that drops them, as one more table: the cost of tracing.")
    String withTrace;

    @Option(names = "--compare", paramLabel = "qemu",
            description = "Also time qemu-riscv64 on each program (when it is installed) and print splitsim's time as a"
                    + " multiple of qemu's, per program and as the geometric mean.")
    String compare;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help message and exit.")
    boolean help;

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Only these benchmarks (default: all).")
    List<String> only = new ArrayList<>();

    BenchCommand(Io io) {
        this.io = io;
    }

    private Config config() {
        MachineOptions options = new MachineOptions();
        options.profile = profile;
        options.overrides = overrides;
        options.seed = seed;
        options.timing = timing;
        return options.config();
    }

    @Override
    public Integer call() throws IOException {
        if (repeat < 1) {
            throw new UserError("--repeat must be at least 1, got " + repeat);
        }
        if (compare != null && !compare.equals("qemu")) {
            throw new UserError("--compare: only 'qemu' is supported, got '" + compare + "'");
        }
        if (compare != null && maxInstructions > 0) {
            throw new UserError("--compare qemu times whole programs; it does not go with --max-instructions");
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
        Config config = config();
        int tracedKinds = 0;
        if (withTrace != null) {
            try {
                tracedKinds = TraceCategories.parse(withTrace);
            } catch (IllegalArgumentException e) {
                throw new UserError("--with-trace: " + e.getMessage());
            }
        }
        QemuTimes qemu = null;
        if (compare != null) {
            if (onPath(QEMU)) {
                qemu = new QemuTimes(programs.size());
            } else {
                io.out().println(QEMU + " is not installed: no comparison with qemu");
            }
        }
        boolean[] timedModes = timing != null ? new boolean[] {config.getBoolean(MachineKeys.CPU_TIMING)}
                : new boolean[] {false, true};
        // Each table is a timing mode; with --with-trace the last mode runs once more, traced.
        int tables = timedModes.length + (tracedKinds != 0 ? 1 : 0);
        io.out().printf("profile %s%n", config.profileName());
        int failures = 0;
        for (int k = 0; k < tables; k++) {
            boolean timed = k < timedModes.length ? timedModes[k] : timedModes[timedModes.length - 1];
            int traced = k < timedModes.length ? 0 : tracedKinds;
            io.out().printf("%n%s%n%-16s %16s %10s %8s", traced != 0 ? "traced (" + withTrace + "), timing " + onOff(timed)
                    : "timing " + onOff(timed), "program", "instructions", "MIPS", timed ? "IPC" : "");
            io.out().printf(qemu == null ? "%n" : " %10s %10s %8s%n", "host s", "qemu s", "x qemu");
            double logMips = 0;
            double logRatio = 0;
            for (int j = 0; j < programs.size(); j++) {
                Path p = programs.get(j);
                double best = Double.MAX_VALUE;
                long insts = 0;
                double ipc = 0;
                boolean failed = false;
                for (int i = 0; i < repeat && !failed; i++) {
                    Config c = config();
                    c.set(MachineKeys.CPU_TIMING, Boolean.toString(timed), "bench", "");
                    NullTrace sink = traced == 0 ? null : new NullTrace();
                    Machine m = sink == null ? Machine.load(c, spec(p, c)) : Machine.load(c, spec(p, c), sink, traced);
                    RunResult r = m.run(limits);
                    if (r.outcome() != RunResult.Outcome.EXITED && r.outcome() != RunResult.Outcome.INSTRUCTION_LIMIT
                            || r.outcome() == RunResult.Outcome.EXITED && r.exitStatus() != 0) {
                        io.err().println("splitsim: bench " + p.getFileName() + " failed: status " + r.exitStatus()
                                + (r.message() == null ? "" : " " + r.message()));
                        failures++;
                        failed = true;
                    }
                    insts = m.instructions();
                    ipc = (double) insts / m.cycles();
                    best = Math.min(best, m.hostSeconds());
                }
                double mips = insts / best / 1e6;
                logMips += Math.log(Math.max(mips, 1e-9));
                io.out().printf("%-16s %,16d %10.1f %8s", p.getFileName(), insts, mips,
                        timed ? String.format("%.3f", ipc) : "");
                if (qemu != null) {
                    double q = qemu.seconds(j, p);
                    if (q > 0) {
                        logRatio += Math.log(best / q);
                        io.out().printf(" %10.3f %10.3f %7.1fx", best, q, best / q);
                    } else {
                        io.out().printf(" %10.3f %10s %8s", best, "failed", "");
                    }
                }
                io.out().println();
                io.out().flush();
            }
            io.out().printf("%-16s %16s %10.1f %8s", "geometric mean", "", Math.exp(logMips / programs.size()), "");
            if (qemu != null && qemu.failures == 0) {
                io.out().printf(" %10s %10s %7.1fx", "", "", Math.exp(logRatio / programs.size()));
            }
            io.out().println();
            io.out().flush();
        }
        if (tracedKinds != 0) {
            io.out().printf("traced: %s into a sink that drops every event (records built, nothing written)%n",
                    withTrace);
        }
        if (qemu != null && qemu.failures > 0) {
            failures++;
        }
        return failures == 0 ? 0 : 1;
    }

    private static boolean onPath(String tool) {
        for (String folder : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
            if (!folder.isEmpty() && Files.isExecutable(Path.of(folder, tool))) {
                return true;
            }
        }
        return false;
    }

    private static String onOff(boolean on) {
        return on ? "on" : "off";
    }

    /** qemu-riscv64's wall-clock time per program, the fastest of --repeat runs, measured once. */
    private final class QemuTimes {
        private final double[] seconds;
        private int failures;

        QemuTimes(int programs) {
            seconds = new double[programs];
        }

        /** Seconds, or 0 when qemu did not run the program to a successful exit. */
        double seconds(int j, Path program) throws IOException {
            if (seconds[j] != 0) {
                return seconds[j];
            }
            double best = Double.MAX_VALUE;
            for (int i = 0; i < repeat; i++) {
                ProcessBuilder pb = new ProcessBuilder(QEMU, program.toString())
                        .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(ProcessBuilder.Redirect.DISCARD);
                long start = System.nanoTime();
                Process q = pb.start();
                q.getOutputStream().close();
                int status;
                try {
                    status = q.waitFor();
                } catch (InterruptedException e) {
                    q.destroyForcibly();
                    Thread.currentThread().interrupt();
                    throw new UserError("interrupted while " + QEMU + " ran " + program.getFileName());
                }
                if (status != 0) {
                    io.err().println("splitsim: bench: " + QEMU + " " + program.getFileName() + " failed: status " + status);
                    failures++;
                    seconds[j] = -1;
                    return 0;
                }
                best = Math.min(best, (System.nanoTime() - start) / 1e9);
            }
            seconds[j] = best;
            return best;
        }
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
