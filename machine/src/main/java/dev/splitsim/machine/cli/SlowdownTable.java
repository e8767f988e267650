package dev.splitsim.machine.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The results of {@code experiment legoos}: the table in the paper's layout (a row per fraction of
 * local memory, a column per system, the paper's figure in brackets), the CSV and the chart.
 */
final class SlowdownTable {
    /** One run: the system, its local memory as a fraction of the working set and in bytes, its result. */
    record Row(String system, double fraction, long bytes, PointResult result) {}

    static final String HEADER = "system,local_fraction,local_bytes,sim_seconds,slowdown,faults,bytes_moved,"
            + "output_matches,status";

    private final List<Row> rows;
    private final PointResult local;

    SlowdownTable(List<Row> rows, PointResult local) {
        this.rows = List.copyOf(rows);
        this.local = local;
    }

    private Double slowdown(Row r) {
        Double s = r.result().stats().get("sim.seconds");
        Double base = local.stats().get("sim.seconds");
        return s == null || base == null || base == 0 ? null : s / base;
    }

    private Row find(String system, int fractionIndex) {
        int seen = 0;
        for (Row r : rows) {
            if (r.system().equals(system) && seen++ == fractionIndex) {
                return r;
            }
        }
        return null;
    }

    boolean allRan() {
        return rows.stream().allMatch(r -> r.result().error() == null && r.result().sameOutputAs(local));
    }

    String text(long workingSet) {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "Slowdown against all memory local (%.4f s), working set %s; "
                + "the paper's figure in brackets%n", local.stats().get("sim.seconds"), size(workingSet)));
        sb.append(String.format(Locale.ROOT, "%-22s", "local memory"));
        for (LegoosExperiment.Contender s : LegoosExperiment.SYSTEMS) {
            sb.append(String.format(Locale.ROOT, "%-22s", s.label()));
        }
        sb.append('\n');
        for (int f = 0; f < LegoosExperiment.FRACTIONS.length; f++) {
            Row first = find(LegoosExperiment.SYSTEMS.get(0).name(), f);
            sb.append(String.format(Locale.ROOT, "%-22s", size(first.bytes()) + " ("
                    + Math.round(first.fraction() * 100) + "%)"));
            for (LegoosExperiment.Contender s : LegoosExperiment.SYSTEMS) {
                Row r = find(s.name(), f);
                Double x = slowdown(r);
                String ours = x == null ? "failed" : String.format(Locale.ROOT, "%.2f", x);
                if (x != null && !r.result().sameOutputAs(local)) {
                    ours += "!";
                }
                sb.append(String.format(Locale.ROOT, "%-22s", ours + " (" + s.paper()[f] + ")"));
            }
            sb.append('\n');
        }
        if (rows.stream().anyMatch(r -> r.result().ran() && !r.result().sameOutputAs(local))) {
            sb.append("! printed other output than the all-local run\n");
        }
        return sb.toString();
    }

    String csv() {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (Row r : rows) {
            PointResult p = r.result();
            LegoosExperiment.Contender s = LegoosExperiment.SYSTEMS.stream().filter(c -> c.name().equals(r.system()))
                    .findFirst().orElse(null);
            Double slow = slowdown(r);
            sb.append(r.system()).append(',').append(String.format(Locale.ROOT, "%.4f", r.fraction())).append(',')
                    .append(r.bytes()).append(',').append(number(p.stats().get("sim.seconds"))).append(',')
                    .append(slow == null ? "" : String.format(Locale.ROOT, "%.4f", slow)).append(',')
                    .append(s == null ? "0" : number(p.stats().get(LegoosExperiment.faultsStat(s)))).append(',')
                    .append(s == null ? "0" : number(p.stats().get(LegoosExperiment.bytesStat(s)))).append(',')
                    .append(p.sameOutputAs(local)).append(',').append(p.status()).append('\n');
        }
        return sb.toString();
    }

    /** Slowdown by fraction, a line per system, and the paper's as lines of their own. */
    LineChartData chart() {
        List<String> categories = new ArrayList<>();
        for (double f : LegoosExperiment.FRACTIONS) {
            categories.add(Math.round(f * 100) + "%");
        }
        List<LineChartData.Series> series = new ArrayList<>();
        for (LegoosExperiment.Contender s : LegoosExperiment.SYSTEMS) {
            List<Double> ours = new ArrayList<>();
            List<Double> paper = new ArrayList<>();
            for (int f = 0; f < LegoosExperiment.FRACTIONS.length; f++) {
                ours.add(slowdown(find(s.name(), f)));
                paper.add(s.paper()[f]);
            }
            series.add(new LineChartData.Series(s.label(), ours));
            series.add(new LineChartData.Series(s.label() + " (paper)", paper));
        }
        return new LineChartData("Slowdown against all memory local", "local memory / working set",
                "slowdown", categories, series);
    }

    private static String number(Double v) {
        if (v == null) {
            return "";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? String.valueOf(v.longValue())
                : String.format(Locale.ROOT, "%.6f", v);
    }

    private static String size(long bytes) {
        return bytes >= 10L << 20 ? (bytes >> 20) + " MiB" : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }
}
