package dev.splitsim.kernel;

import dev.splitsim.cpu.mem.PageInvalidationListener;
import dev.splitsim.cpu.mem.PageProvider;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A process's virtual memory in the all-local machine: areas with permissions, and pages that
 * exist once touched (zero-filled). The hart reaches it as a {@link PageProvider}; the process
 * monitor reads and writes it directly for system calls.
 */
public final class AddressSpace implements PageProvider {
    public static final int PROT_READ = 1;
    public static final int PROT_WRITE = 2;
    public static final int PROT_EXEC = 4;
    private static final long PAGE_MASK = PAGE_SIZE - 1;

    /** One mapped area: [start, end), page aligned. */
    static final class Area {
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
    }

    private final TreeMap<Long, Area> areas = new TreeMap<>();
    private final Long2ObjectOpenHashMap<byte[]> pages = new Long2ObjectOpenHashMap<>();
    private final List<PageInvalidationListener> listeners = new ArrayList<>();
    /** The area of the previous lookup: soft-TLB refills mostly land in the same heap or stack area. */
    private Area lastArea;

    @Override
    public byte[] page(long vpage, int access) {
        Area a = areaAt(vpage << PAGE_SHIFT);
        if (a == null || (a.prot & protFor(access)) == 0) {
            return null;
        }
        return touch(vpage);
    }

    private static int protFor(int access) {
        return access == WRITE ? PROT_WRITE : access == EXECUTE ? PROT_EXEC : PROT_READ;
    }

    private byte[] touch(long vpage) {
        byte[] p = pages.get(vpage);
        if (p == null) {
            p = new byte[PAGE_SIZE];
            pages.put(vpage, p);
        }
        return p;
    }

    @Override
    public void addListener(PageInvalidationListener listener) {
        listeners.add(listener);
    }

    Area areaAt(long address) {
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
        for (Area a : overlapping(start, end)) {
            areas.remove(a.start);
            if (a.start < start) {
                areas.put(a.start, new Area(a.start, start, a.prot, a.name));
            }
            if (a.end > end) {
                areas.put(end, new Area(end, a.end, a.prot, a.name));
            }
        }
        for (long p = start; p < end; p += PAGE_SIZE) {
            if (pages.remove(p >>> PAGE_SHIFT) != null) {
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

    /** Copies guest memory out for a system call; false when any byte is unmapped or unreadable. */
    public boolean read(long address, byte[] into, int offset, int length) {
        for (int done = 0; done < length; ) {
            long a = address + done;
            byte[] p = page(a >>> PAGE_SHIFT, READ);
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
        for (long a = pageDown(address); a < address + length; a += PAGE_SIZE) {
            if (page(a >>> PAGE_SHIFT, WRITE) == null) {
                return false;
            }
        }
        poke(address, from, offset, length);
        return true;
    }

    /** Writes regardless of permissions (the loader filling read-only segments). */
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
        return pages.size();
    }
}
