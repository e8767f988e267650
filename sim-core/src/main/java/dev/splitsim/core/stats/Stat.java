package dev.splitsim.core.stats;

import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** One named statistic: either an integer reading or a formula. */
public record Stat(String name, String unit, String description, LongSupplier integer, DoubleSupplier formula) {
    public boolean isInteger() {
        return integer != null;
    }

    public long longValue() {
        return integer.getAsLong();
    }

    public double doubleValue() {
        return formula != null ? formula.getAsDouble() : integer.getAsLong();
    }
}
