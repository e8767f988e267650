package dev.splitsim.kernel.process;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.kernel.memory.Areas;
import dev.splitsim.kernel.memory.ProcessLoader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * /proc/self/maps as Linux formats it, made on the CPU component from the process monitor's
 * mirror of the areas (never from the memory monitor's state): one line per area with its range,
 * permissions, file offset, device and inode, and a name padded to Linux's column: the
 * executable's path for its segments, a mapped file's name, [heap] and [stack].
 */
final class ProcMaps {
    /** Where Linux starts the name: after the fields of a 64-bit address line. */
    private static final int NAME_COLUMN = 73;
    /** The device numbers shown for file areas: none of the host's. */
    private static final String FILE_DEVICE = "00:01";

    /** A file mapping as mmap made it: what the mirror's areas do not say. */
    private record Mapping(long start, long end, String name, long offset, boolean shared, long inode) {}

    private final ElfFile program;
    private final String programPath;
    private final long bias;
    private final TreeMap<Long, Mapping> mappings = new TreeMap<>();
    private long nextInode = 2;

    ProcMaps(ElfFile program, String programPath) {
        this.program = program;
        this.programPath = programPath;
        this.bias = program.type() == ElfFile.ET_DYN ? ProcessLoader.PIE_BASE : 0;
    }

    /** mmap mapped {@code name} at [start, end) from {@code offset}: its areas show the name. */
    void mapped(long start, long end, String name, long offset, boolean shared) {
        forget(start, end);
        mappings.put(start, new Mapping(start, end, name, offset, shared, nextInode++));
    }

    /** [start, end) was unmapped or mapped anew: what was said of it goes. */
    void forget(long start, long end) {
        List<Long> gone = new ArrayList<>();
        for (Map.Entry<Long, Mapping> e : mappings.entrySet()) {
            Mapping m = e.getValue();
            if (m.start() < end && m.end() > start) {
                gone.add(e.getKey());
            }
        }
        for (Long k : gone) {
            mappings.remove(k);
        }
    }

    /** One line: an area, or neighbouring areas Linux would have merged into one. */
    private record Line(long start, long end, int prot, boolean shared, long offset, String device, long inode,
            String name) {
        /** Whether {@code next} continues this line: adjacent, alike, and (for a file) at the next offset. */
        boolean continuedBy(Line next) {
            return next.start == end && next.prot == prot && next.shared == shared && next.device.equals(device)
                    && next.inode == inode && next.name.equals(name)
                    && (inode == 0 || next.offset == offset + (end - start));
        }
    }

    /** The text of the file for areas {@code areas} and the break's range [brkStart, brkTop). */
    byte[] render(Areas areas, long brkStart, long brkTop) {
        List<Line> lines = new ArrayList<>();
        for (Areas.Area a : areas.all()) {
            Line line = describe(a, brkStart, brkTop);
            int last = lines.size() - 1;
            if (last >= 0 && lines.get(last).continuedBy(line)) {
                Line l = lines.get(last);
                line = new Line(l.start(), line.end(), l.prot(), l.shared(), l.offset(), l.device(), l.inode(), l.name());
                lines.set(last, line);
            } else {
                lines.add(line);
            }
        }
        StringBuilder out = new StringBuilder();
        for (Line l : lines) {
            int lineStart = out.length();
            out.append(String.format("%08x-%08x %c%c%c%c %08x %s %d ", l.start(), l.end(),
                    (l.prot() & AddressSpace.PROT_READ) != 0 ? 'r' : '-',
                    (l.prot() & AddressSpace.PROT_WRITE) != 0 ? 'w' : '-',
                    (l.prot() & AddressSpace.PROT_EXEC) != 0 ? 'x' : '-', l.shared() ? 's' : 'p', l.offset(),
                    l.device(), l.inode()));
            if (!l.name().isEmpty()) {
                while (out.length() - lineStart < NAME_COLUMN) {
                    out.append(' ');
                }
                out.append(l.name());
            }
            out.append('\n');
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private Line describe(Areas.Area a, long brkStart, long brkTop) {
        ElfFile.Segment segment = a.file() ? segmentOf(a.start()) : null;
        Map.Entry<Long, Mapping> m = mappings.floorEntry(a.start());
        if (segment != null) {
            long offset = pageDown(segment.offset()) + (a.start() - pageDown(segment.vaddr() + bias));
            return new Line(a.start(), a.end(), a.prot(), false, offset, FILE_DEVICE, 1, programPath);
        }
        if (m != null && a.start() < m.getValue().end()) {
            Mapping f = m.getValue();
            return new Line(a.start(), a.end(), a.prot(), f.shared(), f.offset() + (a.start() - f.start()), FILE_DEVICE,
                    f.inode(), f.name());
        }
        String name = "";
        if (a.start() < brkTop && a.end() > brkStart) {
            name = "[heap]";
        } else if (a.start() < ProcessLoader.STACK_TOP && a.end() >= ProcessLoader.STACK_TOP) {
            name = "[stack]";
        }
        return new Line(a.start(), a.end(), a.prot(), false, 0, "00:00", 0, name);
    }

    /** The program's loadable segment whose file bytes the page at {@code start} holds, or null. */
    private ElfFile.Segment segmentOf(long start) {
        for (ElfFile.Segment s : program.segments()) {
            if (s.type() != ElfFile.PT_LOAD || s.fileSize() == 0) {
                continue;
            }
            long from = pageDown(s.vaddr() + bias);
            long to = pageUp(s.vaddr() + bias + s.fileSize());
            if (start >= from && start < to) {
                return s;
            }
        }
        return null;
    }

    private static long pageDown(long a) {
        return a & -(long) AddressSpace.PAGE_BYTES;
    }

    private static long pageUp(long a) {
        return pageDown(a + AddressSpace.PAGE_BYTES - 1);
    }
}
