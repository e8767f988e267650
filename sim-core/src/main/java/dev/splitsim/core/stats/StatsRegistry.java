package dev.splitsim.core.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** All stat groups of one machine, in registration order so every dump lists them the same way. */
public final class StatsRegistry {
    private final Map<String, StatGroup> groups = new LinkedHashMap<>();
    /** Registries of parts named apart (one per CPU component when there are several), by prefix. */
    private final Map<String, StatsRegistry> parts = new LinkedHashMap<>();

    /** Returns the group with this name, creating it on first use. */
    public StatGroup group(String name, String description) {
        return groups.computeIfAbsent(name, n -> new StatGroup(n, description));
    }

    public List<StatGroup> groups() {
        return Collections.unmodifiableList(new ArrayList<>(groups.values()));
    }

    /**
     * Lists every stat of {@code part} after this registry's own, each name behind {@code prefix}
     * and a dot ({@code pcomp1.cpu.instructions}); stats the part registers later are listed too.
     */
    public void include(String prefix, StatsRegistry part) {
        parts.put(prefix, part);
    }

    /** Every stat, flattened to dotted names. */
    public List<Stat> all() {
        List<Stat> out = new ArrayList<>();
        for (StatGroup g : groups.values()) {
            out.addAll(g.stats());
        }
        for (Map.Entry<String, StatsRegistry> p : parts.entrySet()) {
            for (Stat s : p.getValue().all()) {
                out.add(new Stat(p.getKey() + "." + s.name(), s.unit(), s.description(), s.integer(), s.formula()));
            }
        }
        return out;
    }

    /** A flat JSON object of dotted stat names; integers stay integers, formulas are printed as decimals. */
    public String toJson() {
        StringBuilder sb = new StringBuilder("{\n");
        List<Stat> stats = all();
        for (int i = 0; i < stats.size(); i++) {
            Stat s = stats.get(i);
            sb.append("  \"").append(s.name()).append("\": ");
            if (s.isInteger()) {
                sb.append(s.longValue());
            } else {
                double v = s.doubleValue();
                sb.append(Double.isFinite(v) ? Double.toString(v) : "null");
            }
            sb.append(i + 1 < stats.size() ? ",\n" : "\n");
        }
        return sb.append("}\n").toString();
    }

    /** Aligned text, one stat per line with its unit and description. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        for (Stat s : all()) {
            String value = s.isInteger() ? Long.toString(s.longValue()) : String.format("%.6g", s.doubleValue());
            sb.append(String.format("%-44s %20s %-8s # %s%n", s.name(), value, s.unit(), s.description()));
        }
        return sb.toString();
    }
}
