package dev.splitsim.machine.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep's results, one row per run in point order: results.csv (a header line, then fields quoted
 * as RFC 4180 quotes them when they hold a comma, quote or line break; lines end in a plain newline,
 * which every CSV reader takes) and results.jsonl (one JSON object a line,
 * swept values under "set" and statistics under "stats"). A statistic a point does not have, or
 * any field of a run that never happened, is left empty (null in JSON).
 */
final class SweepTable {
    static final List<String> LEADING = List.of("point", "repeat");
    static final List<String> TRAILING = List.of("config_sha256", "status", "outcome", "output_matches", "error");

    private final List<String> keys;
    private final List<String> statNames;

    SweepTable(List<String> keys, List<String> statNames) {
        this.keys = List.copyOf(keys);
        this.statNames = List.copyOf(statNames);
    }

    List<String> columns() {
        List<String> out = new ArrayList<>(LEADING);
        out.addAll(keys);
        out.addAll(TRAILING);
        out.addAll(statNames);
        return out;
    }

    /** Writes both files; {@code reference} is the run whose output every other is compared with (null: none ran). */
    void write(Path dir, List<PointResult> rows, PointResult reference) throws IOException {
        StringBuilder csv = new StringBuilder();
        csv.append(csvLine(columns()));
        StringBuilder jsonl = new StringBuilder();
        for (PointResult r : rows) {
            csv.append(csvLine(csvFields(r, reference)));
            jsonl.append(jsonLine(r, reference)).append('\n');
        }
        Files.writeString(dir.resolve("results.csv"), csv.toString(), StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("results.jsonl"), jsonl.toString(), StandardCharsets.UTF_8);
    }

    private List<String> csvFields(PointResult r, PointResult reference) {
        List<String> f = new ArrayList<>();
        f.add(Integer.toString(r.point()));
        f.add(Integer.toString(r.repeat()));
        for (String k : keys) {
            f.add(r.values().get(k));
        }
        f.add(r.configSha256() == null ? "" : r.configSha256());
        f.add(Integer.toString(r.status()));
        f.add(r.outcome());
        f.add(matches(r, reference) == null ? "" : matches(r, reference).toString());
        f.add(r.error() == null ? "" : r.error());
        for (String s : statNames) {
            Double v = r.stats().get(s);
            f.add(v == null || !Double.isFinite(v) ? "" : Json.number(v));
        }
        return f;
    }

    private String jsonLine(PointResult r, PointResult reference) {
        StringBuilder sb = new StringBuilder("{");
        sb.append("\"point\": ").append(r.point()).append(", \"repeat\": ").append(r.repeat());
        sb.append(", \"set\": {");
        int i = 0;
        for (String k : keys) {
            sb.append(i++ == 0 ? "" : ", ").append(Json.string(k)).append(": ").append(Json.string(r.values().get(k)));
        }
        sb.append("}, \"config_sha256\": ").append(r.configSha256() == null ? "null" : Json.string(r.configSha256()));
        sb.append(", \"status\": ").append(r.status());
        sb.append(", \"outcome\": ").append(Json.string(r.outcome()));
        Boolean m = matches(r, reference);
        sb.append(", \"output_matches\": ").append(m == null ? "null" : m.toString());
        sb.append(", \"error\": ").append(r.error() == null ? "null" : Json.string(r.error()));
        sb.append(", \"stats\": {");
        i = 0;
        for (String s : statNames) {
            Double v = r.stats().get(s);
            sb.append(i++ == 0 ? "" : ", ").append(Json.string(s)).append(": ")
                    .append(v == null ? "null" : Json.number(v));
        }
        return sb.append("}}").toString();
    }

    /** Null for a run that printed nothing because it never ran. */
    private static Boolean matches(PointResult r, PointResult reference) {
        return r.ran() && reference != null ? r.sameOutputAs(reference) : null;
    }

    static String csvLine(List<String> fields) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < fields.size(); i++) {
            String f = fields.get(i) == null ? "" : fields.get(i);
            if (i > 0) {
                sb.append(',');
            }
            if (f.contains(",") || f.contains("\"") || f.contains("\n") || f.contains("\r")) {
                sb.append('"').append(f.replace("\"", "\"\"")).append('"');
            } else {
                sb.append(f);
            }
        }
        return sb.append('\n').toString();
    }

    /** The chosen statistics of {@code rows} that no run had: probably misspelt. */
    List<String> statsNoRunHad(List<PointResult> rows) {
        List<String> out = new ArrayList<>();
        if (rows.stream().noneMatch(PointResult::ran)) {
            return out;
        }
        for (String s : statNames) {
            if (rows.stream().noneMatch(r -> r.stats().containsKey(s))) {
                out.add(s);
            }
        }
        return out;
    }
}
