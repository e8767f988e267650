package dev.splitsim.cpu.timing;

import java.util.Arrays;

/**
 * A tag-only cache (the timing model's L1I, L1D and L2): set-associative, LRU, virtually indexed
 * and tagged, write-allocate. It holds no data, only which lines would be present, so a lookup is
 * a tag compare and the answer is hit or miss. Each set keeps its tags in recency order, the most
 * recently used first: LRU needs no timestamps, the victim is the last tag, and a lookup touches
 * one array, whose set of 8 or 16 tags spans one or two host cache lines.
 */
public final class TagCache {
    private static final long EMPTY = -1L;

    private final String name;
    private final int lineShift;
    private final int sets;
    private final int ways;
    /** Set {@code s} is {@code tags[s * ways]} (most recently used) to {@code tags[s * ways + ways - 1]} (least). */
    private final long[] tags;
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

    /** Whether the line of {@code address} is present; changes nothing, counts nothing. */
    public boolean holds(long address) {
        long line = address >>> lineShift;
        if (line == lastLine) {
            return true;
        }
        int first = ((int) line & (sets - 1)) * ways;
        for (int i = first; i < first + ways; i++) {
            if (tags[i] == line) {
                return true;
            }
        }
        return false;
    }

    /**
     * {@link #access} when the line of {@code address} is present (a hit, counted, the line moved
     * to the front); false, with nothing changed or counted, when it is not.
     */
    public boolean accessIfPresent(long address) {
        long line = address >>> lineShift;
        if (line == lastLine) {
            hits++;
            return true;
        }
        int first = ((int) line & (sets - 1)) * ways;
        for (int i = first; i < first + ways; i++) {
            if (tags[i] == line) {
                System.arraycopy(tags, first, tags, first + 1, i - first);
                tags[first] = line;
                lastLine = line;
                hits++;
                return true;
            }
        }
        return false;
    }

    /** Kept out of {@link #access}, so the repeat of a line stays small enough to inline anywhere. */
    private boolean accessOtherLine(long line) {
        lastLine = line;
        int first = ((int) line & (sets - 1)) * ways;
        // The set's most recently used line: a hit there changes no recency order.
        if (tags[first] == line) {
            hits++;
            return true;
        }
        return lookup(line, first);
    }

    /**
     * One pass down the set from its front, moving each tag one place back, until the line is found
     * (a hit: it is now in front) or the last tag falls off (a miss: the least recently used is the victim).
     */
    private boolean lookup(long line, int first) {
        final long[] tags = this.tags;
        int end = first + ways;
        long carried = tags[first];
        tags[first] = line;
        for (int i = first + 1; i < end; i++) {
            long here = tags[i];
            tags[i] = carried;
            if (here == line) {
                hits++;
                return true;
            }
            carried = here;
        }
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
