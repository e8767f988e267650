package dev.splitsim.machine.cli;

import dev.splitsim.core.config.ConfigKey;
import dev.splitsim.machine.config.MachineKeys;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The points of a sweep: every {@code --set KEY=V1,V2,...} is an axis, every {@code --set KEY=V}
 * without a comma an override that all points share, and the points are the cross product of the
 * axes, the first axis varying slowest (as nested loops in the order given).
 */
final class SweepPlan {
    /** A swept key and its values, in the order listed. */
    record Axis(String key, List<String> values) {}

    private final List<Axis> axes = new ArrayList<>();
    private final List<String> fixed = new ArrayList<>();

    /** Splits {@code --set} assignments into axes and shared overrides; a bad one is a {@link UserError}. */
    SweepPlan(List<String> assignments) {
        Set<String> known = new HashSet<>();
        for (ConfigKey k : MachineKeys.ALL) {
            known.add(k.name());
        }
        Set<String> seen = new HashSet<>();
        for (String a : assignments) {
            int eq = a.indexOf('=');
            if (eq <= 0) {
                throw new UserError("--set expects KEY=VALUE or KEY=V1,V2,..., got '" + a + "'");
            }
            String key = a.substring(0, eq).trim();
            String value = a.substring(eq + 1);
            if (!seen.add(key)) {
                throw new UserError("--set " + key + " is given twice; list all its values in one --set");
            }
            if (!value.contains(",")) {
                // Left to the configuration to judge, exactly as 'run' would.
                fixed.add(a);
                continue;
            }
            if (!known.contains(key)) {
                throw new UserError("--set " + key + ": unknown configuration key (see 'splitsim run --show-config')");
            }
            List<String> values = new ArrayList<>();
            for (String v : value.split(",", -1)) {
                String t = v.trim();
                if (t.isEmpty()) {
                    throw new UserError("--set " + key + ": an empty value in '" + value + "'");
                }
                if (values.contains(t)) {
                    throw new UserError("--set " + key + ": value '" + t + "' is listed twice");
                }
                values.add(t);
            }
            axes.add(new Axis(key, List.copyOf(values)));
        }
    }

    List<Axis> axes() {
        return axes;
    }

    /** The overrides every point shares, as given. */
    List<String> fixed() {
        return fixed;
    }

    Axis axis(String key) {
        for (Axis a : axes) {
            if (a.key().equals(key)) {
                return a;
            }
        }
        return null;
    }

    /** Every point's swept values, key to value in axis order; one empty point when nothing is swept. */
    List<Map<String, String>> points() {
        List<Map<String, String>> out = new ArrayList<>();
        out.add(new LinkedHashMap<>());
        for (Axis a : axes) {
            List<Map<String, String>> next = new ArrayList<>();
            for (Map<String, String> p : out) {
                for (String v : a.values()) {
                    Map<String, String> q = new LinkedHashMap<>(p);
                    q.put(a.key(), v);
                    next.add(q);
                }
            }
            out = next;
        }
        return out;
    }
}
