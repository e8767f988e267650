package dev.splitsim.cpu.timing;

import java.util.Arrays;

/**
 * A tag-only cache (the timing model's L1I, L1D and L2): set-associative, LRU, virtually indexed
 * and tagged, write-allocate. It holds no data, only which lines would be present, so a lookup is
 * a tag compare and the answer is hit or miss.
 */
public final class TagCache {
    private static final long EMPTY = -1L;

    private final String name;
    private final int lineShift;
    private final int sets;
    private final int ways;
    private final long[] tags;
    private final long[] lastUse;
    private final int[] mru;
    private long now;
    /** The line of the previous access: it is most recently used, so a repeat is a hit with nothing to update. */
    private long lastLine = EMPTY;
    private long hits;
    private long misses;

    public TagCache(String name, long sizeBytes, int ways, int lineBytes) {
        if (lineBytes < 4 || Integer.bitCount(lineBytes) != 1) {
            throw new IllegalArgumentException("cache.line_size must be a power of two of at least 4 bytes, got "
                    + lineBytes);
        }
        long lines = sizeBytes / lineBytes;
        if (lines < 1 || ways < 1 || lines % ways != 0 || Long.bitCount(lines / ways) != 1) {
            // The names are the configuration keys the user sets, so the message says what to change.
            throw new IllegalArgumentException(name + ".size / (" + name + ".ways * cache.line_size) must be a power"
                    + " of two number of sets, got size " + sizeBytes + ", ways " + ways + ", line " + lineBytes);
        }
        this.name = name;
        this.lineShift = Integer.numberOfTrailingZeros(lineBytes);
        this.ways = ways;
        this.sets = (int) (lines / ways);
        this.tags = new long[(int) lines];
        this.lastUse = new long[(int) lines];
        this.mru = new int[sets];
        for (int set = 0; set < sets; set++) {
            mru[set] = set * ways;
        }
        Arrays.fill(tags, EMPTY);
    }

    public String name() {
        return name;
    }

    /** Forgets every line (a TLB flushed whole); the counts stay. */
    public void invalidateAll() {
        Arrays.fill(tags, EMPTY);
        lastLine = EMPTY;
    }

    public int lineShift() {
        return lineShift;
    }

    /** Looks up the line of {@code address}, filling it on a miss; true on a hit. */
    public boolean access(long address) {
        long line = address >>> lineShift;
        if (line == lastLine) {
            hits++;
            return true;
        }
        return accessOtherLine(line);
    }

    /** Kept out of {@link #access}, so the repeat of a line stays small enough to inline anywhere. */
    private boolean accessOtherLine(long line) {
        lastLine = line;
        int set = (int) line & (sets - 1);
        // The set's most recently used way: a hit there changes no recency order.
        if (tags[mru[set]] == line) {
            hits++;
            return true;
        }
        return lookup(line, set);
    }

    /** One pass over the set: the tag compare and, in case it misses, the least recently used way. */
    private boolean lookup(long line, int set) {
        final long[] tags = this.tags;
        final long[] lastUse = this.lastUse;
        int first = set * ways;
        int end = first + ways;
        int victim = first;
        long oldest = Long.MAX_VALUE;
        for (int i = first; i < end; i++) {
            if (tags[i] == line) {
                lastUse[i] = ++now;
                mru[set] = i;
                hits++;
                return true;
            }
            long use = lastUse[i];
            if (use < oldest) {
                oldest = use;
                victim = i;
            }
        }
        tags[victim] = line;
        lastUse[victim] = ++now;
        mru[set] = victim;
        misses++;
        return false;
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return misses;
    }
}
