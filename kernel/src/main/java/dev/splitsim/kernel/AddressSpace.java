package dev.splitsim.kernel;

import dev.splitsim.cpu.mem.PageInvalidationListener;
import dev.splitsim.cpu.mem.PageProvider;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process's virtual memory system: areas with permissions, and pages that exist once touched
 * (zero-filled) in a {@link PageStore}. In the all-local machine the store is a host map and the
 * hart reaches this space directly as its {@link PageProvider}. In the split machine the space lives
 * at the memory components (the store is their page tables and frames), the hart sees it through
 * the ExCache, and system calls copy through that same CPU-side view so they see the cached bytes.
 */
public final class AddressSpace implements PageProvider {
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    private static final long PAGE_MASK = PAGE_SIZE - 1;

    /** One mapped area: [start, end), page aligned. */
    public static final class Area {
        long start;
        long end;
        int prot;
        final String name;

        Area(long start, long end, int prot, String name) {
            this.start = start;
            this.end = end;
            this.prot = prot;
            this.name = name;
        }

        public long start() {
            return start;
        }

        public long end() {
            return end;
        }

        public int prot() {
            return prot;
        }

        public String name() {
            return name;
        }
    }

    /** Where a space's pages live. */
    public interface PageStore {
        /** The page's bytes, or null when it was never touched. */
        byte[] get(long vpage);

        /** The page's bytes, created zero-filled when absent. */
        byte[] touch(long vpage);

        /** Forgets the page; true when it existed. */
        boolean remove(long vpage);

        long count();
    }

    /** Told before a range changes, so cached copies of it go (written back unless {@code discard}). */
    public interface RangeListener {
        void rangeChanged(long start, long end, boolean discard);
    }

    /** Pages in a host map: the all-local machine's memory. */
    static final class LocalPages implements PageStore {
        private final Long2ObjectOpenHashMap<byte[]> pages = new Long2ObjectOpenHashMap<>();

        @Override
        public byte[] get(long vpage) {
            return pages.get(vpage);
        }

        @Override
        public byte[] touch(long vpage) {
            byte[] p = pages.get(vpage);
            if (p == null) {
                p = new byte[PageProvider.PAGE_SIZE];
                pages.put(vpage, p);
            }
            return p;
        }

        @Override
        public boolean remove(long vpage) {
            return pages.remove(vpage) != null;
        }

        @Override
        public long count() {
            return pages.size();
        }
    }

    private final TreeMap<Long, Area> areas = new TreeMap<>();
    private final PageStore pages;
    private final List<PageInvalidationListener> listeners = new ArrayList<>();
    private PageProvider cpuView = this;
    private RangeListener rangeListener;
    /** The area of the previous lookup: soft-TLB refills mostly land in the same heap or stack area. */
    private Area lastArea;

    public AddressSpace() {
        this(new LocalPages());
    }

    public AddressSpace(PageStore store) {
        this.pages = store;
    }

    /** The CPU side's view of this space, through which system calls copy (the ExCache when split). */
    public void setCpuView(PageProvider view, RangeListener listener) {
        this.cpuView = view;
        this.rangeListener = listener;
    }

    /** True when the page holds bytes in the store (was touched and not unmapped since). */
    public boolean hasPage(long vpage) {
        return pages.get(vpage) != null;
    }

    /** The stored page for the memory component's own use, without permission checks; null if absent. */
    public byte[] storedPage(long vpage) {
        return pages.get(vpage);
    }

    /** The page's bytes at the memory component, created on first touch, without permission checks. */
    public byte[] touchPage(long vpage) {
        return pages.touch(vpage);
    }

    @Override
    public byte[] peek(long vpage) {
        if (areaAt(vpage << PAGE_SHIFT) == null) {
            return null;
        }
        byte[] p = pages.get(vpage);
        return p != null ? p : new byte[PAGE_SIZE];
    }

    @Override
    public byte[] page(long vpage, int access) {
        Area a = areaAt(vpage << PAGE_SHIFT);
        if (a == null || (a.prot & protFor(access)) == 0) {
            return null;
        }
        return touch(vpage);
    }

    public static int protFor(int access) {
        return access == WRITE ? PROT_WRITE : access == EXECUTE ? PROT_EXEC : PROT_READ;
    }

    private byte[] touch(long vpage) {
        return pages.touch(vpage);
    }

    @Override
    public void addListener(PageInvalidationListener listener) {
        listeners.add(listener);
    }

    public Area areaAt(long address) {
        Area last = lastArea;
        if (last != null && address >= last.start && address < last.end) {
            return last;
        }
        Map.Entry<Long, Area> e = areas.floorEntry(address);
        if (e == null || address >= e.getValue().end) {
            return null;
        }
        lastArea = e.getValue();
        return lastArea;
    }

    /** Maps [start, start+length) fresh (zero) with {@code prot}, replacing whatever was there. */
    public void map(long start, long length, int prot, String name) {
        long end = pageUp(start + length);
        unmap(start, end - start);
        lastArea = null;
        areas.put(start, new Area(start, end, prot, name));
    }

