package dev.splitsim.core.stats;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The statistics one component owns, declared where they live: each in one line with a name, a unit
 * and a description. Hot counters stay plain {@code long} fields of their owner and are registered
 * here as readers; ratios are formulas evaluated only when the stats are printed.
 */
public final class StatGroup {
    private final String name;
    private final String description;
    private final List<Stat> stats = new ArrayList<>();

    StatGroup(String name, String description) {
        this.name = name;
        this.description = description;
    }

    public String name() {
        return name;
    }

    public String description() {
        return description;
    }

    /** A counter owned by this group, for paths that are not hot enough to need a field of their own. */
    public Counter counter(String statName, String unit, String statDescription) {
        Counter c = new Counter();
        stats.add(new Stat(name + "." + statName, unit, statDescription, c::get, null));
        return c;
    }

    /** A counter that lives as a plain field elsewhere; {@code reader} is called only when printing. */
    public void reading(String statName, String unit, String statDescription, LongSupplier reader) {
        stats.add(new Stat(name + "." + statName, unit, statDescription, reader, null));
    }

    /** A derived value (ratio, mean, percentile) computed when printing. */
    public void formula(String statName, String unit, String statDescription, DoubleSupplier formula) {
        stats.add(new Stat(name + "." + statName, unit, statDescription, null, formula));
    }

    public List<Stat> stats() {
        return Collections.unmodifiableList(stats);
    }
}
