package dev.splitsim.kernel.memory;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.core.host.HostMemoryBudget;
import dev.splitsim.cpu.mem.PageInvalidationListener;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.kernel.Errno;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * One process's virtual memory, owned by the memory monitor of its home memory component: its
 * areas, the program break, the mmap cursor and the pages (in a {@link PageStore}), with brk, mmap,
 * munmap, mprotect, mremap and execve's image as Linux does them. Every call leaves in
 * {@link #records()} what it did to the areas, which the reply carries to the process monitor's
 * mirror. On the all-local machine the process monitor calls this directly and the harts read
 * the pages through it as their {@link PageProvider}.
 */
public final class VirtualMemory implements PageProvider {
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    public static final int MAP_FIXED = 0x10;
    public static final int MAP_ANONYMOUS = 0x20;
    public static final int MAP_FIXED_NOREPLACE = 0x100000;
    public static final int MREMAP_MAYMOVE = 1;
    private static final long PAGE_MASK = PAGE_SIZE - 1;
    private static final long BRK_LIMIT = 1L << 30;

    /**
     * The end of the user address space: the lower half of Sv48, which Linux gives a process on
     * Sv48 hardware and qemu-riscv64 allows too; a range reaching past it can only be a wild pointer
     * or a mapping no such process gets.
     */
    public static final long USER_END = 1L << 47;

    /**
     * Linux's default vm.max_map_count: a call that would leave more areas fails with ENOMEM, which
     * also bounds the host memory a guest's mappings take (docs/reference.md, Linux resource limits).
     */
    public static final int MAX_MAP_COUNT = 65530;
    /** No mapping is placed this close below the stack, as Linux keeps its stack guard gap. */
    public static final long STACK_GUARD_GAP = 256L * PAGE_SIZE;

    /** Where a process's pages live. */
    public interface PageStore {
        /** The page's bytes, or null when it was never touched. */
        byte[] get(long vpage);

        /** The page's bytes, created zero-filled when absent. */
        byte[] touch(long vpage);

        /**
         * Forgets every page in [startPage, endPage), telling {@code removed} of each page that
         * existed here; costs what is stored, not the length of the range.
         */
        void removeRange(long startPage, long endPage, LongConsumer removed);

        /** Visits the stored pages in [startPage, endPage) in address order. */
        void forEachStored(long startPage, long endPage, StoredPage visitor);

        long count();
    }

    /** A stored page as a range walk finds it. */
    @FunctionalInterface
    public interface StoredPage {
        void visit(long vpage, byte[] bytes);
    }

    /** Pages in a host map: the all-local machine's memory, each taking a page of the host's budget. */
    public static final class LocalPages implements PageStore {
        private final Long2ObjectOpenHashMap<byte[]> pages = new Long2ObjectOpenHashMap<>();
        private final HostMemoryBudget budget;

        public LocalPages() {
            this(HostMemoryBudget.unlimited());
        }

        public LocalPages(HostMemoryBudget budget) {
            this.budget = budget;
        }

        @Override
        public byte[] get(long vpage) {
            return pages.get(vpage);
        }

        @Override
        public byte[] touch(long vpage) {
            byte[] p = pages.get(vpage);
            if (p == null) {
                budget.take();
                p = new byte[PageProvider.PAGE_SIZE];
                pages.put(vpage, p);
            }
            return p;
        }

        @Override
        public void removeRange(long startPage, long endPage, LongConsumer removed) {
            for (long vpage : inRange(startPage, endPage)) {
                pages.remove(vpage);
                budget.give();
                removed.accept(vpage);
            }
        }

        @Override
        public void forEachStored(long startPage, long endPage, StoredPage visitor) {
            for (long vpage : inRange(startPage, endPage)) {
                visitor.visit(vpage, pages.get(vpage));
            }
        }

        /** The stored pages of the range, sorted: by probing when the range is short, else from the map. */
        private long[] inRange(long startPage, long endPage) {
            it.unimi.dsi.fastutil.longs.LongArrayList found = new it.unimi.dsi.fastutil.longs.LongArrayList();
            if (endPage - startPage <= pages.size()) {
                for (long vpage = startPage; vpage < endPage; vpage++) {
                    if (pages.containsKey(vpage)) {
                        found.add(vpage);
                    }
                }
                return found.toLongArray();
            }
            for (long vpage : pages.keySet()) {
                if (vpage >= startPage && vpage < endPage) {
                    found.add(vpage);
                }
            }
            long[] sorted = found.toLongArray();
            java.util.Arrays.sort(sorted);
            return sorted;
        }

        @Override
        public long count() {
            return pages.size();
        }
    }

    private final Areas areas = new Areas();
    private final PageStore pages;
    private final List<PageInvalidationListener> listeners = new ArrayList<>();
    private final AreaRecords records = new AreaRecords();
    private final LongConsumer invalidator = this::invalidate;
    /** While execve builds the image: the page ranges it wrote, start and end in turn. */
    private final it.unimi.dsi.fastutil.longs.LongArrayList loaded = new it.unimi.dsi.fastutil.longs.LongArrayList();
    private long brkStart;
    private long brkTop;
    private long mmapNext = ProcessLoader.MMAP_BASE;
    /** The stack area the loader made, kept clear of new mappings by {@link #STACK_GUARD_GAP} below it. */
    private long stackStart = -1;
    private long stackEnd = -1;

    public VirtualMemory(PageStore store) {
        this.pages = store;
    }

    public static long pageUp(long a) {
        return (a + PAGE_MASK) & ~PAGE_MASK;
    }

    public static long pageDown(long a) {
        return a & ~PAGE_MASK;
    }

    /** True when [address, address + length) lies inside the user address space (so it cannot wrap). */
    public static boolean userRange(long address, long length) {
        return length >= 0 && address >= 0 && address <= USER_END && length <= USER_END - address;
    }

    public Areas areas() {
        return areas;
    }

    /** What the last call did to the areas, in the reply's layout. */
    public AreaRecords records() {
        return records;
    }

    public long brkTop() {
        return brkTop;
    }

    // ---- execve

    /**
     * Builds the process image of {@code elf} (segments, stack with argv, envp and auxv) in a fresh
     * space; the records list every area and the ranges the image wrote.
     */
    public ProcessLoader.Image exec(ElfFile elf, List<String> argv, List<String> env, String execName, long seed) {
        loaded.clear();
        ProcessLoader.Image image = ProcessLoader.load(elf, this, argv, env, execName, seed);
        brkStart = image.brk();
        brkTop = image.brk();
        records.reset();
        records.replace(areas, 0, USER_END);
        for (int i = 0; i < loaded.size(); i += 2) {
            records.add(loaded.getLong(i), loaded.getLong(i + 1), AreaRecords.STORED);
        }
        loaded.clear();
        return image;
    }

    /** The loader's stack: a mapping of its own, with a guard gap below that mmap does not place into. */
    void mapStack(long start, long length) {
        mapArea(start, length, PROT_READ | PROT_WRITE, false, "[stack]");
        stackStart = start;
        stackEnd = start + length;
    }

    /** Whether {@code more} areas fit under {@link #MAX_MAP_COUNT}. */
    private boolean roomForAreas(int more) {
        return areas.count() + more <= MAX_MAP_COUNT;
    }

    /** Whether unmapping or changing [start, end) would cut an area in two, adding one. */
    private boolean splits(long start, long end) {
        Areas.Area a = areas.areaAt(start);
        return a != null && a.start < start && a.end > end;
    }

    /** The loader's mapping: [start, start + length) fresh, replacing whatever was there. */
    void mapArea(long start, long length, int prot, boolean file, String name) {
        long end = pageUp(start + length);
        unmapPages(start, end);
        areas.add(start, end, prot, file, name);
    }

    /** The loader's write, regardless of permissions; remembered so the CPU side never zero-fills it. */
    void load(long address, byte[] from, int offset, int length) {
        poke(address, from, offset, length);
        long s = pageDown(address);
        long e = pageUp(address + length);
        int n = loaded.size();
        if (n > 0 && loaded.getLong(n - 1) >= s && loaded.getLong(n - 2) <= e) {
            loaded.set(n - 2, Math.min(s, loaded.getLong(n - 2)));
            loaded.set(n - 1, Math.max(e, loaded.getLong(n - 1)));
        } else {
            loaded.add(s);
            loaded.add(e);
        }
    }

    // ---- brk

    public long brk(long requested) {
        records.reset();
        if (requested < brkStart || requested > brkStart + BRK_LIMIT) {
            return brkTop;
        }
        long oldEnd = pageUp(brkTop);
        long newEnd = pageUp(requested);
        if (newEnd > oldEnd) {
            if (!areas.free(oldEnd, newEnd) || !roomForAreas(1)) {
                return brkTop;
            }
            map(oldEnd, newEnd - oldEnd, PROT_READ | PROT_WRITE, false, "[heap]");
        } else if (newEnd < oldEnd) {
            if (splits(newEnd, oldEnd) && !roomForAreas(1)) {
                return brkTop;
            }
            unmap(newEnd, oldEnd - newEnd);
        }
        brkTop = requested;
        return brkTop;
    }

    /** The range a brk to {@code requested} would unmap, as {start, end}; null when it unmaps nothing. */
    public static long[] brkShrink(long brkStart, long brkTop, long requested) {
        if (requested < brkStart || requested > brkStart + BRK_LIMIT) {
            return null;
        }
        long oldEnd = pageUp(brkTop);
        long newEnd = pageUp(requested);
        return newEnd < oldEnd ? new long[] {newEnd, oldEnd} : null;
    }

    // ---- mmap

    /**
     * mmap's checks before anything is read or mapped: 0, or -errno. {@code file} is the storage
     * monitor's id of the mapped file, negative when the descriptor names no stored file.
     */
    public long mmapCheck(long length, long offset, int flags, long file) {
        records.reset();
        if (length <= 0 || (offset & PAGE_MASK) != 0) {
            return -Errno.EINVAL;
        }
        if (length > USER_END) {
            // Larger than any address space: Linux says ENOMEM (and the page rounding would overflow).
            return -Errno.ENOMEM;
        }
        if ((flags & MAP_ANONYMOUS) == 0 && file < 0) {
            return -Errno.EBADF;
        }
        return 0;
    }

    /** What a failed first read of a mapped file makes of mmap's result. */
    public static long mmapReadFailed(long errno) {
        return errno == -Errno.EISDIR ? -Errno.ENODEV : errno;
    }

    /**
     * Maps [addr or a free place, + length) fresh with {@code prot}, after {@link #mmapCheck} and (for
     * a file) its first read; returns the start or -errno. As Linux does: MAP_FIXED replaces what is
     * there, MAP_FIXED_NOREPLACE fails with EEXIST instead, and any other address is a hint taken
     * when the range there is free. A file's bytes then go in with {@link #fill}.
     */
    public long mmapPlace(long addr, long length, int prot, int flags, String name) {
        records.reset();
        long size = pageUp(length);
        long start;
        if ((flags & (MAP_FIXED | MAP_FIXED_NOREPLACE)) != 0) {
            if ((addr & PAGE_MASK) != 0) {
                return -Errno.EINVAL;
            }
            if (!userRange(addr, size)) {
                return -Errno.ENOMEM;
            }
            if ((flags & MAP_FIXED) == 0 && !areas.free(addr, addr + size)) {
                return -Errno.EEXIST;
            }
            // A fixed mapping inside an area cuts it in two: one area more besides the new one.
            if (!roomForAreas(splits(addr, addr + size) ? 2 : 1)) {
                return -Errno.ENOMEM;
            }
            start = addr;
        } else {
            if (!roomForAreas(1)) {
                return -Errno.ENOMEM;
            }
            long hint = pageUp(addr);
            if (addr != 0 && hint > 0 && userRange(hint, size) && areas.free(hint, hint + size)) {
                start = hint;
            } else {
                start = findFree(size);
            }
            if (start < 0) {
                return -Errno.ENOMEM;
            }
        }
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        map(start, size, prot & 7, !anonymous, anonymous ? "[anon]" : name);
        return start;
    }

    /** A file mapping's bytes, written at the memory side regardless of permissions. */
    public void fill(long address, byte[] from, int offset, int length) {
        poke(address, from, offset, length);
    }

    /**
     * The first gap of {@code size} bytes at or after the mmap cursor, stepping over whole areas (so
     * the search costs the areas in the way, not the bytes); -1 when the user space has no such gap.
     */
    private long findFree(long size) {
        long at = findFree(mmapNext, size);
        return at >= 0 || mmapNext == ProcessLoader.MMAP_BASE ? at : findFree(ProcessLoader.MMAP_BASE, size);
    }

    private long findFree(long from, long size) {
        long at = from;
        while (true) {
            if (size > USER_END || at > USER_END - size) {
                return -1;
            }
            if (stackStart >= 0 && at < stackEnd && at + size > stackStart - STACK_GUARD_GAP) {
                at = stackEnd;
                continue;
            }
            List<Areas.Area> inTheWay = areas.overlapping(at, at + size);
            if (inTheWay.isEmpty()) {
                mmapNext = at + size;
                return at;
            }
            at = inTheWay.get(inTheWay.size() - 1).end;
        }
    }

    // ---- munmap, mprotect, mremap

    /**
     * True when munmap's arguments are valid, i.e. when it will unmap [addr, addr + length): as in
     * Linux, the range must lie in the user space (a length past it would wrap the page rounding).
     */
    public static boolean munmapValid(long addr, long length) {
        return (addr & PAGE_MASK) == 0 && length > 0 && userRange(addr, pageUp(length)) && pageUp(length) > 0;
    }

    public long munmap(long addr, long length) {
        records.reset();
        if (!munmapValid(addr, length)) {
            return -Errno.EINVAL;
        }
        if (splits(addr, pageUp(addr + length)) && !roomForAreas(1)) {
            return -Errno.ENOMEM;
        }
        unmap(addr, length);
        return 0;
    }

    public long mprotect(long addr, long length, int prot) {
        records.reset();
        if ((addr & PAGE_MASK) != 0) {
            return -Errno.EINVAL;
        }
        if (!userRange(addr, length)) {
            return -Errno.ENOMEM;
        }
        long end = pageUp(addr + length);
        if (!areas.covered(addr, end)) {
            return -Errno.ENOMEM;
        }
        if (!roomForAreas(2)) {
            return -Errno.ENOMEM;
        }
        areas.protect(addr, end, prot & 7);
        // Only a stored page can be in a hart's translations (an access stores the page it reaches).
        pages.forEachStored(addr >>> PAGE_SHIFT, end >>> PAGE_SHIFT, (vpage, bytes) -> invalidate(vpage));
        records.replace(areas, addr, end);
        return 0;
    }

    /**
     * mremap; when the area moves, its pages' bytes move here at the memory side (the CPU side
     * wrote its cached copies back first).
     */
    public long mremap(long old, long oldLen, long newLen, int flags) {
        records.reset();
        if (!mremapLengthsValid(old, oldLen, newLen)) {
            return -Errno.EINVAL;
        }
        long oldSize = pageUp(oldLen);
        long newSize = pageUp(newLen);
        Areas.Area area = areas.areaAt(old);
        if (area == null || (old & PAGE_MASK) != 0) {
            return -Errno.EINVAL;
        }
        if (newSize <= oldSize) {
            if (newSize < oldSize) {
                unmap(old + newSize, oldSize - newSize);
            }
            return old;
        }
        if (!roomForAreas(2)) {
            return -Errno.ENOMEM;
        }
        if (userRange(old, newSize) && areas.free(old + oldSize, old + newSize)) {
            map(old + oldSize, newSize - oldSize, area.prot, area.file, area.name);
            return old;
        }
        if ((flags & MREMAP_MAYMOVE) == 0) {
            return -Errno.ENOMEM;
        }
        int prot = area.prot;
        boolean file = area.file;
        String name = area.name;
        long target = findFree(newSize);
        if (target < 0) {
            return -Errno.ENOMEM;
        }
        map(target, newSize, prot, file, name);
        // Collected first: writing the new pages must not change the store under the walk.
        it.unimi.dsi.fastutil.longs.LongArrayList moved = new it.unimi.dsi.fastutil.longs.LongArrayList();
        List<byte[]> bytes = new ArrayList<>();
        pages.forEachStored(old >>> PAGE_SHIFT, (old + oldSize) >>> PAGE_SHIFT, (vpage, b) -> {
            moved.add(vpage);
            bytes.add(b);
        });
        long shift = (target - old) >>> PAGE_SHIFT;
        for (int i = 0; i < moved.size(); i++) {
            System.arraycopy(bytes.get(i), 0, pages.touch(moved.getLong(i) + shift), 0, PAGE_SIZE);
        }
        unmap(old, oldSize);
        records.add(target, target + oldSize, AreaRecords.STORED);
        return target;
    }

    /** As Linux checks them first: both lengths, page-rounded, and the old range inside the user space. */
    public static boolean mremapLengthsValid(long old, long oldLen, long newLen) {
        return newLen > 0 && newLen <= USER_END && oldLen >= 0 && userRange(old, pageUp(Math.min(oldLen, USER_END)))
                && oldLen <= USER_END;
    }

    /**
     * Where mremap would put the area, as the process monitor predicts it from its mirror: true when
     * it moves (so the old range's cached lines must be written back first).
     */
    public static boolean mremapMoves(Areas mirror, long old, long oldLen, long newLen, int flags) {
        long oldSize = pageUp(oldLen);
        long newSize = pageUp(newLen);
        return mremapLengthsValid(old, oldLen, newLen) && mirror.areaAt(old) != null && (old & PAGE_MASK) == 0
                && newSize > oldSize
                && !(userRange(old, newSize) && mirror.free(old + oldSize, old + newSize))
                && (flags & MREMAP_MAYMOVE) != 0;
    }

    /** Maps [start, start+length) fresh (zero) with {@code prot}, replacing whatever was there. */
    private void map(long start, long length, int prot, boolean file, String name) {
        long end = pageUp(start + length);
        unmapPages(start, end);
        areas.add(start, end, prot, file, name);
        records.replace(areas, start, end);
    }

    /** Removes every mapping in the range; pages there are forgotten. */
    private void unmap(long start, long length) {
        long end = pageUp(start + length);
        unmapPages(start, end);
        records.replace(areas, start, end);
    }

    private void unmapPages(long start, long end) {
        areas.remove(start, end);
        pages.removeRange(start >>> PAGE_SHIFT, pageUp(end) >>> PAGE_SHIFT, invalidator);
    }

    // ---- pages

    private void poke(long address, byte[] from, int offset, int length) {
        for (int done = 0; done < length; ) {
            long a = address + done;
            byte[] p = pages.touch(a >>> PAGE_SHIFT);
            int off = (int) (a & PAGE_MASK);
            int n = Math.min(length - done, PAGE_SIZE - off);
            System.arraycopy(from, offset + done, p, off, n);
            done += n;
        }
    }

    /** The stored page for the memory monitor's own use, without permission checks; null if absent. */
    public byte[] storedPage(long vpage) {
        return pages.get(vpage);
    }

    public long pagesTouched() {
        return pages.count();
    }

    @Override
    public byte[] peek(long vpage) {
        if (areas.areaAt(vpage << PAGE_SHIFT) == null) {
            return null;
        }
        byte[] p = pages.get(vpage);
        return p != null ? p : new byte[PAGE_SIZE];
    }

    @Override
    public byte[] page(long vpage, int access) {
        Areas.Area a = areas.areaAt(vpage << PAGE_SHIFT);
        if (a == null || (a.prot & protFor(access)) == 0) {
            return null;
        }
        return pages.touch(vpage);
    }

    public static int protFor(int access) {
        return access == WRITE ? PROT_WRITE : access == EXECUTE ? PROT_EXEC : PROT_READ;
    }

    @Override
    public void addListener(PageInvalidationListener listener) {
        listeners.add(listener);
    }

    private void invalidate(long vpage) {
        for (PageInvalidationListener l : listeners) {
            l.invalidatePage(vpage);
        }
    }
}
