package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.config.ConfigKey;
import dev.splitsim.core.config.ValueKind;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A configuration as a result file records it: every key with its value in one canonical spelling,
 * so {@code 1024KiB} and {@code 1MiB}, or {@code on} and {@code true}, are recorded and hashed
 * alike, and the canonical text parses back to the same value.
 */
final class EffectiveConfig {
    private static final String[] SIZE_UNITS = {"GiB", "MiB", "KiB"};
    private static final long[] SIZE_FACTORS = {1L << 30, 1L << 20, 1L << 10};
    private static final String[] TIME_UNITS = {"s", "ms", "us", "ns"};
    private static final long[] TIME_FACTORS = {1_000_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    private static final String[] HERTZ_UNITS = {"GHz", "MHz", "kHz"};
    private static final String[] BITS_UNITS = {"Gbps", "Mbps", "kbps"};
    private static final long[] DECIMAL_FACTORS = {1_000_000_000L, 1_000_000L, 1_000L};

    private EffectiveConfig() {}

    /** Every key of {@code config} in table order, with its canonical value. */
    static Map<String, String> canonical(Config config) {
        Map<String, String> out = new LinkedHashMap<>();
        for (ConfigKey k : config.keys()) {
            out.put(k.name(), k.kind() == ValueKind.NAMES ? String.join(" ", config.getNames(k.name()))
                    : canonical(k, config.getLong(k.name())));
        }
        return out;
    }

    /** SHA-256 of every {@code key=value} line in table order: equal for equal configurations, whatever their spelling. */
    static String sha256(Config config) {
        StringBuilder sb = new StringBuilder();
        canonical(config).forEach((k, v) -> sb.append(k).append('=').append(v).append('\n'));
        return sha256(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
    }

    /**
     * The canonical spelling of a parsed value. Sizes take the largest binary unit that divides them
     * (sizes are powers of two or multiples of one); times, frequencies and bandwidths take the
     * largest decimal unit they reach, with as many decimals as they need.
     */
    static String canonical(ConfigKey key, long value) {
        switch (key.kind()) {
            case INTEGER:
                return Long.toString(value);
            case SIZE:
                for (int i = 0; i < SIZE_UNITS.length; i++) {
                    if (value != 0 && value % SIZE_FACTORS[i] == 0) {
                        return value / SIZE_FACTORS[i] + SIZE_UNITS[i];
                    }
                }
                return value + "B";
            case TIME:
                return scaled(value, TIME_UNITS, TIME_FACTORS, "ps");
            case FREQUENCY:
                return scaled(value, HERTZ_UNITS, DECIMAL_FACTORS, "Hz");
            case BANDWIDTH:
                return scaled(value, BITS_UNITS, DECIMAL_FACTORS, "bps");
            case BOOLEAN:
                return value != 0 ? "true" : "false";
            case CHOICE:
                return key.choices()[(int) value];
            case DECIMAL:
                return Double.toString(Double.longBitsToDouble(value));
            case DATE:
                return java.time.Instant.ofEpochSecond(value).toString();
            case NAMES:
                throw new IllegalArgumentException(key.name() + ": names are spelt as written, not from a number");
            default:
                throw new AssertionError(key.kind());
        }
    }

    private static String scaled(long value, String[] units, long[] factors, String smallest) {
        for (int i = 0; i < units.length; i++) {
            if (value >= factors[i]) {
                return BigDecimal.valueOf(value).divide(BigDecimal.valueOf(factors[i])).stripTrailingZeros()
                        .toPlainString() + units[i];
            }
        }
        return value + smallest;
    }
}
