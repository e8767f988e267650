package dev.splitsim.kernel.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A set of mapped areas ([start, end), page aligned, with permissions), kept sorted and never
 * overlapping. The memory monitor's virtual memory is one; the process monitor's mirror of it,
 * built from the monitor's replies, is another.
 */
public final class Areas {
    /** One mapped area: [start, end), page aligned. */
    public static final class Area {
        final long start;
        final long end;
        int prot;
        final boolean file;
        final String name;

        Area(long start, long end, int prot, boolean file, String name) {
            this.start = start;
            this.end = end;
            this.prot = prot;
            this.file = file;
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

        /** True when the area's bytes come from a file (a file mapping or the program), so not all zero at first. */
        public boolean file() {
            return file;
        }

        /** What the monitor calls the area ([heap], [stack], a file's name); null in a mirror. */
        public String name() {
            return name;
        }
    }

    private final TreeMap<Long, Area> areas = new TreeMap<>();
    /** The area of the previous lookup: soft-TLB refills mostly land in the same heap or stack area. */
    private Area lastArea;

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

    /** Adds an area over [start, end), which must be free. */
    public void add(long start, long end, int prot, boolean file, String name) {
        lastArea = null;
        areas.put(start, new Area(start, end, prot, file, name));
    }

    /** Forgets every area in [start, end), splitting those that reach out of it. */
    public void remove(long start, long end) {
        lastArea = null;
        for (Area a : overlapping(start, end)) {
            areas.remove(a.start);
            if (a.start < start) {
                areas.put(a.start, new Area(a.start, start, a.prot, a.file, a.name));
            }
            if (a.end > end) {
                areas.put(end, new Area(end, a.end, a.prot, a.file, a.name));
            }
        }
    }

    /** Gives [start, end) permissions {@code prot}, splitting areas at its ends; the range must be covered. */
    public void protect(long start, long end, int prot) {
        lastArea = null;
        for (Area a : overlapping(start, end)) {
            areas.remove(a.start);
            if (a.start < start) {
                areas.put(a.start, new Area(a.start, start, a.prot, a.file, a.name));
            }
            long s = Math.max(a.start, start);
            long e = Math.min(a.end, end);
            areas.put(s, new Area(s, e, prot, a.file, a.name));
            if (a.end > end) {
                areas.put(end, new Area(end, a.end, a.prot, a.file, a.name));
            }
        }
    }

    /** Adds permissions to one area in place (two ELF segments sharing a page). */
    void widen(Area a, int prot) {
        a.prot |= prot;
    }

    /** True when every byte of [start, end) is in some area. */
    public boolean covered(long start, long end) {
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
    public boolean free(long start, long end) {
        return overlapping(start, end).isEmpty();
    }

    /** The areas overlapping [start, end), in address order. */
    public List<Area> overlapping(long start, long end) {
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

    /** How many areas there are. */
    public int count() {
        return areas.size();
    }

    /** Every area, in address order. */
    public Collection<Area> all() {
        return areas.values();
    }

    /** The areas as text, one "start-end prot file|anon" per line: what two sets are compared by. */
    public String describe() {
        StringBuilder b = new StringBuilder();
        for (Area a : areas.values()) {
            b.append(Long.toHexString(a.start)).append('-').append(Long.toHexString(a.end)).append(' ')
                    .append(a.prot).append(a.file ? " file" : " anon").append('\n');
        }
        return b.toString();
    }
}
