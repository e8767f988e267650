package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.kernel.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.RunResult;
import dev.splitsim.machine.config.MachineKeys;
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

    @Parameters(arity = "0..*", paramLabel = "NAME", description = "Only these benchmarks (default: all).")
    List<String> only = new ArrayList<>();

    BenchCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
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
        io.out().printf("%-16s %16s %10s %10s%n", "program", "instructions", "host s", "MIPS");
        double logSum = 0;
        int failures = 0;
        for (Path p : programs) {
            double bestMips = 0;
            long insts = 0;
            double bestSeconds = 0;
            for (int i = 0; i < Math.max(1, repeat); i++) {
                Machine m = Machine.load(machine.config(), spec(p, config));
                RunResult r = m.run(new RunLimits(maxInstructions, 0));
                if (r.outcome() != RunResult.Outcome.EXITED && r.outcome() != RunResult.Outcome.INSTRUCTION_LIMIT
                        || r.outcome() == RunResult.Outcome.EXITED && r.exitStatus() != 0) {
                    io.err().println("splitsim: bench " + p.getFileName() + " failed: status " + r.exitStatus()
                            + (r.message() == null ? "" : " " + r.message()));
                    failures++;
                    break;
                }
                insts = m.hart().instret();
                double mips = insts / m.hostSeconds() / 1e6;
                if (mips > bestMips) {
                    bestMips = mips;
                    bestSeconds = m.hostSeconds();
                }
            }
            io.out().printf("%-16s %,16d %10.2f %10.1f%n", p.getFileName(), insts, bestSeconds, bestMips);
            logSum += Math.log(Math.max(bestMips, 1e-9));
        }
        io.out().printf("%-16s %16s %10s %10.1f%n", "geometric mean", "", "",
                Math.exp(logSum / programs.size()));
        io.out().printf("profile %s%n", config.profileName());
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
