package dev.splitsim.cpu.excache;

import dev.splitsim.core.host.HostMemoryBudget;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.cpu.mem.PageInvalidationListener;
import dev.splitsim.cpu.mem.PageProvider;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The extended cache of the CPU component: set-associative, lines of one or more pages, virtually
 * indexed and tagged by (address-space id, virtual line). The bytes of a cached line live in its
 * slot and nowhere else on the CPU side: the hart's soft TLB points straight at the slot's page
 * arrays, and every entry pointing into a line is dropped when the line goes.
 *
 * <p>The hit path is the cache controller's (tag match, permission check, recency); a miss goes to
 * the {@link ExCacheBacking}, which moves the bytes across the fabric. The controller sees an
 * access when the core's soft TLB misses, the way a hardware controller behind a TLB only sees what
 * the TLB lets through; recency is therefore recorded per lookup, not per load.
 */
public final class ExCache implements PageProvider {
    private static final int PERM_READ = 1;
    private static final int PERM_WRITE = 2;
    private static final int PERM_EXEC = 4;
    private static final long EMPTY = -1L;

    private final int ways;
    private final int sets;
    private final int lines;
    private final int pagesPerLine;
    private final int pageShiftInLine;
    private final ReplacementPolicy policy;
    private final long[] tags;
    private final byte[] perms;
    private final boolean[] dirty;
    /** Lines whose fill is in flight: reserved, not readable, never chosen as victims. */
    private final boolean[] pending;
    /** Pending lines removed (unmapped) before their fill arrived: dropped when it does. */
    private final boolean[] cancelled;
    private final byte[][] slots;
    private final ExCacheBacking backing;
    private final List<PageInvalidationListener> listeners = new ArrayList<>();
    /** Every line ever filled, to tell cold misses from capacity and conflict misses. */
    private final LongOpenHashSet everFilled = new LongOpenHashSet();
    private int asid;
    /** The host's share of memory: a slot takes a page of it once it has bytes. */
    private HostMemoryBudget budget = HostMemoryBudget.unlimited();

    private long accesses;
    private long hits;
    private long coldMisses;
    private long capacityMisses;
    private long permissionMisses;
    private long evictions;
    private long writebacks;
    private long zeroFills;
    private long pendingJoins;

    /**
     * @param sizeBytes total capacity
     * @param lineBytes line size: a whole number of pages
     * @param ways associativity (capped at the line count); the line count must be a multiple of it
     */
    public ExCache(long sizeBytes, long lineBytes, int ways, String policyName, long seed, ExCacheBacking backing) {
        if (lineBytes < PAGE_SIZE || lineBytes % PAGE_SIZE != 0 || Long.bitCount(lineBytes) != 1) {
            throw new IllegalArgumentException("excache.line_size must be a power of two of at least 4KiB, got "
                    + lineBytes);
        }
        long lineCount = sizeBytes / lineBytes;
        if (lineCount < 1 || sizeBytes % lineBytes != 0 || lineCount > (1 << 24)) {
            throw new IllegalArgumentException("excache.size must be a whole number of lines (at most 16M lines), got "
                    + sizeBytes + " bytes with " + lineBytes + "-byte lines");
        }
        // A cache with fewer lines than ways is simply fully associative.
        ways = (int) Math.min(ways, lineCount);
        if (ways < 1 || lineCount % ways != 0) {
            throw new IllegalArgumentException("excache.ways must divide the " + lineCount + " lines, got " + ways);
        }
        this.ways = ways;
        this.lines = (int) lineCount;
        this.sets = lines / ways;
        this.pagesPerLine = (int) (lineBytes / PAGE_SIZE);
        this.pageShiftInLine = Integer.numberOfTrailingZeros(pagesPerLine);
        this.policy = ReplacementPolicy.named(policyName, lines, seed);
        this.tags = new long[lines];
        this.perms = new byte[lines * pagesPerLine];
        this.dirty = new boolean[lines];
        this.pending = new boolean[lines];
        this.cancelled = new boolean[lines];
        this.slots = new byte[lines * pagesPerLine][];
        this.backing = backing;
        Arrays.fill(tags, EMPTY);
    }

