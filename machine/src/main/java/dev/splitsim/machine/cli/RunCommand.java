package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.kernel.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.RunResult;
import dev.splitsim.machine.config.MachineKeys;
import java.io.IOException;
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
                    + " 2 for bad input."})
final class RunCommand implements Callable<Integer> {
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

    @Option(names = {"-q", "--quiet"}, description = "Do not print the run summary on stderr.")
    boolean quiet;

    @Option(names = "--stats", paramLabel = "FILE", description = "Write every statistic as text to FILE.")
    Path statsText;

    @Option(names = "--stats-json", paramLabel = "FILE",
            description = "Write every statistic to FILE as a flat JSON object of dotted names.")
    Path statsJson;

    @Option(names = "--trace", paramLabel = "FILE",
            description = "Write every fabric message (split layout) to FILE: sequence, send/arrive/handled ticks,"
                    + " nodes, type, bytes, cause and payload.")
    Path trace;

    @Option(names = "--trace-format", paramLabel = "FORMAT",
            description = "text or jsonl (default: jsonl when FILE ends in .jsonl or .json, else text).")
    String traceFormat;

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
        Config config = machine.config();
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
        RunLimits limits = new RunLimits(maxInstructions, (long) (maxTimeSeconds * 1e9));
        if (bare) {
            return BareRun.run(program, config, limits, io, quiet);
        }
        Path sandbox = root != null ? root : Path.of("");
        if (!Files.isDirectory(sandbox)) {
            throw new UserError("--root " + sandbox + ": not a directory");
        }
        for (String e : env) {
            if (e.indexOf('=') <= 0) {
                throw new UserError("--env expects KEY=VALUE, got '" + e + "'");
            }
        }
        List<String> argv = new ArrayList<>();
        argv.add(program.toString());
        argv.addAll(args);
        boolean tty = System.console() != null;
        ProcessSpec spec = new ProcessSpec(program, program.toString(), argv, env, io.in(), io.out(), io.err(),
                tty, tty, tty, sandbox.toAbsolutePath(), config.getLong(MachineKeys.SIM_SEED),
                config.getBoolean(MachineKeys.SYSCALLS_STRICT));
        Machine m;
        RunResult result;
        try (TraceWriter tw = TraceWriter.open(trace, traceFormat)) {
            m = Machine.load(config, spec, tw == null ? null : tw::write);
            result = m.run(limits);
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

    private void writeStats(Machine m) throws IOException {
        if (statsJson != null) {
            Files.writeString(statsJson, m.stats().toJson(), StandardCharsets.UTF_8);
        }
        if (statsText != null) {
            Files.writeString(statsText, m.config().describe() + m.stats().toText(), StandardCharsets.UTF_8);
        }
    }
}
