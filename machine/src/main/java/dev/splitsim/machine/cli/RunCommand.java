package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.InternalFailure;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.RunResult;
import dev.splitsim.machine.StatsSections;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.config.Topology;
import dev.splitsim.machine.debug.EventLog;
import dev.splitsim.machine.debug.GdbStub;
import dev.splitsim.machine.trace.EventSink;
import dev.splitsim.machine.trace.Symbols;
import dev.splitsim.machine.trace.TraceSources;
import dev.splitsim.machine.trace.TraceCategories;
import java.io.IOException;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code splitsim run}: runs one static RISC-V Linux program (or a bare-metal test with --bare). */
@Command(name = "run", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a statically linked RISC-V (RV64GC) Linux program on the simulated machine.",
            "The exit status is the guest's; 128+signal after a guest fault; 124 when a limit stops the run;"
                    + " 130/143 when SIGINT/SIGTERM ends it (summary and statistics still written); 2 for bad input."})
final class RunCommand implements Callable<Integer> {
    private static final int MAX_PORT = 65535;
    /** The status of a program gdb killed: 128 + SIGKILL, as a shell reports it. */
    private static final int KILLED_STATUS = 128 + 9;

    private final Io io;

    @Mixin
    MachineOptions machine = new MachineOptions();

    @Option(names = "--root", paramLabel = "DIR",
            description = "Folder that is the guest's whole file system (default: the current directory).")
    Path root;

    @Option(names = "--env", paramLabel = "KEY=VALUE",
            description = "Set a guest environment variable; repeatable. No host variable is passed by default.")
    List<String> env = new ArrayList<>();

    @Option(names = "--max-instructions", paramLabel = "N",
            description = "Stop the guest after N instructions (status 124).")
    long maxInstructions;

    @Option(names = "--max-time", paramLabel = "SECONDS",
            description = "Stop the guest after this much host wall-clock time (status 124).")
    double maxTimeSeconds;

    @Option(names = "--strict-syscalls", description = "Make an unsupported system call fatal instead of -ENOSYS.")
    boolean strictSyscalls;

    @Option(names = "--bare",
            description = "Bare-metal mode: boot in M mode at the ELF entry with HTIF tohost (riscv-tests).")
    boolean bare;

    @Option(names = {"-q", "--quiet"}, description = "Do not print the run summary or the progress line on stderr.")
    boolean quiet;

    @Option(names = "--progress",
            description = "Show the progress line (instructions, MIPS, simulated time) on stderr after 2 s even when"
                    + " stderr is no terminal.")
    boolean progress;

    @Option(names = "--stats", paramLabel = "FILE", description = "Write every statistic as text to FILE.")
    Path statsText;

    @Option(names = "--stats-json", paramLabel = "FILE",
            description = "Write every statistic to FILE as a flat JSON object of dotted names.")
    Path statsJson;

    @Option(names = "--trace", paramLabel = "KINDS",
            description = "Trace events of these kinds, comma-separated: fabric, excache, syscall, insn (or all);"
                    + " one line each on stderr unless --trace-file is given.")
    String traceKinds;

    @Option(names = "--trace-file", paramLabel = "FILE",
            description = "Write the trace to FILE (kinds default to%n  " + TraceWriter.DEFAULT_KINDS + ").")
    Path traceFile;

    @Option(names = "--trace-format", paramLabel = "FORMAT",
            description = "text, jsonl or chrome (trace-event JSON for Perfetto); default: by the file's extension"
                    + " (.jsonl, .json), else text.")
    String traceFormat;

    @Option(names = "--gdb", paramLabel = "PORT",
            description = "Serve the run to gdb over the GDB remote protocol on 127.0.0.1:PORT (0: a free port, printed);"
                    + " the program waits at its entry point for 'target remote :PORT'.")
    Integer gdbPort;

    @Option(names = "--process", paramLabel = "'PROGRAM [ARGS...]'", description = FurtherProcess.DESCRIPTION)
    List<String> processes = new ArrayList<>();

    @Option(names = "--show-config", description = "Print the effective configuration (and run PROGRAM if given).")
    boolean showConfig;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM", description = "The RISC-V ELF executable.")
    Path program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments passed to the guest program.")
    List<String> args = new ArrayList<>();

    RunCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        Config config = machine.config(io.err());
        if (strictSyscalls) {
            config.set(MachineKeys.SYSCALLS_STRICT, "true", "--strict-syscalls", "");
        }
        if (showConfig) {
            io.out().print(config.describe());
            if (program == null) {
                return 0;
            }
        }
        if (program == null) {
            throw new UserError("missing PROGRAM (try 'splitsim run --help')");
        }
        RunLimits limits = limits(maxInstructions, maxTimeSeconds);
        if (gdbPort != null && (gdbPort < 0 || gdbPort > MAX_PORT)) {
            throw new UserError("--gdb: port must be 0.." + MAX_PORT + ", got " + gdbPort);
        }
        for (Path stats : new Path[] {statsJson, statsText}) {
            if (stats != null) {
                OutputFiles.checkWritable(stats, "stats");
            }
        }
        if (bare) {
            if (gdbPort != null) {
                throw new UserError("--gdb serves Linux programs only, not --bare");
            }
            BareRun run = BareRun.load(program, config, io);
            int status = run.run(limits, io, quiet);
            writeStats(config, run.stats(), null);
            return status;
        }
        ProcessSpec spec = spec(program, args, root, env, config, io, io.in());
        ElfFile elf = ProgramFile.read(program, io.err());
        List<ProcessSpec> specs = new ArrayList<>(List.of(spec));
        List<ElfFile> programs = new ArrayList<>(List.of(elf));
        if (gdbPort != null && !processes.isEmpty()) {
            throw new UserError("--gdb serves a run of one process, not --process");
        }
        addFurther(processes, root, env, config, io, specs, programs);
        Machine m;
        RunResult result;
        int kinds = TraceWriter.kinds(traceKinds, traceFile);
        Topology topology = Topology.of(config);
        TraceSources sources = kinds == 0 && gdbPort == null ? null : sources(topology, programs);
        Symbols symbols = sources == null ? null : sources.symbols(0);
        EventSink sink = TraceWriter.open(kinds, traceFile, traceFormat, sources,
                config.getChoice(MachineKeys.MACHINE_LAYOUT).equals("split") ? excacheWays(config) : 0,
                topology, io.err());
        try {
            if (gdbPort != null) {
                // The stub's 'monitor fabric' shows the last messages, so the log listens to the fabric at least.
                EventLog log = new EventLog(sink, kinds);
                sink = log;
                m = Machine.load(config, spec, log, kinds | TraceCategories.FABRIC);
                try {
                    result = underGdb(m, new GdbStub(m, log, symbols, io.err()), limits);
                } catch (UserError e) {
                    throw e;
                } catch (RuntimeException | Error e) {
                    // The stub's own bug: reported with where the guest is.
                    throw InternalFailure.at(e, m.hart().pc);
                }
            } else {
                m = sink == null ? Machine.load(config, specs) : Machine.load(config, specs, sink, kinds);
                result = runInterruptibly(m, limits);
            }
        } finally {
            if (sink != null) {
                sink.close();
            }
        }
        io.out().flush();
        if (result.message() != null) {
            io.err().println(result.message());
        }
        if (!quiet) {
            io.err().print(Summary.of(m, result));
        }
        writeStats(m);
        return result.exitStatus();
    }

    /**
     * Runs {@code m} with the progress line when it is wanted; SIGINT or SIGTERM end the run at the
     * next turn boundary with 128 + signal, and the summary and statistics follow as after any run.
     */
    private RunResult runInterruptibly(Machine m, RunLimits limits) {
        try (Interruption signals = Interruption.handle((name, status) -> m.interrupt("interrupted by " + name, status));
                Progress shown = Progress.start(m, io.err(), progress, quiet)) {
            return m.run(limits);
        }
    }

    /** The limits as given; 0 (the default) is no limit. */
    static RunLimits limits(long instructions, double seconds) {
        if (instructions < 0) {
            throw new UserError("--max-instructions must not be negative, got " + instructions);
        }
        if (seconds < 0) {
            throw new UserError("--max-time must not be negative, got " + seconds);
        }
        // A time beyond what the nanosecond count holds is no limit in practice.
        return new RunLimits(instructions, (long) Math.min(Long.MAX_VALUE, seconds * 1e9));
    }

    /** Serves the run to gdb; after a detach the program runs on to its end, after a kill it stops. */
    private RunResult underGdb(Machine m, GdbStub stub, RunLimits limits) throws IOException {
        GdbStub.Ending ending;
        try {
            ending = stub.serve(gdbPort);
        } catch (BindException e) {
            throw new UserError("--gdb: cannot listen on 127.0.0.1:" + gdbPort + ": " + e.getMessage());
        }
        io.err().flush();
        if (ending == GdbStub.Ending.KILLED && !m.process().finished()) {
            return new RunResult(RunResult.Outcome.STOPPED, KILLED_STATUS, "splitsim: killed by gdb at pc=0x"
                    + Long.toHexString(m.hart().pc));
        }
        return m.run(limits);
    }

    /**
     * Each {@code --process} value as one more process, its spec into {@code specs} (stdin empty)
     * and its program, read once, into {@code programs}: what run and debug add after the first.
     */
    static void addFurther(List<String> processes, Path root, List<String> env, Config config, Io io,
            List<ProcessSpec> specs, List<ElfFile> programs) {
        for (FurtherProcess p : FurtherProcess.parse(processes)) {
            programs.add(ProgramFile.read(p.program(), io.err()));
            specs.add(spec(p.program(), p.args(), root, env, config, io, java.io.InputStream.nullInputStream()));
        }
    }

    /** The process to run: argv, environment, sandbox and streams, checked as the user gave them. */
    static ProcessSpec spec(Path program, List<String> args, Path root, List<String> env, Config config, Io io,
            java.io.InputStream stdin) {
        Path sandbox = root != null ? root : Path.of("");
        if (!Files.isDirectory(sandbox)) {
            throw new UserError("--root " + sandbox + ": not a directory");
        }
        for (String e : env) {
            if (e.indexOf('=') <= 0) {
                throw new UserError("--env expects KEY=VALUE, got '" + e + "'");
            }
        }
        return spec(program, args, env, sandbox.toAbsolutePath(), stdin, io.out(), io.err(), System.console() != null,
                config);
    }

    /** The process {@code program ARGS...} with its streams, the seed, strictness and epoch of {@code config}. */
    static ProcessSpec spec(Path program, List<String> args, List<String> env, Path sandbox, java.io.InputStream stdin,
            java.io.PrintStream out, java.io.PrintStream err, boolean tty, Config config) {
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        argv.addAll(args);
        return new ProcessSpec(program, program.toString(), argv, env, stdin, out, err, tty, tty, tty, sandbox,
                config.getLong(MachineKeys.SIM_SEED), config.getBoolean(MachineKeys.SYSCALLS_STRICT),
                config.getLong(MachineKeys.SIM_EPOCH));
    }

    /**
     * The CPU components the trace names, each with its program's symbols; more programs than
     * components are the machine's to refuse, so the extra ones are left out here.
     */
    static TraceSources sources(Topology topology, List<ElfFile> programs) {
        List<Symbols> symbols = new ArrayList<>();
        for (ElfFile e : programs.subList(0, Math.min(programs.size(), topology.cpu().size()))) {
            symbols.add(Symbols.of(e));
        }
        return TraceSources.of(topology.cpu(), symbols);
    }

    /** The ExCache's effective associativity, to name the set and way of a miss. */
    static int excacheWays(Config c) {
        long lines = Math.max(1, c.getLong(MachineKeys.EXCACHE_SIZE) / Math.max(1, c.getLong(MachineKeys.EXCACHE_LINE)));
        return (int) Math.min(c.getInt(MachineKeys.EXCACHE_WAYS), lines);
    }

    private void writeStats(Machine m) {
        writeStats(m.config(), m.stats(), m.sections());
    }

    private void writeStats(Config config, StatsRegistry stats, StatsSections roi) {
        if (statsJson != null) {
            writeStats(statsJson, StatsJson.of(config, stats, roi, program, args, env));
        }
        if (statsText != null) {
            writeStats(statsText, config.describe() + stats.toText() + (roi == null ? "" : roi.toText()));
        }
    }

    /** The file was writable before the run; it may not be now (a full disk, a folder removed meanwhile). */
    private static void writeStats(Path file, String text) {
        try {
            Files.writeString(file, text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UserError("cannot write stats to " + file + ": " + OutputFiles.reason(e));
        }
    }
}
