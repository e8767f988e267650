package dev.splitsim.machine;

import dev.splitsim.core.stats.Stat;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.kernel.process.StatsMarks;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The numbered sections the guest's region-of-interest marks cut out of the statistics. The
 * counters themselves are never reset (they are plain fields all over the machine): a reset keeps
 * their values as the baseline, and a dump records each integer statistic's change since then.
 * Formulas (ratios, means) are left out, since a difference of ratios means nothing; they follow
 * from the section's counters. Sections are written as {@code roi.<n>.name} and
 * {@code roi.<n>.<statistic>}, numbered from 1 in the order of the dumps.
 */
public final class StatsSections implements StatsMarks {
    /** A guest that dumps in a loop must not fill the host's memory: later dumps are only counted. */
    static final int MAX_SECTIONS = 1000;

    /** One dump: its number, its name (may be empty) and each integer statistic's change. */
    public record Section(int number, String name, Map<String, Long> changes) {}

    private final StatsRegistry stats;
    private Map<String, Long> baseline = Map.of();
    private final List<Section> sections = new ArrayList<>();
    private long dropped;

    StatsSections(StatsRegistry stats) {
        this.stats = stats;
    }

    @Override
    public void reset() {
        baseline = values();
    }

    @Override
    public void dump(String name) {
        if (sections.size() == MAX_SECTIONS) {
            dropped++;
            return;
        }
        Map<String, Long> changes = new LinkedHashMap<>();
        values().forEach((stat, value) -> changes.put(stat, value - baseline.getOrDefault(stat, 0L)));
        sections.add(new Section(sections.size() + 1, name, Collections.unmodifiableMap(changes)));
    }

    private Map<String, Long> values() {
        Map<String, Long> now = new LinkedHashMap<>();
        for (Stat s : stats.all()) {
            if (s.isInteger()) {
                now.put(s.name(), s.longValue());
            }
        }
        return now;
    }

    public List<Section> sections() {
        return Collections.unmodifiableList(sections);
    }

    /** Dumps past {@link #MAX_SECTIONS}, counted but not kept. */
    public long dropped() {
        return dropped;
    }

    /** The sections as flat JSON entries ("name": value), ready to go into the --stats-json object. */
    public List<String> jsonEntries(java.util.function.UnaryOperator<String> quote) {
        List<String> out = new ArrayList<>();
        if (sections.isEmpty() && dropped == 0) {
            return out;
        }
        out.add(quote.apply("roi.sections") + ": " + sections.size());
        out.add(quote.apply("roi.dropped") + ": " + dropped);
        for (Section s : sections) {
            out.add(quote.apply("roi." + s.number() + ".name") + ": " + quote.apply(s.name()));
            s.changes().forEach((stat, v) -> out.add(quote.apply("roi." + s.number() + "." + stat) + ": " + v));
        }
        return out;
    }

    /** The sections as text, in the layout of the statistics above them. */
    public String toText() {
        if (sections.isEmpty() && dropped == 0) {
            return "";
        }
        Map<String, Stat> byName = new HashMap<>();
        for (Stat s : stats.all()) {
            byName.put(s.name(), s);
        }
        StringBuilder sb = new StringBuilder();
        sb.append(String.format("%-44s %20d %-8s # %s%n", "roi.sections", sections.size(), "sections",
                "regions of interest the guest dumped"));
        sb.append(String.format("%-44s %20d %-8s # %s%n", "roi.dropped", dropped, "sections",
                "dumps past the first " + MAX_SECTIONS + ", not kept"));
        for (Section s : sections) {
            sb.append(String.format("%-44s %20s %-8s # %s%n", "roi." + s.number() + ".name", s.name(), "",
                    "the name the guest gave this section"));
            s.changes().forEach((stat, v) -> {
                Stat d = byName.get(stat);
                sb.append(String.format("%-44s %20d %-8s # %s%n", "roi." + s.number() + "." + stat, v,
                        d == null ? "" : d.unit(), d == null ? "" : "change of: " + d.description()));
            });
        }
        return sb.toString();
    }
}
