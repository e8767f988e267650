package dev.splitsim.mem.vm;

import dev.splitsim.mem.phys.FrameAllocator;
import dev.splitsim.mem.phys.PhysicalMemory;

/**
 * One address space's page table, stored in the memory component's own physical memory: four
 * levels of 512 eight-byte entries (the Sv48 layout), so every user address below 2^47 has its own
 * entry (with fewer levels, addresses a level's reach apart would share one). A leaf entry is
 * {@code pfn << 10 | X << 3 | W << 2 | R << 1 | V}; an inner entry has only V set. Table frames come
 * from the same allocator as data frames.
 */
public final class PageTable {
    public static final int LEVELS = 4;
    public static final long VALID = 1;
    public static final int PERM_SHIFT = 1;
    private static final int PFN_SHIFT = 10;
    private static final int INDEX_BITS = 9;
    private static final int INDEX_MASK = (1 << INDEX_BITS) - 1;

    private final PhysicalMemory memory;
    private final FrameAllocator frames;
    private final long root;
    private long tableFrames = 1;
    private long mappedPages;
    /** Levels read by the last {@link #walk}; the MMU model charges for each. */
    private int lastWalkLevels;

    public PageTable(PhysicalMemory memory, FrameAllocator frames) {
        this.memory = memory;
        this.frames = frames;
        this.root = frames.allocate();
        if (root < 0) {
            throw new IllegalStateException("no physical memory for a page table");
        }
    }

    public static long pfn(long pte) {
        return pte >>> PFN_SHIFT;
    }

    public static int permissions(long pte) {
        return (int) (pte >>> PERM_SHIFT) & 7;
    }

    /** The leaf entry of {@code vpage}, or 0 when unmapped. */
    public long walk(long vpage) {
        long table = root;
        for (int level = LEVELS - 1; level >= 0; level--) {
            long pte = memory.readLong(entryAddress(table, vpage, level));
            if ((pte & VALID) == 0) {
                lastWalkLevels = LEVELS - level;
                return 0;
            }
            if (level == 0) {
                lastWalkLevels = LEVELS;
                return pte;
            }
            table = pfn(pte);
        }
        throw new AssertionError();
    }

    /**
     * The walk of {@code vpage} level by level, for inspection (no cost, no statistics): one line per
     * level read with the table's frame, the index used and the entry found.
     */
    public java.util.List<String> describeWalk(long vpage) {
        java.util.List<String> out = new java.util.ArrayList<>();
        long table = root;
        for (int level = LEVELS - 1; level >= 0; level--) {
            int index = (int) (vpage >>> (INDEX_BITS * level)) & INDEX_MASK;
            long pte = memory.readLong(entryAddress(table, vpage, level));
            String what = (pte & VALID) == 0 ? "not present"
                    : level == 0 ? String.format("frame 0x%x perms %s", pfn(pte), perms(permissions(pte)))
                    : String.format("next table at frame 0x%x", pfn(pte));
            out.add(String.format("L%d table frame 0x%x index %3d pte 0x%016x  %s", level, table, index, pte, what));
            if ((pte & VALID) == 0 || level == 0) {
                break;
            }
            table = pfn(pte);
        }
        return out;
    }

    /** Permissions as "rwx" letters. */
    public static String perms(int p) {
        return ((p & 1) != 0 ? "r" : "-") + ((p & 2) != 0 ? "w" : "-") + ((p & 4) != 0 ? "x" : "-");
    }

    public int lastWalkLevels() {
        return lastWalkLevels;
    }

    /** Maps {@code vpage} to {@code pfn}; false when no frame is left for a table. */
    public boolean map(long vpage, long pfn, int perms) {
        long table = root;
        for (int level = LEVELS - 1; level > 0; level--) {
            long at = entryAddress(table, vpage, level);
            long pte = memory.readLong(at);
            if ((pte & VALID) == 0) {
                long next = frames.allocate();
                if (next < 0) {
                    return false;
                }
                tableFrames++;
                pte = (next << PFN_SHIFT) | VALID;
                memory.writeLong(at, pte);
            }
            table = pfn(pte);
        }
        long at = entryAddress(table, vpage, 0);
        if ((memory.readLong(at) & VALID) == 0) {
            mappedPages++;
        }
        memory.writeLong(at, (pfn << PFN_SHIFT) | ((long) (perms & 7) << PERM_SHIFT) | VALID);
        return true;
    }

    /** Removes the mapping of {@code vpage}; returns its frame or -1 when it had none. */
    public long unmap(long vpage) {
        long table = root;
        for (int level = LEVELS - 1; level > 0; level--) {
            long pte = memory.readLong(entryAddress(table, vpage, level));
            if ((pte & VALID) == 0) {
                return -1;
            }
            table = pfn(pte);
        }
        long at = entryAddress(table, vpage, 0);
        long pte = memory.readLong(at);
        if ((pte & VALID) == 0) {
            return -1;
        }
        memory.writeLong(at, 0);
        mappedPages--;
        return pfn(pte);
    }

    /** What a range operation does with each mapped page it finds. */
    @FunctionalInterface
    public interface MappedPage {
        void visit(long vpage, long pte);
    }

    /**
     * Visits every mapped page in [startPage, endPage) in address order. Absent tables are skipped
     * whole, so the cost follows what is mapped, not the length of the range.
     */
    public void forEachMapped(long startPage, long endPage, MappedPage visitor) {
        if (endPage > startPage) {
            visit(root, LEVELS - 1, 0, startPage, endPage, visitor, false);
        }
    }

    /** Unmaps every page in [startPage, endPage), handing each one's entry to {@code freed} first. */
    public void unmapRange(long startPage, long endPage, MappedPage freed) {
        if (endPage > startPage) {
            visit(root, LEVELS - 1, 0, startPage, endPage, freed, true);
        }
    }

    private void visit(long table, int level, long base, long start, long end, MappedPage visitor, boolean clear) {
        long span = 1L << (INDEX_BITS * level);
        int first = start <= base ? 0 : (int) Math.min(INDEX_MASK + 1, (start - base) / span);
        for (int i = first; i <= INDEX_MASK; i++) {
            long lo = base + i * span;
            if (lo >= end) {
                return;
            }
            long at = (table << PhysicalMemory.FRAME_SHIFT) + 8L * i;
            long pte = memory.readLong(at);
            if ((pte & VALID) == 0) {
                continue;
            }
            if (level > 0) {
                visit(pfn(pte), level - 1, lo, start, end, visitor, clear);
                continue;
            }
            visitor.visit(lo, pte);
            if (clear) {
                memory.writeLong(at, 0);
                mappedPages--;
            }
        }
    }

    private static long entryAddress(long tablePfn, long vpage, int level) {
        int index = (int) (vpage >>> (INDEX_BITS * level)) & INDEX_MASK;
        return (tablePfn << PhysicalMemory.FRAME_SHIFT) + 8L * index;
    }

    public long mappedPages() {
        return mappedPages;
    }

    public long tableFrames() {
        return tableFrames;
    }
}
