package dev.splitsim.tests;

import dev.splitsim.machine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Seeded fuzz campaigns as plain JUnit loops. A campaign draws one seed per case from its master
 * seed, so a failure names the case's own seed and can be replayed alone:
 *
 * <ul>
 *   <li>{@code -Dfuzz.seed=N} another master seed (a fresh campaign);
 *   <li>{@code -Dfuzz.cases=N} N cases per campaign instead of its default (more for a longer run);
 *   <li>{@code -Dfuzz.case=S} only the case whose seed is S, as a failure prints it.
 * </ul>
 *
 * <p>Each case runs on a worker thread with a deadline, so a hang fails the case instead of the
 * build. What counts as a failure is the campaign's to say; every campaign treats an internal error
 * (its one line on stderr, or any Throwable out of the command) as one.
 */
final class Fuzz {
    /** What one case found wrong, or null when it passed. */
    @FunctionalInterface
    interface Case {
        String run(SplittableRandom random, long caseSeed) throws Exception;
    }

    /** How a campaign went: the cases it ran and the failures, each with its seed. */
    record Report(String campaign, int cases, List<String> failures) {
        String summary() {
            return campaign + ": " + cases + " cases, " + failures.size() + " failures"
                    + (failures.isEmpty() ? "" : ":\n  " + String.join("\n  ", failures));
        }
    }

    private final String campaign;
    private final long master;
    private final int cases;
    private final long timeoutMillis;

    private Fuzz(String campaign, long defaultSeed, int defaultCases, long timeoutMillis) {
        this.campaign = campaign;
        this.master = Long.decode(System.getProperty("fuzz.seed", Long.toString(defaultSeed)));
        this.cases = Integer.getInteger("fuzz.cases", defaultCases);
        this.timeoutMillis = timeoutMillis;
    }

    static Fuzz campaign(String name, long defaultSeed, int defaultCases, long caseTimeoutMillis) {
        return new Fuzz(name, defaultSeed, defaultCases, caseTimeoutMillis);
    }

