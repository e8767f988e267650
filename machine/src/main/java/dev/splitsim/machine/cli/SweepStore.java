package dev.splitsim.machine.cli;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * What a sweep keeps in its folder so that its table can be made from the folder alone: the plan
 * ({@code DIR/sweep.properties}: every --set, the statistics, the plot, the repeats) and one row
 * file per run beside its statistics ({@code DIR/points/point-NNN-R.row}). A local sweep writes
 * them as its runs finish, a Slurm array task writes its point's, and {@code sweep --collect}
 * reads them back into the rows the table is written from, exactly as they were.
 */
final class SweepStore {
    static final String PLAN_FILE = "sweep.properties";

    /** What the table and the plot of a sweep need besides its rows. */
    record Plan(List<String> assignments, List<String> stats, String plot, int repeat) {
        int points() {
            return new SweepPlan(assignments).points().size();
        }
    }

    private SweepStore() {}

    static void writePlan(Path dir, Plan plan) throws IOException {
        Properties p = new Properties();
        list(p, "set", plan.assignments());
        list(p, "stat", plan.stats());
        if (plan.plot() != null) {
            p.setProperty("plot", plan.plot());
        }
        p.setProperty("repeat", Integer.toString(plan.repeat()));
        write(dir.resolve(PLAN_FILE), p);
    }

    /** The plan of the sweep in {@code dir}, or a one-line error when there is none or it is damaged. */
    static Plan readPlan(Path dir) {
        Properties p;
        try {
            p = read(dir.resolve(PLAN_FILE));
        } catch (NoSuchFileException e) {
            throw new UserError("--collect " + dir + ": no " + PLAN_FILE + " there (is it a sweep's --out folder?)");
        } catch (IOException | IllegalArgumentException e) {
            throw new UserError("--collect " + dir + ": cannot read " + PLAN_FILE + ": " + e.getMessage());
        }
        try {
            return new Plan(list(p, "set"), list(p, "stat"), p.getProperty("plot"),
                    Integer.parseInt(p.getProperty("repeat", "1")));
        } catch (NumberFormatException e) {
            throw new UserError("--collect " + dir + ": " + PLAN_FILE + " is damaged (repeat)");
        }
    }

    static Path rowFile(Path pointsDir, int point, int repeat) {
        return pointsDir.resolve(String.format("point-%03d-%d.row", point, repeat));
    }

    static void writeRow(Path pointsDir, PointResult r) throws IOException {
        Properties p = new Properties();
        p.setProperty("point", Integer.toString(r.point()));
        p.setProperty("repeat", Integer.toString(r.repeat()));
        p.setProperty("status", Integer.toString(r.status()));
        p.setProperty("outcome", r.outcome());
        p.setProperty("host_seconds", Double.toString(r.hostSeconds()));
        optional(p, "config_sha256", r.configSha256());
        optional(p, "error", r.error());
        optional(p, "stdout_sha256", r.stdoutSha256());
        optional(p, "stderr_sha256", r.stderrSha256());
        // Double.toString gives back the very same double when parsed: the table is unchanged by the trip.
        r.stats().forEach((name, v) -> p.setProperty("stat." + name, Double.toString(v)));
        write(rowFile(pointsDir, r.point(), r.repeat()), p);
    }

    /**
     * The row of one run as its task wrote it, with the point's swept {@code values}; null when the
     * run left no row (its task has not run, or failed before the end).
     */
    static PointResult readRow(Path pointsDir, int point, int repeat, Map<String, String> values, List<String> stats)
            throws IOException {
        Properties p;
        try {
            p = read(rowFile(pointsDir, point, repeat));
        } catch (NoSuchFileException e) {
            return null;
        }
        Map<String, Double> chosen = new LinkedHashMap<>();
        for (String name : stats) {
            String v = p.getProperty("stat." + name);
            if (v != null) {
                chosen.put(name, Double.parseDouble(v));
            }
        }
        return new PointResult(point, repeat, values, p.getProperty("config_sha256"),
                Integer.parseInt(p.getProperty("status")), p.getProperty("outcome"), p.getProperty("error"),
                p.getProperty("stdout_sha256"), p.getProperty("stderr_sha256"), chosen,
                Double.parseDouble(p.getProperty("host_seconds", "0")));
    }

    private static void optional(Properties p, String key, String value) {
        if (value != null) {
            p.setProperty(key, value);
        }
    }

    private static void list(Properties p, String name, List<String> values) {
        p.setProperty(name + ".count", Integer.toString(values.size()));
        for (int i = 0; i < values.size(); i++) {
            p.setProperty(name + "." + i, values.get(i));
        }
    }

    private static List<String> list(Properties p, String name) {
        int n = Integer.parseInt(p.getProperty(name + ".count", "0"));
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(p.getProperty(name + "." + i, ""));
        }
        return out;
    }

    /** Written whole under a temporary name and moved into place, so a reader never sees half a file. */
    private static void write(Path file, Properties p) throws IOException {
        StringWriter w = new StringWriter();
        p.store(w, null);
        // Properties.store starts with the date as a comment: left out, so the same run writes the same file.
        StringBuilder text = new StringBuilder();
        for (String line : w.toString().split("\n")) {
            if (!line.startsWith("#")) {
                text.append(line).append('\n');
            }
        }
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        Files.writeString(tmp, text, StandardCharsets.ISO_8859_1);
        Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    private static Properties read(Path file) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(file, StandardCharsets.ISO_8859_1)));
        return p;
    }
}
