package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.config.ConfigException;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.config.MachineKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code splitsim sweep}: runs one program over the cross product of listed configuration values,
 * several points at a time, and writes one row per run to DIR/results.csv and DIR/results.jsonl
 * (and each run's full statistics to DIR/points/). A point that fails is recorded with its error
 * and the sweep goes on.
 */
@Command(name = "sweep", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a program once for every combination of configuration values and tabulate the results.",
            "--set KEY=V1,V2,... sweeps KEY over the listed values (--set KEY=V without a comma applies to every"
                    + " point). Writes DIR/results.csv, DIR/results.jsonl, DIR/points/*.json and, with --plot,"
                    + " DIR/plot.png and DIR/plot.svg.",
            "--slurm runs the points as a Slurm job array instead (one task per point, into DIR/points/);"
                    + " --collect DIR then writes the same results from them.",
            "Exit status: 0 when every point ran, 1 when a point failed or was stopped, 2 for bad input."})
final class SweepCommand implements Callable<Integer> {
    /** The statistics a row holds unless --stat says otherwise. */
    static final List<String> DEFAULT_STATS = List.of("sim.seconds", "cpu.ipc", "excache.misses",
            "excache.miss_latency_mean_ns", "fabric.bytes");
    /** A point runs on a thread of its own, with the stack a command has. */
    private static final long POINT_STACK_BYTES = Main.COMMAND_STACK_BYTES;

    private final Io io;
    /** The words after 'sweep' on the command line: what each Slurm task runs again, for its own point. */
    private final List<String> sweepArgs;

    @Mixin
    MachineOptions machine = new MachineOptions();

    @Option(names = "--root", paramLabel = "DIR",
            description = "Folder that is the guest's whole file system, shared by every point (default: the current"
                    + " directory).")
    Path root;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Set a guest environment variable; repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--process", paramLabel = "'PROGRAM [ARGS...]'", description = FurtherProcess.DESCRIPTION)
    List<String> processes = new ArrayList<>();

    @Option(names = "--max-instructions", paramLabel = "N", description = "Stop each point after N instructions.")
    long maxInstructions;

    @Option(names = "--max-time", paramLabel = "SECONDS", description = "Stop each point after this much host time.")
    double maxTimeSeconds;