    /** Removes every mapping in the range; pages there are forgotten. */
    public void unmap(long start, long length) {
        long end = pageUp(start + length);
        lastArea = null;
        if (rangeListener != null) {
            rangeListener.rangeChanged(start, end, true);
        }
        for (Area a : overlapping(start, end)) {
            areas.remove(a.start);
            if (a.start < start) {
                areas.put(a.start, new Area(a.start, start, a.prot, a.name));
            }
            if (a.end > end) {
                areas.put(end, new Area(end, a.end, a.prot, a.name));
            }
        }
        // Forgotten again: the range listener's write-backs let other requests look areas up meanwhile.
        lastArea = null;
        if (pages.count() == 0) {
            return;
        }
        for (long p = start; p < end; p += PAGE_SIZE) {
            if (pages.remove(p >>> PAGE_SHIFT)) {
                invalidate(p >>> PAGE_SHIFT);
            }
        }
    }

    /** Changes permissions; false when part of the range is not mapped. */
    public boolean protect(long start, long length, int prot) {
        long end = pageUp(start + length);
        if (!covered(start, end)) {
            return false;
        }
        lastArea = null;
        if (rangeListener != null) {
            rangeListener.rangeChanged(start, end, false);
        }
        for (Area a : overlapping(start, end)) {
            areas.remove(a.start);
            if (a.start < start) {
                areas.put(a.start, new Area(a.start, start, a.prot, a.name));
            }
            long s = Math.max(a.start, start);
            long e = Math.min(a.end, end);
            areas.put(s, new Area(s, e, prot, a.name));
            if (a.end > end) {
                areas.put(end, new Area(end, a.end, a.prot, a.name));
            }
        }
        // Forgotten again: the range listener's write-backs let other requests look areas up meanwhile.
        lastArea = null;
        for (long p = start; p < end; p += PAGE_SIZE) {
            invalidate(p >>> PAGE_SHIFT);
        }
        return true;
    }

    boolean covered(long start, long end) {
        long at = start;
        while (at < end) {
            Area a = areaAt(at);
            if (a == null) {
                return false;
            }
            at = a.end;
        }
        return true;
    }

    /** True when no area overlaps [start, end). */
    boolean free(long start, long end) {
        return overlapping(start, end).isEmpty();
    }

    private List<Area> overlapping(long start, long end) {
        List<Area> out = new ArrayList<>();
        Map.Entry<Long, Area> first = areas.floorEntry(start);
        Long from = first != null && first.getValue().end > start ? first.getKey() : Long.valueOf(start);
        for (Area a : areas.tailMap(from, true).values()) {
            if (a.start >= end) {
                break;
            }
            if (a.end > start) {
                out.add(a);
            }
        }
        return out;
    }

    private void invalidate(long vpage) {
        for (PageInvalidationListener l : listeners) {
            l.invalidatePage(vpage);
        }
    }

    static long pageUp(long a) {
        return (a + PAGE_MASK) & ~PAGE_MASK;
    }

    static long pageDown(long a) {
        return a & ~PAGE_MASK;
    }

    /**
     * The end of the user address space: no RISC-V paging mode maps user addresses at or above
     * 2^56, so a range reaching past it can only be a wild pointer.
     */
    public static final long USER_END = 1L << 56;

    /** True when [address, address + length) lies inside the user address space (so it cannot wrap). */
    public static boolean userRange(long address, long length) {
        return length >= 0 && address >= 0 && address <= USER_END && length <= USER_END - address;
    }

    /** Copies guest memory out for a system call; false when any byte is unmapped or unreadable. */
    public boolean read(long address, byte[] into, int offset, int length) {
        if (!userRange(address, length)) {
            return false;
        }
        for (int done = 0; done < length; ) {
            long a = address + done;
            byte[] p = cpuView.page(a >>> PAGE_SHIFT, READ);
            if (p == null) {
                return false;
            }
            int off = (int) (a & PAGE_MASK);
            int n = Math.min(length - done, PAGE_SIZE - off);
            System.arraycopy(p, off, into, offset + done, n);
            done += n;
        }
        return true;
    }

    /** Copies into guest memory for a system call; false when any byte is not writable. */
    public boolean write(long address, byte[] from, int offset, int length) {
        if (!userRange(address, length)) {
            return false;
        }
        for (long a = pageDown(address); a < address + length; a += PAGE_SIZE) {
            if (cpuView.page(a >>> PAGE_SHIFT, WRITE) == null) {
                return false;
            }
        }
        for (int done = 0; done < length; ) {
            long a = address + done;
            byte[] p = cpuView.page(a >>> PAGE_SHIFT, WRITE);
            int off = (int) (a & PAGE_MASK);
            int n = Math.min(length - done, PAGE_SIZE - off);
            System.arraycopy(from, offset + done, p, off, n);
            done += n;
        }
        return true;
    }

    /**
     * Writes regardless of permissions, at the memory side (the loader filling read-only segments,
     * file contents of a new mapping). The range must not be cached on the CPU side.
     */
    void poke(long address, byte[] from, int offset, int length) {
        for (int done = 0; done < length; ) {
            long a = address + done;
            byte[] p = touch(a >>> PAGE_SHIFT);
            int off = (int) (a & PAGE_MASK);
            int n = Math.min(length - done, PAGE_SIZE - off);
            System.arraycopy(from, offset + done, p, off, n);
            done += n;
        }
    }

    public long pagesTouched() {
        return pages.count();
    }
}
