package dev.splitsim.core.config;

import java.util.Locale;

/**
 * How a configuration value is written and what it means. Sizes are bytes, times are picoseconds
 * (the simulation's tick), frequencies are hertz; all are stored as {@code long}.
 */
public enum ValueKind {
    /** A whole number, optionally with an underscore as digit separator. */
    INTEGER,
    /** Bytes: {@code 4096}, {@code 64KiB}, {@code 16MiB}, {@code 1GiB} (also K/M/G and KB/MB/GB meaning powers of 2). */
    SIZE,
    /** Picoseconds: {@code 80ns}, {@code 1.2us}, {@code 3ms}, {@code 500ps}, {@code 2s}. */
    TIME,
    /** Hertz: {@code 2.4GHz}, {@code 800MHz}. */
    FREQUENCY,
    /** Bits per second: {@code 40Gbps}, {@code 100Mbps}. */
    BANDWIDTH,
    /** {@code true}/{@code false} (also on/off, yes/no). */
    BOOLEAN,
    /** One of a fixed list of words. */
    CHOICE,
    /** A decimal number. */
    DECIMAL,
    /**
     * A moment in UTC, stored as whole seconds since 1970-01-01T00:00:00Z: an ISO-8601 instant such
     * as {@code 2026-01-01T00:00:00Z}, or the seconds themselves ({@code 1767225600}).
     */
    DATE,
    /**
     * Names separated by spaces or commas, such as {@code mcomp0 mcomp1}: each a lower-case letter followed by
     * letters, digits, '-' or '_', at most 32 characters, none twice; stored as their count.
     */
    NAMES;

    private static final java.util.regex.Pattern NAME = java.util.regex.Pattern.compile("[a-z][a-z0-9_-]{0,31}");

    /** Parses {@code text} into the canonical {@code long} form (or a decimal's raw bits for DECIMAL). */
    public long parse(String key, String text, String[] choices) {
        if (this == NAMES) {
            return names(key, text).size();
        }
        if (this == DATE) {
            return date(key, text.trim());
        }
        String t = text.trim().replace("_", "");
        try {
            switch (this) {
                case INTEGER:
                    return Long.decode(t);
                case SIZE:
                    return scaled(t, new String[] {"GiB", "MiB", "KiB", "GB", "MB", "KB", "G", "M", "K", "B"},
                            new double[] {1L << 30, 1L << 20, 1L << 10, 1L << 30, 1L << 20, 1L << 10, 1L << 30,
                                1L << 20, 1L << 10, 1}, true);
                case TIME:
                    return scaled(t, new String[] {"ps", "ns", "us", "µs", "ms", "s"},
                            new double[] {1, 1e3, 1e6, 1e6, 1e9, 1e12}, false);
                case FREQUENCY:
                    return scaled(t, new String[] {"GHz", "MHz", "kHz", "Hz"}, new double[] {1e9, 1e6, 1e3, 1}, false);
                case BANDWIDTH:
                    return scaled(t, new String[] {"Gbps", "Mbps", "kbps", "bps"}, new double[] {1e9, 1e6, 1e3, 1},
                            false);
                case BOOLEAN:
                    switch (t.toLowerCase(Locale.ROOT)) {
                        case "true": case "on": case "yes": case "1":
                            return 1;
                        case "false": case "off": case "no": case "0":
                            return 0;
                        default:
                            throw bad(key, text, "true or false");
                    }
                case CHOICE:
                    for (int i = 0; i < choices.length; i++) {
                        if (choices[i].equalsIgnoreCase(t)) {
                            return i;
                        }
                    }
                    throw bad(key, text, "one of " + String.join(", ", choices));
                case DECIMAL:
                    double d = Double.parseDouble(t);
                    if (!Double.isFinite(d)) {
                        throw new NumberFormatException("not finite");
                    }
                    return Double.doubleToRawLongBits(d);
                default:
                    throw new AssertionError(this);
            }
        } catch (NumberFormatException e) {
            throw bad(key, text, expectation());
        }
    }

    private static long date(String key, String t) {
        if (t.matches("-?[0-9]+")) {
            try {
                return Long.parseLong(t);
            } catch (NumberFormatException e) {
                throw bad(key, t, DATE.expectation());
            }
        }
        try {
            return java.time.Instant.parse(t).getEpochSecond();
        } catch (java.time.format.DateTimeParseException e) {
            throw bad(key, t, DATE.expectation());
        }
    }

    /** The names of a NAMES value, in order; a malformed or repeated name throws a one-line ConfigException. */
    public static java.util.List<String> names(String key, String text) {
        String t = text.trim();
        java.util.List<String> out = new java.util.ArrayList<>();
        for (String n : t.isEmpty() ? new String[0] : t.split("[\\s,]+")) {
            if (!NAME.matcher(n).matches()) {
                throw bad(key, text, "names such as 'mcomp0 mcomp1' (a lower-case letter, then letters, digits, '-' or '_')");
            }
            if (out.contains(n)) {
                throw new ConfigException(key + " names " + n + " twice");
            }
            out.add(n);
        }
        if (out.isEmpty()) {
            throw bad(key, text, "at least one name");
        }
        return out;
    }

    /** A number, so a range can be declared for it. */
    public boolean isNumber() {
        return this == INTEGER || this == DECIMAL || this == DATE || isMeasure();
    }

    /** A quantity with a unit (bytes, time, rate), never negative. */
    public boolean isMeasure() {
        return this == SIZE || this == TIME || this == FREQUENCY || this == BANDWIDTH;
    }

    /** Orders two parsed values of this kind (a decimal is stored as its bits). */
    public int compare(long a, long b) {
        return this == DECIMAL ? Double.compare(Double.longBitsToDouble(a), Double.longBitsToDouble(b))
                : Long.compare(a, b);
    }

    private String expectation() {
        switch (this) {
            case INTEGER: return "a whole number";
            case SIZE: return "a size such as 4096, 64KiB, 16MiB or 1GiB";
            case TIME: return "a time such as 80ns, 1.5us or 2ms";
            case FREQUENCY: return "a frequency such as 2.4GHz";
            case BANDWIDTH: return "a bandwidth such as 40Gbps";
            case DECIMAL: return "a decimal number";
            case NAMES: return "names separated by spaces or commas";
            case DATE: return "a UTC time such as 2026-01-01T00:00:00Z, or seconds since 1970";
            default: return name().toLowerCase(Locale.ROOT);
        }
    }

    private static ConfigException bad(String key, String text, String expected) {
        return new ConfigException("bad value '" + text + "' for " + key + ": expected " + expected);
    }

    private long scaled(String t, String[] units, double[] factors, boolean unitOptional) {
        for (int i = 0; i < units.length; i++) {
            if (t.endsWith(units[i]) && t.length() > units[i].length()) {
                String number = t.substring(0, t.length() - units[i].length()).trim();
                double v = Double.parseDouble(number);
                return checkedRound(v * factors[i]);
            }
        }
        if (!unitOptional && !t.equals("0")) {
            throw new NumberFormatException("unit missing");
        }
        return checkedRound(Double.parseDouble(t));
    }

    /** Negative values are let through so that the key's range can name what it allows. */
    private static long checkedRound(double v) {
        if (!(Math.abs(v) <= 9.0e18)) {
            throw new NumberFormatException("out of range");
        }
        return Math.round(v);
    }
}