    /** Runs the cases (or the one of -Dfuzz.case), stopping at the first few failures. */
    Report run(Case c) {
        String only = System.getProperty("fuzz.case");
        List<Long> seeds = new ArrayList<>();
        if (only != null) {
            seeds.add(Long.parseUnsignedLong(only.replaceFirst("^0x", ""), 16));
        } else {
            SplittableRandom r = new SplittableRandom(master);
            for (int i = 0; i < cases; i++) {
                seeds.add(r.nextLong());
            }
        }
        List<String> failures = new ArrayList<>();
        ExecutorService worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(null, r, "fuzz-" + campaign, 16L << 20);
            t.setDaemon(true);
            return t;
        });
        int ran = 0;
        try {
            for (long seed : seeds) {
                ran++;
                String replay = String.format("case seed 0x%x (replay: -Dfuzz.case=0x%x; campaign seed 0x%x)", seed,
                        seed, master);
                Future<String> f = worker.submit(() -> c.run(new SplittableRandom(seed), seed));
                String problem;
                try {
                    problem = f.get(timeoutMillis, TimeUnit.MILLISECONDS);
                } catch (TimeoutException e) {
                    problem = "no answer within " + timeoutMillis + " ms (a hang)";
                    f.cancel(true);
                    // The stuck thread cannot be taken back: the next cases get a fresh one.
                    worker.shutdownNow();
                    worker = Executors.newSingleThreadExecutor();
                } catch (ExecutionException e) {
                    problem = "threw " + e.getCause() + where(e.getCause());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    problem = "interrupted";
                }
                if (problem != null) {
                    failures.add(replay + ": " + problem);
                    if (failures.size() >= 10) {
                        break;
                    }
                }
            }
        } finally {
            worker.shutdownNow();
        }
        Report report = new Report(campaign, ran, failures);
        System.out.println("fuzz " + report.summary().lines().findFirst().orElse(""));
        return report;
    }

    /** The outcome of one run in this JVM; {@code instructions} is -1 when the command line ran it. */
    record Outcome(int status, String stdout, String stderr, long instructions) {
        Outcome(int status, String stdout, String stderr) {
            this(status, stdout, stderr, -1);
        }
    }

    static Outcome main(byte[] stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(stdin), new PrintStream(out, true),
                new PrintStream(err, true));
        return new Outcome(status, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8));
    }

    /**
     * A run as {@code splitsim run -q} does it, without the command line's own cost: the machine
     * built from {@code profile} with {@code sets}, the guest stopped after {@code maxInstructions}.
     * A refusal of the user-facing kinds is status 2 with its message; anything else that escapes is
     * an internal error, as the command would report it.
     */
    static Outcome machine(java.nio.file.Path program, List<String> argv, String profile, List<String> sets,
            long maxInstructions, java.nio.file.Path root, byte[] stdin) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream o = new PrintStream(out, true);
        PrintStream e = new PrintStream(err, true);
        try {
            dev.splitsim.core.config.Config config = dev.splitsim.machine.config.Profiles.load(profile, sets);
            List<String> all = new ArrayList<>(List.of(program.toString()));
            all.addAll(argv);
            dev.splitsim.kernel.process.ProcessSpec spec = new dev.splitsim.kernel.process.ProcessSpec(program, program.toString(),
                    all, List.of(), new ByteArrayInputStream(stdin), o, e, false, false, false, root,
                    config.getLong(dev.splitsim.machine.config.MachineKeys.SIM_SEED), false);
            dev.splitsim.machine.Machine m = dev.splitsim.machine.Machine.load(config, spec);
            dev.splitsim.machine.RunResult r = m.run(new dev.splitsim.machine.RunLimits(maxInstructions, 0));
            if (r.message() != null) {
                e.println(r.message());
            }
            return new Outcome(r.exitStatus(), out.toString(StandardCharsets.ISO_8859_1),
                    err.toString(StandardCharsets.UTF_8), m.instructions());
        } catch (dev.splitsim.core.elf.ElfFormatException | dev.splitsim.kernel.process.LoadException
                | dev.splitsim.core.config.ConfigException | dev.splitsim.machine.Machine.UserConfigException x) {
            return new Outcome(2, out.toString(StandardCharsets.ISO_8859_1),
                    err.toString(StandardCharsets.UTF_8) + "splitsim: " + x.getMessage() + "\n");
        } catch (Throwable t) {
            return new Outcome(70, out.toString(StandardCharsets.ISO_8859_1), err.toString(StandardCharsets.UTF_8)
                    + "splitsim: " + dev.splitsim.machine.InternalFailure.of(t).describe()
                    + where(dev.splitsim.machine.InternalFailure.of(t).failure()) + "\n");
        }
    }

    /**
     * What is wrong with an outcome in any campaign, or null: an internal error, or a Java exception
     * or stack trace on stderr.
     */
    static String hostFailure(Outcome o) {
        for (String line : o.stderr().split("\n")) {
            if (line.startsWith("splitsim: internal error")) {
                return "internal error (status " + o.status() + "): " + line;
            }
            // The guest may print anything on stderr; a Java stack or exception name is never the guest's.
            if (line.startsWith("\tat java.") || line.startsWith("\tat dev.splitsim") || line.contains("java.lang.")
                    || line.startsWith("Exception in thread")) {
                return "a Java exception on stderr: " + line;
            }
        }
        // Status 70 alone proves nothing: a guest may exit with it; an internal error always says so.
        return null;
    }

    /** The first frames of a failure, to find it without replaying it. */
    private static String where(Throwable t) {
        StringBuilder b = new StringBuilder();
        StackTraceElement[] frames = t.getStackTrace();
        for (int i = 0; i < Math.min(4, frames.length); i++) {
            b.append(" at ").append(frames[i]);
        }
        return b.toString();
    }

    static String firstLine(String s) {
        String t = s.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