    @Option(names = "--strict-syscalls", description = "Make an unsupported system call fatal instead of -ENOSYS.")
    boolean strictSyscalls;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Run N points at a time on host threads (default: the host's processors).")
    Integer jobs;

    @Option(names = "--repeat", paramLabel = "R", description = "Run every point R times (default 1).")
    int repeat = 1;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the results (created).")
    Path out;

    @Option(names = "--stat", paramLabel = "NAME",
            description = "A statistic to tabulate; repeatable. Default:%n  sim.seconds, cpu.ipc, excache.misses,%n"
                    + "  excache.miss_latency_mean_ns, fabric.bytes.")
    List<String> stats = new ArrayList<>();

    @Option(names = "--plot", paramLabel = "X:Y[:SERIES]",
            description = "Plot statistic Y over swept key X, a line per value of swept key SERIES (and of any other"
                    + " swept key), to DIR/plot.png and DIR/plot.svg.")
    String plot;

    @Option(names = {"-q", "--quiet"}, description = "Print no line per finished point, nor the closing line.")
    boolean quiet;

    @Option(names = "--slurm",
            description = "Write DIR/sweep.sbatch, a Slurm job array of one task per point, and submit it with sbatch"
                    + " when there is one (the job id is printed); then --collect DIR.")
    boolean slurm;

    @Option(names = "--sbatch", paramLabel = "OPTION",
            description = "An #SBATCH line for --slurm, as sbatch takes it (--sbatch=--partition=short); repeatable.")
    List<String> sbatchOptions = new ArrayList<>();

    @Option(names = "--collect", paramLabel = "DIR",
            description = "Write DIR/results.csv, results.jsonl and the plot from the runs a sweep (--slurm or not) left"
                    + " in DIR; no PROGRAM or other option is needed.")
    Path collect;

    @Option(names = "--task", paramLabel = "N",
            description = "Run point N only, all its repeats, into DIR/points/ (what each Slurm array task does).")
    Integer task;

    @Parameters(index = "0", arity = "0..1", paramLabel = "PROGRAM", description = "The RISC-V ELF executable.")
    Path program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments passed to the guest program.")
    List<String> args = new ArrayList<>();

    SweepCommand(Io io, List<String> sweepArgs) {
        this.io = io;
        this.sweepArgs = List.copyOf(sweepArgs);
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (collect != null) {
            return collect(collect);
        }
        if (program == null) {
            throw new UserError("missing PROGRAM (try 'splitsim sweep --help')");
        }
        if (out == null) {
            throw new UserError("missing --out DIR (try 'splitsim sweep --help')");
        }
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new UserError("-j must be at least 1, got " + threads);
        }
        if (repeat < 1) {
            throw new UserError("--repeat must be at least 1, got " + repeat);
        }
        List<FurtherProcess> further = FurtherProcess.parse(processes);
        List<Path> programs = new ArrayList<>(List.of(program));
        further.forEach(p -> programs.add(p.program()));
        for (Path p : programs) {
            if (!Files.isRegularFile(p)) {
                throw new UserError(p + ": no such file");
            }
            try {
                ProgramFile.read(p, io.err());
            } catch (dev.splitsim.core.elf.ElfFormatException e) {
                // Every point records why the program cannot run, as it records any other failure.
            }
        }
        Path sandbox = (root != null ? root : Path.of("")).toAbsolutePath();
        if (!Files.isDirectory(sandbox)) {
            throw new UserError("--root " + sandbox + ": not a directory");
        }
        for (String e : env) {
            if (e.indexOf('=') <= 0) {
                throw new UserError("--env expects KEY=VALUE, got '" + e + "'");
            }
        }
        SweepPlan plan = new SweepPlan(machine.overrides);
        SweepPlot.Spec plotSpec = plot == null ? null : SweepPlot.parse(plot, plan);
        Set<String> statNames = new LinkedHashSet<>(stats.isEmpty() ? DEFAULT_STATS : stats);
        if (plotSpec != null) {
            statNames.add(plotSpec.y());
        }
        // What every point shares must be valid on its own: a mistake there is the user's, not a point's.
        configOf(Map.of(), plan);
        warnAbout(plan);
        Path pointsDir = out.resolve("points");
        try {
            Files.createDirectories(pointsDir);
        } catch (IOException e) {
            throw new UserError("--out " + out + ": cannot create the folder (" + e.getMessage() + ")");
        }

        List<Map<String, String>> points = plan.points();
        List<String> statList = new ArrayList<>(statNames);
        if (task != null) {
            if (task < 0 || task >= points.size()) {
                throw new UserError("--task must be 0.." + (points.size() - 1) + ", got " + task);
            }
        } else {
            SweepStore.writePlan(out, new SweepStore.Plan(machine.overrides, statList, plot, repeat));
        }
        if (slurm && task == null) {
            Path script = SlurmJob.writeScript(out, points.size(), sweepArgs, sbatchOptions);
            return SlurmJob.submit(script, out, points.size(), io.err());
        }
        PointRunner runner = new PointRunner(program, args, further, env, sandbox,
                new RunLimits(maxInstructions, (long) (maxTimeSeconds * 1e9)), new ArrayList<>(statNames), pointsDir);
        int total = (task != null ? 1 : points.size()) * repeat;
        AtomicInteger done = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, total),
                r -> new Thread(null, r, "sweep-point", POINT_STACK_BYTES));
        List<Future<PointResult>> futures = new ArrayList<>();
        try {
            for (int p = task != null ? task : 0; p < (task != null ? task + 1 : points.size()); p++) {
                Map<String, String> values = points.get(p);
                // Built here, one after another: building reads the command's options, which are not shared safely.
                Config config = null;
                String configError = null;
                try {
                    config = configOf(values, plan);
                } catch (UserError | ConfigException e) {
                    configError = e.getMessage();
                }
                for (int r = 1; r <= repeat; r++) {
                    int point = p;
                    int rep = r;
                    Config c = config;
                    String ce = configError;
                    futures.add(pool.submit(() -> report(kept(runner.run(point, rep, values, c, ce), pointsDir), total,
                            done)));
                }
            }
            List<PointResult> rows = new ArrayList<>();
            for (Future<PointResult> f : futures) {
                try {
                    rows.add(f.get());
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof UserError u) {
                        throw u;
                    }
                    throw new IllegalStateException("a sweep point escaped its own error handling", e.getCause());
                }
            }
            if (task != null) {
                // A task's rows wait in DIR/points/ for --collect; the task itself failed only when a point could not run.
                return rows.stream().allMatch(PointResult::ran) ? 0 : 1;
            }
            return finish(plan, statList, plotSpec, rows);
        } finally {
            pool.shutdownNow();
        }
    }

    /** The row beside the run's statistics, so the folder alone can make the table again. */
    private static PointResult kept(PointResult r, Path pointsDir) {
        try {
            SweepStore.writeRow(pointsDir, r);
        } catch (IOException e) {
            throw new UserError("cannot write " + SweepStore.rowFile(pointsDir, r.point(), r.repeat()) + ": "
                    + OutputFiles.reason(e));
        }
        return r;
    }

    /** The table and plot of the sweep in {@code dir} from the runs its tasks left there. */
    private int collect(Path dir) throws IOException {
        SweepStore.Plan saved = SweepStore.readPlan(dir);
        SweepPlan plan = new SweepPlan(saved.assignments());
        SweepPlot.Spec plotSpec = saved.plot() == null ? null : SweepPlot.parse(saved.plot(), plan);
        Path pointsDir = dir.resolve("points");
        List<Map<String, String>> points = plan.points();
        List<PointResult> rows = new ArrayList<>();
        int missing = 0;
        for (int p = 0; p < points.size(); p++) {
            for (int r = 1; r <= saved.repeat(); r++) {
                PointResult row = SweepStore.readRow(pointsDir, p, r, points.get(p), saved.stats());
                if (row == null) {
                    missing++;
                    row = new PointResult(p, r, points.get(p), null, 1, PointResult.ERROR,
                            "no result: its task has not finished (see " + dir.resolve("slurm") + ")", null, null,
                            Map.of(), 0);
                }
                rows.add(row);
            }
        }
        if (missing > 0) {
            io.err().println("splitsim: sweep: " + missing + " of " + rows.size() + " runs have no result yet");
        }
        out = dir;
        return finish(plan, saved.stats(), plotSpec, rows);
    }

    private int finish(SweepPlan plan, List<String> statNames, SweepPlot.Spec plotSpec, List<PointResult> rows)
            throws IOException {
        PointResult reference = rows.stream().filter(PointResult::ran).findFirst().orElse(null);
        List<String> keys = new ArrayList<>();
        plan.axes().forEach(a -> keys.add(a.key()));
        SweepTable table = new SweepTable(keys, statNames);
        table.write(out, rows, reference);
        for (String missing : table.statsNoRunHad(rows)) {
            io.err().println("splitsim: sweep: no point has a statistic named '" + missing
                    + "' (see 'splitsim run --stats-json FILE' for the names)");
        }
        if (plotSpec != null) {
            String problem = SweepPlot.write(SweepPlot.data(plotSpec, plan, rows), out);
            if (problem != null) {
                io.err().println("splitsim: sweep: " + problem);
            }
        }
        long failed = rows.stream().filter(r -> r.error() != null && !r.outcome().equals(PointResult.FAULT)).count();
        if (!quiet) {
            io.err().printf("splitsim: sweep: %d runs, %d failed or stopped; %s%n", rows.size(), failed,
                    out.resolve("results.csv"));
        }
        return failed == 0 ? 0 : 1;
    }

    private PointResult report(PointResult r, int total, AtomicInteger done) {
        if (!quiet) {
            StringBuilder sb = new StringBuilder();
            r.values().forEach((k, v) -> sb.append(' ').append(k).append('=').append(v));
            String how = r.error() != null ? r.outcome() + " " + r.status() + ": " + r.error()
                    : r.outcome() + " " + r.status();
            synchronized (io.err()) {
                io.err().printf("[%d/%d] point %d%s%s: %s%n", done.incrementAndGet(), total, r.point(),
                        repeat > 1 ? " repeat " + r.repeat() : "", sb, how);
            }
        }
        return r;
    }

    /** Says once what in the first point's configuration is probably a mistake (every point has the same keys set). */
    private void warnAbout(SweepPlan plan) {
        try {
            Config first = configOf(plan.points().get(0), plan);
            for (String w : dev.splitsim.machine.config.ConfigWarnings.of(machine.profile, first)) {
                io.err().println("splitsim: warning: " + w);
            }
        } catch (UserError | ConfigException e) {
            // The point records it as its error.
        }
    }

    /** The configuration of one point: the profile, the shared overrides, then the point's values, as 'run' builds it. */
    private Config configOf(Map<String, String> values, SweepPlan plan) {
        List<String> overrides = new ArrayList<>(plan.fixed());
        values.forEach((k, v) -> overrides.add(k + "=" + v));
        // The machine options build the configuration from their own list; lend them this point's for the call.
        List<String> given = machine.overrides;
        Config config;
        try {
            machine.overrides = overrides;
            config = machine.config();
        } finally {
            machine.overrides = given;
        }
        if (strictSyscalls) {
            config.set(MachineKeys.SYSCALLS_STRICT, "true", "--strict-syscalls", "");
        }
        return config;
    }
}
