package dev.splitsim.machine.cli;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Writes a {@link LineChartData} as a self-contained SVG document: title, a value axis with round
 * ticks and grid lines, the categories spaced evenly, one polyline with dots per series (broken
 * where a value is missing) and a legend. Plain SVG 1.1 elements only, so any browser or editor
 * opens it.
 */
final class SvgLineChart {
    static final int WIDTH = 800;
    static final int HEIGHT = 500;
    private static final int LEFT = 90;
    private static final int RIGHT = 30;
    private static final int TOP = 50;
    private static final int BOTTOM = 110;
    private static final int TARGET_TICKS = 6;

    private SvgLineChart() {}

    static String of(LineChartData d) {
        double[] range = valueRange(d);
        double[] ticks = ticks(range[0], range[1]);
        double low = ticks[0];
        double high = ticks[ticks.length - 1];
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder sb = new StringBuilder();
        sb.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"").append(WIDTH)
                .append("\" height=\"").append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                .append(HEIGHT).append("\" font-family=\"sans-serif\">\n");
        sb.append("  <rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(sb, WIDTH / 2.0, 30, "middle", 18, "bold", d.title(), null);
        sb.append("  <g class=\"grid\" stroke=\"#dddddd\" stroke-width=\"1\">\n");
        for (double t : ticks) {
            double y = TOP + plotH - (t - low) / (high - low) * plotH;
            sb.append("    <line x1=\"").append(LEFT).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                    .append(LEFT + plotW).append("\" y2=\"").append(fmt(y)).append("\"/>\n");
        }
        sb.append("  </g>\n");
        sb.append("  <rect x=\"").append(LEFT).append("\" y=\"").append(TOP).append("\" width=\"").append(plotW)
                .append("\" height=\"").append(plotH).append("\" fill=\"none\" stroke=\"#444444\"/>\n");
        for (double t : ticks) {
            double y = TOP + plotH - (t - low) / (high - low) * plotH;
            text(sb, LEFT - 8, y + 4, "end", 12, null, tickLabel(t), null);
        }
        int n = d.categories().size();
        for (int i = 0; i < n; i++) {
            text(sb, x(i, n, plotW), TOP + plotH + 20, "middle", 12, null, d.categories().get(i), null);
        }
        text(sb, LEFT + plotW / 2.0, TOP + plotH + 45, "middle", 14, "bold", d.xLabel(), null);
        double yMid = TOP + plotH / 2.0;
        text(sb, 22, yMid, "middle", 14, "bold", d.yLabel(), "rotate(-90 22 " + fmt(yMid) + ")");
        for (int s = 0; s < d.series().size(); s++) {
            series(sb, d.series().get(s), LineChartData.colour(s), n, plotW, plotH, low, high);
        }
        legend(sb, d);
        return sb.append("</svg>\n").toString();
    }

    private static void series(StringBuilder sb, LineChartData.Series s, String colour, int n, int plotW, int plotH,
            double low, double high) {
        sb.append("  <g class=\"series\" stroke=\"").append(colour).append("\" fill=\"").append(colour).append("\">\n");
        List<String> run = new ArrayList<>();
        for (int i = 0; i <= n; i++) {
            Double v = i < n && i < s.values().size() ? s.values().get(i) : null;
            if (v == null || !Double.isFinite(v)) {
                polyline(sb, run);
                run.clear();
                continue;
            }
            double px = x(i, n, plotW);
            double py = TOP + plotH - (v - low) / (high - low) * plotH;
            run.add(fmt(px) + "," + fmt(py));
            sb.append("    <circle cx=\"").append(fmt(px)).append("\" cy=\"").append(fmt(py)).append("\" r=\"3.5\"/>\n");
        }
        sb.append("  </g>\n");
    }

