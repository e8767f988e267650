package dev.splitsim.core.config;

/**
 * One configuration key: its dotted name, how its value is written, the built-in default (used when
 * no profile sets it), what it means and, for a number, the range it must lie in. Every key of the
 * machine is declared in one table, so every value is checked where it is set, from a profile or
 * the command line, before any part of the machine sees it.
 *
 * @param min the smallest value allowed, written in the key's own units; null: none declared
 * @param max the largest value allowed, likewise
 */
public record ConfigKey(String name, ValueKind kind, String defaultText, String description, String[] choices,
        String min, String max) {

    public ConfigKey(String name, ValueKind kind, String defaultText, String description, String... choices) {
        this(name, kind, defaultText, description, choices, null, null);
    }

    public ConfigKey {
        if ((min == null) != (max == null)) {
            throw new IllegalArgumentException(name + ": a range needs both ends");
        }
        if (min != null && (!(kind.isNumber() || kind == ValueKind.NAMES)
                || Long.compare(bound(kind, name, min, choices), bound(kind, name, max, choices)) > 0)) {
            throw new IllegalArgumentException(name + ": bad range " + min + " .. " + max);
        }
    }

    /** A range end as a value of the key: for names, how many. */
    private static long bound(ValueKind kind, String name, String text, String[] choices) {
        return kind == ValueKind.NAMES ? Long.parseLong(text) : kind.parse(name, text, choices);
    }

    /** This key with its values limited to {@code min .. max}, both included, in the key's own units. */
    public ConfigKey range(String min, String max) {
        return new ConfigKey(name, kind, defaultText, description, choices, min, max);
    }

    public boolean hasRange() {
        return min != null;
    }

    /** The value of {@code text}, checked against the key's range; a bad value throws a one-line ConfigException. */
    public long parse(String text) {
        long v = kind.parse(name, text, choices);
        if (kind == ValueKind.NAMES && min != null) {
            if (v < Long.parseLong(min) || v > Long.parseLong(max)) {
                throw new ConfigException(name + " must list " + (min.equals(max) ? "exactly " + min
                        : "between " + min + " and " + max) + " name" + (max.equals("1") ? "" : "s") + ", got '"
                        + text.trim() + "'");
            }
        } else if (min != null) {
            if (kind.compare(v, kind.parse(name, min, choices)) < 0
                    || kind.compare(v, kind.parse(name, max, choices)) > 0) {
                throw new ConfigException(name + " must be between " + min + " and " + max + ", got " + text.trim());
            }
        } else if (kind.isMeasure() && v < 0) {
            // A size, time or rate below zero has no meaning even where no range is declared.
            throw new ConfigException(name + " must not be negative, got " + text.trim());
        }
        return v;
    }
}