    /** Slots get their bytes on first use; each then takes a page of {@code budget} for good. */
    public void chargeSlotsTo(HostMemoryBudget budget) {
        this.budget = budget;
    }

    /** The address space whose accesses follow (the running process). */
    public void setAddressSpace(int asid) {
        this.asid = asid;
    }

    @Override
    public void addListener(PageInvalidationListener listener) {
        listeners.add(listener);
    }

    private static long tag(int asid, long vline) {
        return ((long) asid << 44) | vline;
    }

    private int firstLineOf(long vline) {
        return (int) Long.remainderUnsigned(vline, sets) * ways;
    }

    private int find(long tag, int first) {
        for (int w = 0; w < ways; w++) {
            if (tags[first + w] == tag) {
                return first + w;
            }
        }
        return -1;
    }

    private static int needed(int access) {
        return access == WRITE ? PERM_WRITE : access == EXECUTE ? PERM_EXEC : PERM_READ;
    }

    @Override
    public byte[] page(long vpage, int access) {
        long vline = vpage >>> pageShiftInLine;
        int inLine = (int) vpage & (pagesPerLine - 1);
        long t = tag(asid, vline);
        int first = firstLineOf(vline);
        accesses++;
        int line = find(t, first);
        if (line >= 0 && pending[line]) {
            pendingJoins++;
            return backing.join(line) ? page(vpage, access) : PENDING;
        }
        if (line >= 0) {
            int slot = line * pagesPerLine + inLine;
            if ((perms[slot] & needed(access)) == 0) {
                permissionMisses++;
                int p = backing.upgrade(asid, vpage, access);
                if (p < 0 || (p & needed(access)) == 0) {
                    return null;
                }
                perms[slot] = (byte) p;
                dropTranslations(vline);
            } else {
                hits++;
            }
            policy.touched(line);
            if (access == WRITE) {
                dirty[line] = true;
            }
            return slots[line * pagesPerLine + inLine];
        }
        if (everFilled.add(t)) {
            coldMisses++;
        } else {
            capacityMisses++;
        }
        line = chooseVictim(first);
        if (line < 0) {
            // Every way of the set waits for a fill: wait for the first of them, then look again.
            pendingJoins++;
            return backing.join(first) ? page(vpage, access) : PENDING;
        }
        int victimAsid = -1;
        long victimVline = -1;
        if (tags[line] != EMPTY) {
            evictions++;
            victimAsid = (int) (tags[line] >>> 44);
            long evicted = tags[line] & ((1L << 44) - 1);
            dropTranslations(evicted);
            if (dirty[line]) {
                writebacks++;
                victimVline = evicted;
            }
            policy.removed(line);
            tags[line] = EMPTY;
        }
        int base = line * pagesPerLine;
        for (int i = 0; i < pagesPerLine; i++) {
            if (slots[base + i] == null) {
                budget.take();
                slots[base + i] = new byte[PAGE_SIZE];
            }
        }
        int status = backing.fill(asid, vline, access, victimAsid, victimVline, slots, perms, base, pagesPerLine);
        dirty[line] = false;
        if (status >= 0 && (status & ExCacheBacking.PENDING) != 0) {
            tags[line] = t;
            pending[line] = true;
            policy.filled(line);
            return PENDING;
        }
        if (status < 0) {
            return null;
        }
        if ((status & ExCacheBacking.ZERO_FILLED) != 0) {
            zeroFills++;
        }
        tags[line] = t;
        policy.filled(line);
        if ((perms[base + inLine] & needed(access)) == 0) {
            return null;
        }
        dirty[line] = access == WRITE;
        return slots[base + inLine];
    }

