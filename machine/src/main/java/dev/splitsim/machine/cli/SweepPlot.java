package dev.splitsim.machine.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sweep's {@code --plot X:Y[:SERIES]}: statistic Y over the values of swept key X, one line for
 * each combination of the other swept keys (SERIES first in the line's name). Repeats of a point
 * are averaged; a point without Y leaves a gap.
 */
final class SweepPlot {
    record Spec(String x, String y, String series) {}

    private SweepPlot() {}

    /** Parses and checks a plot request against the sweep's keys; a bad one is a {@link UserError}. */
    static Spec parse(String text, SweepPlan plan) {
        String[] parts = text.split(":", -1);
        if (parts.length < 2 || parts.length > 3) {
            throw new UserError("--plot expects X:Y or X:Y:SERIES, got '" + text + "'");
        }
        for (String p : parts) {
            if (p.isBlank()) {
                throw new UserError("--plot expects X:Y or X:Y:SERIES, got '" + text + "'");
            }
        }
        List<String> swept = new ArrayList<>();
        plan.axes().forEach(a -> swept.add(a.key()));
        if (plan.axis(parts[0]) == null) {
            throw new UserError("--plot: X must be a swept key (" + (swept.isEmpty() ? "none is swept"
                    : "swept: " + String.join(", ", swept)) + "), got '" + parts[0] + "'");
        }
        String series = parts.length == 3 ? parts[2] : null;
        if (series != null && (plan.axis(series) == null || series.equals(parts[0]))) {
            throw new UserError("--plot: SERIES must be a swept key other than X (swept: " + String.join(", ", swept)
                    + "), got '" + series + "'");
        }
        return new Spec(parts[0], parts[1], series);
    }

    static LineChartData data(Spec spec, SweepPlan plan, List<PointResult> rows) {
        List<SweepPlan.Axis> others = new ArrayList<>();
        if (spec.series() != null) {
            others.add(plan.axis(spec.series()));
        }
        for (SweepPlan.Axis a : plan.axes()) {
            if (!a.key().equals(spec.x()) && !a.key().equals(spec.series())) {
                others.add(a);
            }
        }
        List<String> categories = plan.axis(spec.x()).values();
        List<Map<String, String>> combos = new ArrayList<>();
        combos.add(new LinkedHashMap<>());
        for (SweepPlan.Axis a : others) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> c : combos) {
                for (String v : a.values()) {
                    Map<String, String> d = new LinkedHashMap<>(c);
                    d.put(a.key(), v);
                    next.add(d);
                }
            }
            combos = next;
        }
        List<LineChartData.Series> series = new ArrayList<>();
        for (Map<String, String> combo : combos) {
            List<Double> values = new ArrayList<>();
            for (String x : categories) {
                values.add(mean(rows, spec, x, combo));
            }
            series.add(new LineChartData.Series(combo.isEmpty() ? spec.y() : name(combo), values));
        }
        return new LineChartData(spec.y() + " by " + spec.x(), spec.x(), spec.y(), categories, series);
    }

    private static String name(Map<String, String> combo) {
        List<String> parts = new ArrayList<>();
        combo.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(", ", parts);
    }

    private static Double mean(List<PointResult> rows, Spec spec, String x, Map<String, String> combo) {
        double sum = 0;
        int n = 0;
        for (PointResult r : rows) {
            Double v = r.stats().get(spec.y());
            if (v == null || !Double.isFinite(v) || !x.equals(r.values().get(spec.x()))) {
                continue;
            }
            boolean same = true;
            for (Map.Entry<String, String> e : combo.entrySet()) {
                same &= e.getValue().equals(r.values().get(e.getKey()));
            }
            if (same) {
                sum += v;
                n++;
            }
        }
        return n == 0 ? null : sum / n;
    }

    /**
     * Writes plot.svg and plot.png into {@code dir}. The SVG needs nothing of the host; the PNG needs
     * Java 2D with a font, so when it cannot be drawn the reason is returned as one line (null: both written).
     */
    static String write(LineChartData d, Path dir) throws IOException {
        return write(d, dir, "plot");
    }

    /** As {@link #write(LineChartData, Path)}, to {@code name}.svg and {@code name}.png. */
    static String write(LineChartData d, Path dir, String name) throws IOException {
        ChartFiles.write(d, dir.resolve(name + ".svg"));
        String problem = ChartFiles.write(d, dir.resolve(name + ".png"));
        return problem == null ? null : problem + "; " + name + ".svg is written";
    }
}
