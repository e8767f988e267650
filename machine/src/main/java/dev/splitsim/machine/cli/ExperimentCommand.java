package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.config.ConfigException;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.config.Profiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code splitsim experiment legoos}: the LegoOS paper's headline table on this machine. The CNN
 * runs first on the all-local machine, which gives the reference time and the working set (the
 * pages it touched); then every system runs at each fraction of that working set as its local
 * memory, the points side by side on host threads through the sweep's {@link PointRunner}. It
 * prints the slowdowns beside the paper's and writes DIR/slowdown.csv, .png and .svg.
 */
@Command(name = "experiment", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run one of the paper's experiments and compare with the published figures.",
            "legoos: the CNN on LegoOS, Linux swapping to an SSD and to a ramdisk, and InfiniSwap, with local memory"
                    + " of 14%%, 28%% and 57%% of its working set, as slowdowns against all memory local. Writes"
                    + " DIR/slowdown.csv, DIR/slowdown.png, DIR/slowdown.svg and DIR/points/*.json.",
            "Exit status: 0 when every run ended well, 1 when one failed, 2 for bad input."})
final class ExperimentCommand implements java.util.concurrent.Callable<Integer> {
    private static final long POINT_STACK_BYTES = 16L << 20;

    private final Io io;

    @Parameters(index = "0", paramLabel = "NAME", description = "The experiment: legoos.")
    String name;

    @Option(names = "--quick", description = "A working set of a few MiB instead of at least 256 MiB.")
    boolean quick;

    @Option(names = "--out", paramLabel = "DIR", description = "Folder for the results (default: legoos-results).")
    Path out = Path.of("legoos-results");

    @Option(names = {"-j", "--jobs"}, paramLabel = "N",
            description = "Run N systems at a time on host threads (default: the host's processors).")
    Integer jobs;

    @Option(names = "--program", paramLabel = "FILE", hidden = true,
            description = "The CNN's executable (default: programs/bin/cifar).")
    Path program;

    @Option(names = "--args", paramLabel = "ARGS", hidden = true, split = " ",
            description = "The CNN's arguments instead of the working set --quick or the default chooses.")
    List<String> args;

    ExperimentCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException, InterruptedException {
        if (!"legoos".equals(name)) {
            throw new UserError("unknown experiment '" + name + "' (known: legoos)");
        }
        int threads = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
        if (threads < 1) {
            throw new UserError("-j must be at least 1, got " + threads);
        }
        Path cnn = program != null ? program : Home.path("programs/bin/cifar");
        if (!Files.isRegularFile(cnn)) {
            throw new UserError(cnn + ": no such file");
        }
        List<String> guestArgs = args != null ? args : LegoosExperiment.workload(quick);
        Path pointsDir = out.resolve("points");
        Path sandbox = Files.createTempDirectory("splitsim-experiment");
        try {
            Files.createDirectories(pointsDir);
        } catch (IOException e) {
            throw new UserError("--out " + out + ": cannot create the folder (" + e.getMessage() + ")");
        }
        PointRunner runner = new PointRunner(cnn, guestArgs, List.of(), List.of(), sandbox, new RunLimits(0, 0),
                LegoosExperiment.STATS, pointsDir);
        int total = 1 + LegoosExperiment.SYSTEMS.size() * LegoosExperiment.FRACTIONS.length;
        AtomicInteger done = new AtomicInteger();
        long started = System.nanoTime();
        io.err().printf("splitsim: experiment legoos: cifar %s, %d runs, %d at a time%n", String.join(" ", guestArgs),
                total, threads);
        PointResult local = report(runner.run(0, 1, Map.of("system", LegoosExperiment.LOCAL),
                config(LegoosExperiment.LOCAL, null), null), "local", 1.0, total, done, started, null);
        if (local.error() != null || !local.stats().containsKey("process.pages_touched")) {
            io.err().println("splitsim: experiment legoos: the all-local reference run failed: " + local.error());
            return 1;
        }
        long workingSet = (long) (local.stats().get("process.pages_touched") * 4096);
        List<SlowdownTable.Row> rows = new ArrayList<>();
        rows.add(new SlowdownTable.Row(LegoosExperiment.LOCAL, 1.0, workingSet, local));
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, total - 1),
                r -> new Thread(null, r, "experiment-point", POINT_STACK_BYTES));
        try {
            List<Future<SlowdownTable.Row>> futures = new ArrayList<>();
            int point = 1;
            for (LegoosExperiment.Contender s : LegoosExperiment.SYSTEMS) {
                for (double fraction : LegoosExperiment.FRACTIONS) {
                    long bytes = LegoosExperiment.localBytes(fraction, workingSet);
                    int p = point++;
                    Config c = config(s.profile(), s.memoryKey() + "=" + bytes);
                    futures.add(pool.submit(() -> new SlowdownTable.Row(s.name(), (double) bytes / workingSet, bytes,
                            report(runner.run(p, 1, Map.of("system", s.name()), c, null), s.name(),
                                    (double) bytes / workingSet, total, done, started, local))));
                }
            }
            for (Future<SlowdownTable.Row> f : futures) {
                try {
                    rows.add(f.get());
                } catch (ExecutionException e) {
                    throw new IllegalStateException("an experiment run escaped its own error handling", e.getCause());
                }
            }
        } finally {
            pool.shutdownNow();
            deleteQuietly(sandbox);
        }
        SlowdownTable table = new SlowdownTable(rows, local);
        io.out().print(table.text(workingSet));
        Files.writeString(out.resolve("slowdown.csv"), table.csv(), StandardCharsets.UTF_8);
        String problem = SweepPlot.write(table.chart(), out, "slowdown");
        if (problem != null) {
            io.err().println("splitsim: experiment legoos: " + problem);
        }
        io.err().printf("splitsim: experiment legoos: %d runs in %.0f s; %s%n", total,
                (System.nanoTime() - started) / 1e9, out.resolve("slowdown.csv"));
        return table.allRan() ? 0 : 1;
    }

    private Config config(String profile, String memory) {
        List<String> overrides = new ArrayList<>(List.of(LegoosExperiment.CORES));
        if (memory != null) {
            overrides.add(memory);
        }
        try {
            return Profiles.load(profile, overrides);
        } catch (ConfigException e) {
            throw new UserError(e.getMessage());
        }
    }

    /** The progress line of a finished run. */
    private PointResult report(PointResult r, String system, double fraction, int total, AtomicInteger done,
            long started, PointResult local) {
        Double seconds = r.stats().get("sim.seconds");
        String how = r.error() != null ? r.outcome() + ": " + r.error()
                : String.format("sim %.4f s%s", seconds, local == null ? ""
                        : String.format(", slowdown %.2f", seconds / local.stats().get("sim.seconds")));
        synchronized (io.err()) {
            io.err().printf("[%d/%d %.0fs] %s at %.0f%%: %s (host %.0f s)%n", done.incrementAndGet(), total,
                    (System.nanoTime() - started) / 1e9, system, fraction * 100, how, r.hostSeconds());
        }
        return r;
    }

    private static void deleteQuietly(Path dir) {
        try (var walk = Files.walk(dir)) {
            walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // A scratch folder left behind costs nothing but space.
        }
    }
}
