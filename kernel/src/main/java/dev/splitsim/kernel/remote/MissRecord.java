package dev.splitsim.kernel.remote;

import java.util.List;

/**
 * One ExCache miss as traces and the debugger show it: the access that missed (core, pc, virtual
 * address, read/write/exec), the line it filled, how it was served ({@link #REMOTE}, {@link #ZERO_FILL},
 * {@link #PERMISSION}, {@link #UNMAPPED}) and its time line, stage by stage in order. Built only
 * while someone listens.
 */
public record MissRecord(int core, long pc, long vaddr, String access, int line, String served, long startTick,
        long endTick, long requestSequence, long victimVaddr, List<Stage> stages) {
    public static final String REMOTE = "remote";
    public static final String ZERO_FILL = "zero-fill";
    public static final String PERMISSION = "permission";
    public static final String UNMAPPED = "unmapped";

    /** One stage of a miss, from {@code startTick} to {@code endTick}. */
    public record Stage(String name, long startTick, long endTick) {}
}
