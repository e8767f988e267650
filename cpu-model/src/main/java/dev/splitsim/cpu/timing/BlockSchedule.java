package dev.splitsim.cpu.timing;

/**
 * A block's issue worked out once for its common case: every fetch and data access hits, no
 * translation misses, and each register the block reads before writing it is ready by the time
 * its first reader would issue. Times are cycles after the block's first issue cycle. When a run
 * meets those conditions, {@link CoreTiming#replayBlock} only makes the block's cache accesses and
 * writes its results' ready times; when an access misses, it takes the state just before the
 * instruction that missed from here and times the rest one by one.
 */
public final class BlockSchedule {
    /** Scoreboard slots the block reads before it writes them, and the cycle by which each must be ready. */
    final int[] liveSlots;
    final long[] liveBy;
    /** Instructions that may fetch a new line or access data, in program order. */
    final int[] events;
    /** Per instruction: the cycle it is due to issue (before waiting for operands), and its result's ready cycle. */
    final long[] due;
    final long[] resultReady;
    /** Per instruction: dependency stalls before it, and the cycle last handed back before it (NONE when none was). */
    final long[] waitedBefore;
    final long[] publishedBefore;
    /** The distinct slots the block writes, and when each one's last write is ready. */
    final int[] destSlots;
    final long[] destReady;
    /** The cycle after the last issue, the block's dependency stalls, the cycle it last hands back (or NONE). */
    final long end;
    final long waited;
    final long published;

    static final long NONE = Long.MIN_VALUE;

    BlockSchedule(int[] liveSlots, long[] liveBy, int[] events, long[] due, long[] resultReady, long[] waitedBefore,
            long[] publishedBefore, int[] destSlots, long[] destReady, long end, long waited, long published) {
        this.liveSlots = liveSlots;
        this.liveBy = liveBy;
        this.events = events;
        this.due = due;
        this.resultReady = resultReady;
        this.waitedBefore = waitedBefore;
        this.publishedBefore = publishedBefore;
        this.destSlots = destSlots;
        this.destReady = destReady;
        this.end = end;
        this.waited = waited;
        this.published = published;
    }
}
