package dev.splitsim.core.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An effective configuration: every key of a table with its value, where the value came from
 * (built-in default, profile, command line), and the source note the profile gave for it.
 * Values are parsed once when set, so a bad value is rejected before the machine is built.
 */
public final class Config {
    private final Map<String, ConfigKey> keys = new LinkedHashMap<>();
    private final Map<String, String> text = new LinkedHashMap<>();
    private final Map<String, Long> parsed = new LinkedHashMap<>();
    private final Map<String, String> origin = new LinkedHashMap<>();
    private final Map<String, String> note = new LinkedHashMap<>();
    private String profileName = "(none)";

    public Config(List<ConfigKey> table) {
        for (ConfigKey k : table) {
            if (keys.put(k.name(), k) != null) {
                throw new IllegalArgumentException("duplicate config key " + k.name());
            }
            set(k.name(), k.defaultText(), "default", "");
        }
    }

    public void setProfileName(String name) {
        profileName = name;
    }

    public String profileName() {
        return profileName;
    }

    /** Sets {@code key} from text; unknown keys and bad values throw {@link ConfigException} with one clear line. */
    public void set(String key, String value, String from, String sourceNote) {
        ConfigKey k = keys.get(key);
        if (k == null) {
            throw new ConfigException("unknown configuration key '" + key + "'" + suggestion(key)
                    + " (see --show-config for all keys)");
        }
        parsed.put(key, k.parse(value));
        text.put(key, value.trim());
        origin.put(key, from);
        note.put(key, sourceNote == null ? "" : sourceNote);
    }

    /** Applies {@code key=value}. */
    public void setAssignment(String assignment, String from) {
        int eq = assignment.indexOf('=');
        if (eq <= 0) {
            throw new ConfigException("expected key=value, got '" + assignment + "'");
        }
        set(assignment.substring(0, eq).trim(), assignment.substring(eq + 1), from, "");
    }

    private String suggestion(String key) {
        String best = null;
        int bestDistance = 4;
        for (String k : keys.keySet()) {
            int d = distance(k, key);
            if (d < bestDistance) {
                bestDistance = d;
                best = k;
            }
        }
        return best == null ? "" : " (did you mean '" + best + "'?)";
    }

    private static int distance(String a, String b) {
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    public long getLong(String key) {
        Long v = parsed.get(key);
        if (v == null) {
            throw new IllegalArgumentException("no such config key " + key);
        }
        return v;
    }

    public int getInt(String key) {
        long v = getLong(key);
        if (v > Integer.MAX_VALUE || v < Integer.MIN_VALUE) {
            throw new ConfigException("value of " + key + " is out of range: " + text.get(key));
        }
        return (int) v;
    }

    public boolean getBoolean(String key) {
        return getLong(key) != 0;
    }

    public double getDouble(String key) {
        return Double.longBitsToDouble(getLong(key));
    }

    /** The names of a NAMES key, in order. */
    public List<String> getNames(String key) {
        return ValueKind.names(key, text.get(key));
    }

    /** The chosen word of a CHOICE key. */
    public String getChoice(String key) {
        return keys.get(key).choices()[(int) getLong(key)];
    }

    public String text(String key) {
        return text.get(key);
    }

    /** Where the value of {@code key} came from: "default", "profile NAME" or what set it ("--set"). */
    public String origin(String key) {
        return origin.get(key);
    }

    public List<ConfigKey> keys() {
        return Collections.unmodifiableList(new ArrayList<>(keys.values()));
    }

    /** The effective configuration as text: one line per key, with where the value came from and its source note. */
    public String describe() {
        StringBuilder sb = new StringBuilder();
        sb.append("# effective configuration, profile ").append(profileName).append('\n');
        int width = 0;
        for (String k : keys.keySet()) {
            width = Math.max(width, k.length());
        }
        for (ConfigKey k : keys.values()) {
            String n = note.get(k.name());
            sb.append(String.format("%-" + width + "s = %-12s # %s%s%n", k.name(), text.get(k.name()),
                    origin.get(k.name()), n.isEmpty() ? "" : "; " + n));
        }
        return sb.toString();
    }
}