    /** A run of at least two neighbouring values becomes a line; a lone value is only its dot. */
    private static void polyline(StringBuilder sb, List<String> points) {
        if (points.size() >= 2) {
            sb.append("    <polyline fill=\"none\" stroke-width=\"2\" points=\"").append(String.join(" ", points))
                    .append("\"/>\n");
        }
    }

    private static void legend(StringBuilder sb, LineChartData d) {
        double y = HEIGHT - 30;
        double x = LEFT;
        for (int s = 0; s < d.series().size(); s++) {
            String colour = LineChartData.colour(s);
            sb.append("  <line x1=\"").append(fmt(x)).append("\" y1=\"").append(fmt(y)).append("\" x2=\"")
                    .append(fmt(x + 24)).append("\" y2=\"").append(fmt(y)).append("\" stroke=\"").append(colour)
                    .append("\" stroke-width=\"2\"/>\n");
            String name = d.series().get(s).name();
            text(sb, x + 30, y + 4, "start", 12, null, name, null);
            // Names are short (a key=value or two); 7 px a character keeps the entries apart.
            x += 50 + 7 * name.length();
            if (x > WIDTH - 150) {
                x = LEFT;
                y += 18;
            }
        }
    }

    private static double x(int i, int n, int plotW) {
        return LEFT + plotW * (i + 0.5) / Math.max(1, n);
    }

    private static void text(StringBuilder sb, double x, double y, String anchor, int size, String weight, String text,
            String transform) {
        sb.append("  <text x=\"").append(fmt(x)).append("\" y=\"").append(fmt(y)).append("\" text-anchor=\"")
                .append(anchor).append("\" font-size=\"").append(size).append('"');
        if (weight != null) {
            sb.append(" font-weight=\"").append(weight).append('"');
        }
        if (transform != null) {
            sb.append(" transform=\"").append(transform).append('"');
        }
        sb.append('>').append(escape(text)).append("</text>\n");
    }

    /**
     * The value axis's extent: from the smallest to the largest value, always including zero (as the
     * PNG's axis does, so both show a change at the same scale); 0..1 when there is no value.
     */
    static double[] valueRange(LineChartData d) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = Double.NEGATIVE_INFINITY;
        for (LineChartData.Series s : d.series()) {
            for (Double v : s.values()) {
                if (v != null && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (lo > hi) {
            return new double[] {0, 1};
        }
        lo = Math.min(lo, 0);
        hi = Math.max(hi, 0);
        return lo == hi ? new double[] {0, 1} : new double[] {lo, hi};
    }

    /** Round tick values (1, 2 or 5 times a power of ten apart) from at or below {@code lo} to at or above {@code hi}. */
    static double[] ticks(double lo, double hi) {
        double raw = (hi - lo) / TARGET_TICKS;
        double magnitude = Math.pow(10, Math.floor(Math.log10(raw)));
        double step = magnitude;
        for (double m : new double[] {1, 2, 5, 10}) {
            step = m * magnitude;
            if (step >= raw) {
                break;
            }
        }
        double first = Math.floor(lo / step) * step;
        double last = Math.ceil(hi / step) * step;
        int count = (int) Math.round((last - first) / step) + 1;
        double[] out = new double[count];
        for (int i = 0; i < count; i++) {
            // Multiplying each time, not adding, keeps 0.1 + 0.2 errors out of the labels.
            out[i] = first + i * step;
        }
        return out;
    }

    /** A tick's label: the shortest decimal that names it, in scientific notation when very large or small. */
    static String tickLabel(double v) {
        if (v == 0) {
            return "0";
        }
        double a = Math.abs(v);
        if (a >= 1e7 || a < 1e-4) {
            return String.format(Locale.ROOT, "%.3g", v);
        }
        return new BigDecimal(String.format(Locale.ROOT, "%.6g", v)).stripTrailingZeros().toPlainString();
    }

    private static String fmt(double v) {
        return new BigDecimal(String.format(Locale.ROOT, "%.2f", v)).stripTrailingZeros().toPlainString();
    }

    static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