    /**
     * An empty way, else the policy's victim among the lines neither waiting for a fill nor held for
     * the access they were filled for; when every way that is not waiting is held, the policy's
     * victim (or the first way not waiting) goes all the same. -1 when every way waits for a fill.
     */
    private int chooseVictim(int first) {
        for (int w = 0; w < ways; w++) {
            if (tags[first + w] == EMPTY && !pending[first + w]) {
                return first + w;
            }
        }
        int victim = first + policy.victim(first, ways);
        if (!pending[victim] && !backing.held(victim)) {
            return victim;
        }
        int unheld = -1;
        int free = -1;
        for (int w = 0; w < ways && unheld < 0; w++) {
            int line = first + w;
            if (!pending[line]) {
                free = free < 0 ? line : free;
                unheld = backing.held(line) ? -1 : line;
            }
        }
        if (unheld >= 0) {
            return unheld;
        }
        return !pending[victim] ? victim : free;
    }

    /**
     * The fill of line slot {@code line} has arrived: its bytes and permissions are in place (the
     * backing wrote them into the slot), or, with {@code status < 0}, nothing of the line is mapped.
     * The accesses that waited run again and find it.
     */
    public void fillDone(int line, int status) {
        pending[line] = false;
        if (status < 0 || cancelled[line]) {
            cancelled[line] = false;
            policy.removed(line);
            tags[line] = EMPTY;
            return;
        }
        if ((status & ExCacheBacking.ZERO_FILLED) != 0) {
            zeroFills++;
        }
    }

    /** Whether line slot {@code line} waits for its fill. */
    public boolean isPending(int line) {
        return pending[line];
    }

    private void dropTranslations(long vline) {
        long firstPage = vline << pageShiftInLine;
        for (int i = 0; i < pagesPerLine; i++) {
            for (PageInvalidationListener l : listeners) {
                l.invalidatePage(firstPage + i);
            }
        }
    }

    @Override
    public byte[] peek(long vpage) {
        long vline = vpage >>> pageShiftInLine;
        int line = find(tag(asid, vline), firstLineOf(vline));
        if (line >= 0 && !pending[line]) {
            return slots[line * pagesPerLine + ((int) vpage & (pagesPerLine - 1))];
        }
        return backing.peek(asid, vpage);
    }

    /**
     * Removes the lines holding pages [{@code firstPage}, {@code endPage}) of the current address
     * space. Dirty lines are written back first, unless {@code discard} (the range was unmapped) and
     * the line lies wholly inside the range: a line only partly unmapped still holds live pages.
     */
    public void removeRange(long firstPage, long endPage, boolean discard) {
        long firstLine = firstPage >>> pageShiftInLine;
        long endLine = (endPage + pagesPerLine - 1) >>> pageShiftInLine;
        if (endLine - firstLine <= lines) {
            for (long v = firstLine; v < endLine; v++) {
                int line = find(tag(asid, v), firstLineOf(v));
                if (line >= 0) {
                    remove(line, v, discard && inside(v, firstPage, endPage));
                }
            }
            return;
        }
        for (int line = 0; line < lines; line++) {
            long t = tags[line];
            if (t != EMPTY && (int) (t >>> 44) == asid) {
                long v = t & ((1L << 44) - 1);
                if (v >= firstLine && v < endLine) {
                    remove(line, v, discard && inside(v, firstPage, endPage));
                }
            }
        }
    }

    private boolean inside(long vline, long firstPage, long endPage) {
        long first = vline << pageShiftInLine;
        return first >= firstPage && first + pagesPerLine <= endPage;
    }

    private void remove(int line, long vline, boolean discard) {
        if (pending[line]) {
            // Its bytes are still on the way: the line goes when they arrive, and is not found meanwhile.
            cancelled[line] = true;
            tags[line] = EMPTY;
            return;
        }
        dropTranslations(vline);
        if (dirty[line] && !discard) {
            writebacks++;
            backing.writeBack(asid, vline, slots, line * pagesPerLine, pagesPerLine);
        }
        dirty[line] = false;
        tags[line] = EMPTY;
        policy.removed(line);
    }

