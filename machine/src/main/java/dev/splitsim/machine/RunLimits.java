package dev.splitsim.machine;

/** When a run must stop even though the guest has not exited. Zero means no limit. */
public record RunLimits(long maxInstructions, long maxHostNanos) {
    public static final RunLimits NONE = new RunLimits(0, 0);
}