    /** One line as the debugger shows it. */
    public record LineView(int set, int way, boolean valid, int asid, long vline, boolean dirty, String perms,
            String policyState) {}

    public int sets() {
        return sets;
    }

    public int ways() {
        return ways;
    }

    /** The set a virtual address of the current address space maps to. */
    public int setOf(long vaddr) {
        return firstLineOf(vaddr >>> PAGE_SHIFT >>> pageShiftInLine) / ways;
    }

    /** The ways of one set with their tags, dirty bits, permissions of the first page and policy state. */
    public List<LineView> describeSet(int set) {
        List<LineView> out = new ArrayList<>();
        for (int w = 0; w < ways; w++) {
            int line = set * ways + w;
            long t = tags[line];
            StringBuilder p = new StringBuilder();
            for (int i = 0; i < pagesPerLine && t != EMPTY; i++) {
                int bits = perms[line * pagesPerLine + i];
                p.append((bits & PERM_READ) != 0 ? 'r' : '-').append((bits & PERM_WRITE) != 0 ? 'w' : '-')
                        .append((bits & PERM_EXEC) != 0 ? 'x' : '-');
                if (i + 1 < pagesPerLine) {
                    p.append(' ');
                }
            }
            out.add(new LineView(set, w, t != EMPTY, t == EMPTY ? -1 : (int) (t >>> 44),
                    t == EMPTY ? -1 : t & ((1L << 44) - 1), dirty[line], pending[line] ? "pending" : p.toString(),
                    policy.describe(line)));
        }
        return out;
    }

    /** The line holding {@code vaddr} of the current address space, or null. */
    public LineView lineOf(long vaddr) {
        long vline = vaddr >>> PAGE_SHIFT >>> pageShiftInLine;
        int line = find(tag(asid, vline), firstLineOf(vline));
        return line < 0 ? null : describeSet(line / ways).get(line % ways);
    }

    public long lineBytes() {
        return (long) pagesPerLine * PAGE_SIZE;
    }

    public String policyName() {
        return policy.name();
    }

    public int lines() {
        return lines;
    }

    public int pagesPerLine() {
        return pagesPerLine;
    }

    public long accesses() {
        return accesses;
    }

    public long hits() {
        return hits;
    }

    public long misses() {
        return coldMisses + capacityMisses + permissionMisses;
    }

    public long writebacks() {
        return writebacks;
    }

    public void registerStats(StatsRegistry registry) {
        StatGroup g = registry.group("excache", "the CPU component's extended cache (lookups behind the core's soft TLB)");
        g.reading("accesses", "lookups", "lookups reaching the cache controller", () -> accesses);
        g.reading("hits", "lookups", "lookups that found the line with the needed permission", () -> hits);
        g.reading("misses", "lookups", "lookups that went to the miss path", this::misses);
        g.reading("misses_cold", "lookups", "misses on a line never cached before", () -> coldMisses);
        g.reading("misses_capacity_conflict", "lookups", "misses on a line cached before and evicted",
                () -> capacityMisses);
        g.reading("misses_permission", "lookups", "line present without the needed permission", () -> permissionMisses);
        g.reading("evictions", "lines", "lines evicted to make room", () -> evictions);
        g.reading("writebacks", "lines", "dirty lines written back to memory", () -> writebacks);
        g.reading("zero_fills", "lines", "anonymous lines zero-filled locally on first touch", () -> zeroFills);
        g.reading("pending_joins", "lookups", "lookups that found their line's fill in flight and waited for it",
                () -> pendingJoins);
        g.formula("hit_rate", "ratio", "hits / accesses", () -> accesses == 0 ? 0 : (double) hits / accesses);
        g.reading("lines", "lines", "capacity in lines", () -> lines);
    }
}
