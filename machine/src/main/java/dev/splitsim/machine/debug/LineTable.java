package dev.splitsim.machine.debug;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.kernel.LinuxProcess;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Source lines of a program compiled with {@code -g}: the rows of its DWARF {@code .debug_line}
 * program (versions 2 to 5; version 5 is what gcc 12 emits), so the debugger can break at
 * {@code file.c:line} and name the line of a pc. A program without that section has no rows.
 */
public final class LineTable {
    private static final int SHT_NOBITS = 8;
    private static final int DW_LNS_COPY = 1;
    private static final int DW_LNS_ADVANCE_PC = 2;
    private static final int DW_LNS_ADVANCE_LINE = 3;
    private static final int DW_LNS_SET_FILE = 4;
    private static final int DW_LNS_CONST_ADD_PC = 8;
    private static final int DW_LNS_FIXED_ADVANCE_PC = 9;
    private static final int DW_LNS_NEGATE_STMT = 6;
    private static final int DW_LNE_END_SEQUENCE = 1;
    private static final int DW_LNE_SET_ADDRESS = 2;
    private static final int DW_LNE_DEFINE_FILE = 3;
    private static final int DW_LNCT_PATH = 1;
    private static final int DW_LNCT_DIRECTORY_INDEX = 2;
    private static final int DW_FORM_BLOCK = 0x09;
    private static final int DW_FORM_DATA1 = 0x0b;
    private static final int DW_FORM_DATA2 = 0x05;
    private static final int DW_FORM_DATA4 = 0x06;
    private static final int DW_FORM_DATA8 = 0x07;
    private static final int DW_FORM_DATA16 = 0x1e;
    private static final int DW_FORM_STRING = 0x08;
    private static final int DW_FORM_STRP = 0x0e;
    private static final int DW_FORM_LINE_STRP = 0x1f;
    private static final int DW_FORM_UDATA = 0x0f;

    /** One row of the line program; {@code end} marks the first address after a sequence. */
    public record Row(long address, String file, int line, boolean isStmt, boolean end) {}

    /** Rows sorted by address, ends of sequences before rows at the same address. */
    private final List<Row> rows;

    private LineTable(List<Row> rows) {
        rows.sort(Comparator.comparingLong(Row::address).thenComparing(r -> !r.end()));
        this.rows = rows;
    }

    public static LineTable none() {
        return new LineTable(new ArrayList<>());
    }

    /** The line table of {@code elf}; empty when it has no line information or the section is damaged. */
    public static LineTable of(ElfFile elf) {
        long bias = elf.type() == ElfFile.ET_DYN ? LinuxProcess.PIE_BASE : 0;
        Sections s = new Sections(elf.bytes());
        ByteBuffer lines = s.find(".debug_line");
        if (lines == null) {
            return none();
        }
        List<Row> rows = new ArrayList<>();
        try {
            while (lines.remaining() > 0) {
                readUnit(lines, s.find(".debug_line_str"), s.find(".debug_str"), bias, rows);
            }
        } catch (RuntimeException e) {
            // A damaged or unknown encoding: keep the rows read so far rather than fail the debugger.
        }
        return new LineTable(rows);
    }

    public boolean isEmpty() {
        return rows.isEmpty();
    }

    /**
     * Where a breakpoint at {@code file:line} goes: the lowest statement address of that line, or of
     * the next line that has code (as gdb does for a comment or blank line); -1 when there is none.
     * {@code file} matches a row's path by its last components, so {@code t.c} and {@code src/t.c} work.
     */
    public long addressOf(String file, int line) {
        int bestLine = Integer.MAX_VALUE;
        long best = -1;
        for (Row r : rows) {
            if (r.end() || !r.isStmt() || r.line() < line || !sameFile(r.file(), file)) {
                continue;
            }
            if (r.line() < bestLine || r.line() == bestLine && Long.compareUnsigned(r.address(), best) < 0) {
                bestLine = r.line();
                best = r.address();
            }
        }
        return best;
    }

    /** Whether any row names {@code file}. */
    public boolean knowsFile(String file) {
        for (Row r : rows) {
            if (!r.end() && sameFile(r.file(), file)) {
                return true;
            }
        }
        return false;
    }

    /** {@code t.c:11} for the line that holds {@code pc}, or null. */
    public String lineAt(long pc) {
        int lo = 0;
        int hi = rows.size() - 1;
        int found = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(rows.get(mid).address(), pc) <= 0) {
                found = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        if (found < 0 || rows.get(found).end()) {
            return null;
        }
        Row r = rows.get(found);
        return baseName(r.file()) + ":" + r.line();
    }

    private static boolean sameFile(String path, String asked) {
        return path.equals(asked) || path.endsWith("/" + asked);
    }

    private static String baseName(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static void readUnit(ByteBuffer b, ByteBuffer lineStr, ByteBuffer str, long bias, List<Row> rows) {
        long length = Integer.toUnsignedLong(b.getInt());
        boolean dwarf64 = length == 0xffffffffL;
        if (dwarf64) {
            length = b.getLong();
        }
        int unitEnd = Math.toIntExact(b.position() + length);
        int version = Short.toUnsignedInt(b.getShort());
        int addressSize = 8;
        if (version >= 5) {
            addressSize = b.get();
            b.get(); // segment selector size
        }
        long headerLength = dwarf64 ? b.getLong() : Integer.toUnsignedLong(b.getInt());
        int programStart = Math.toIntExact(b.position() + headerLength);
        int minInstruction = Byte.toUnsignedInt(b.get());
        if (version >= 4) {
            b.get(); // maximum operations per instruction: 1 on RISC-V
        }
        boolean defaultIsStmt = b.get() != 0;
        int lineBase = b.get();
        int lineRange = Byte.toUnsignedInt(b.get());
        int opcodeBase = Byte.toUnsignedInt(b.get());
        int[] argCounts = new int[opcodeBase];
        for (int i = 1; i < opcodeBase; i++) {
            argCounts[i] = Byte.toUnsignedInt(b.get());
        }
        List<String> files = new ArrayList<>();
        if (version >= 5) {
            Strings strings = new Strings(lineStr, str, dwarf64);
            List<String> dirs = new ArrayList<>();
            for (String[] e : entries(b, strings)) {
                dirs.add(e[0]);
            }
            for (String[] e : entries(b, strings)) {
                files.add(join(e[1] == null ? null : dirs.get(Integer.parseInt(e[1])), e[0]));
            }
        } else {
            List<String> dirs = new ArrayList<>();
            dirs.add(null);
            for (String d = cString(b); !d.isEmpty(); d = cString(b)) {
                dirs.add(d);
            }
            files.add(null); // before version 5 files count from 1
            for (String f = cString(b); !f.isEmpty(); f = cString(b)) {
                int dir = (int) uleb(b);
                uleb(b);
                uleb(b);
                files.add(join(dirs.get(dir), f));
            }
        }
        b.position(programStart);
        run(b, unitEnd, files, version, addressSize, minInstruction, defaultIsStmt, lineBase, lineRange, opcodeBase,
                argCounts, bias, rows);
        b.position(unitEnd);
    }

    /** The state machine of the line program, appending one row per emitted line. */
    private static void run(ByteBuffer b, int unitEnd, List<String> files, int version, int addressSize,
            int minInstruction, boolean defaultIsStmt, int lineBase, int lineRange, int opcodeBase, int[] argCounts,
            long bias, List<Row> rows) {
        long address = 0;
        int file = 1;
        int line = 1;
        boolean isStmt = defaultIsStmt;
        while (b.position() < unitEnd) {
            int op = Byte.toUnsignedInt(b.get());
            if (op >= opcodeBase) {
                int adjusted = op - opcodeBase;
                address += (long) (adjusted / lineRange) * minInstruction;
                line += lineBase + adjusted % lineRange;
                rows.add(new Row(address + bias, fileName(files, file), line, isStmt, false));
                continue;
            }
            switch (op) {
                case 0: {
                    int len = (int) uleb(b);
                    int next = b.position() + len;
                    int sub = Byte.toUnsignedInt(b.get());
                    if (sub == DW_LNE_END_SEQUENCE) {
                        rows.add(new Row(address + bias, fileName(files, file), line, isStmt, true));
                        address = 0;
                        file = 1;
                        line = 1;
                        isStmt = defaultIsStmt;
                    } else if (sub == DW_LNE_SET_ADDRESS) {
                        address = addressSize == 4 ? Integer.toUnsignedLong(b.getInt()) : b.getLong();
                    } else if (sub == DW_LNE_DEFINE_FILE && version < 5) {
                        files.add(cString(b));
                    }
                    b.position(next);
                    break;
                }
                case DW_LNS_COPY:
                    rows.add(new Row(address + bias, fileName(files, file), line, isStmt, false));
                    break;
                case DW_LNS_ADVANCE_PC: address += uleb(b) * minInstruction; break;
                case DW_LNS_ADVANCE_LINE: line += (int) sleb(b); break;
                case DW_LNS_SET_FILE: file = (int) uleb(b); break;
                case DW_LNS_NEGATE_STMT: isStmt = !isStmt; break;
                case DW_LNS_CONST_ADD_PC: address += (long) ((255 - opcodeBase) / lineRange) * minInstruction; break;
                case DW_LNS_FIXED_ADVANCE_PC: address += Short.toUnsignedInt(b.getShort()); break;
                default:
                    // Opcodes without state we need (column, basic block, prologue end, isa, ...): skip their arguments.
                    for (int i = 0; i < argCounts[op]; i++) {
                        uleb(b);
                    }
            }
        }
    }

    private static String fileName(List<String> files, int index) {
        String f = index >= 0 && index < files.size() ? files.get(index) : null;
        return f == null ? "?" : f;
    }

    private static String join(String dir, String file) {
        return dir == null || file.startsWith("/") ? file : dir + "/" + file;
    }

    /**
     * A version 5 entry table: its format (content type and form pairs), then the entries; each
     * entry comes back as {path, directory index or null}.
     */
    private static List<String[]> entries(ByteBuffer b, Strings strings) {
        int formatCount = Byte.toUnsignedInt(b.get());
        int[] content = new int[formatCount];
        int[] form = new int[formatCount];
        for (int i = 0; i < formatCount; i++) {
            content[i] = (int) uleb(b);
            form[i] = (int) uleb(b);
        }
        long count = uleb(b);
        List<String[]> out = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            String[] e = new String[2];
            for (int i = 0; i < formatCount; i++) {
                Object v = strings.value(b, form[i]);
                if (content[i] == DW_LNCT_PATH) {
                    e[0] = (String) v;
                } else if (content[i] == DW_LNCT_DIRECTORY_INDEX) {
                    e[1] = String.valueOf(v);
                }
            }
            out.add(e);
        }
        return out;
    }

    /** Reads attribute values of the forms a line table header uses; strings may live in other sections. */
    private static final class Strings {
        private final ByteBuffer lineStr;
        private final ByteBuffer str;
        private final boolean dwarf64;

        Strings(ByteBuffer lineStr, ByteBuffer str, boolean dwarf64) {
            this.lineStr = lineStr;
            this.str = str;
            this.dwarf64 = dwarf64;
        }

        Object value(ByteBuffer b, int form) {
            switch (form) {
                case DW_FORM_STRING: return cString(b);
                case DW_FORM_LINE_STRP: return at(lineStr, offset(b));
                case DW_FORM_STRP: return at(str, offset(b));
                case DW_FORM_UDATA: return uleb(b);
                case DW_FORM_DATA1: return (long) Byte.toUnsignedInt(b.get());
                case DW_FORM_DATA2: return (long) Short.toUnsignedInt(b.getShort());
                case DW_FORM_DATA4: return Integer.toUnsignedLong(b.getInt());
                case DW_FORM_DATA8: return b.getLong();
                case DW_FORM_DATA16: b.position(b.position() + 16); return 0L;
                case DW_FORM_BLOCK: b.position(b.position() + (int) uleb(b)); return 0L;
                default: throw new IllegalArgumentException("DWARF form 0x" + Integer.toHexString(form));
            }
        }

        private long offset(ByteBuffer b) {
            return dwarf64 ? b.getLong() : Integer.toUnsignedLong(b.getInt());
        }

        private static String at(ByteBuffer section, long offset) {
            if (section == null) {
                return "?";
            }
            ByteBuffer d = section.duplicate();
            d.position(Math.toIntExact(offset));
            return cString(d);
        }
    }

    private static String cString(ByteBuffer b) {
        int start = b.position();
        while (b.get() != 0) {
            // scan to the terminating NUL
        }
        byte[] s = new byte[b.position() - start - 1];
        b.duplicate().position(start).get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    private static long uleb(ByteBuffer b) {
        long v = 0;
        int shift = 0;
        int c;
        do {
            c = Byte.toUnsignedInt(b.get());
            v |= (long) (c & 0x7f) << shift;
            shift += 7;
        } while ((c & 0x80) != 0);
        return v;
    }

    private static long sleb(ByteBuffer b) {
        long v = 0;
        int shift = 0;
        int c;
        do {
            c = Byte.toUnsignedInt(b.get());
            v |= (long) (c & 0x7f) << shift;
            shift += 7;
        } while ((c & 0x80) != 0);
        return shift < 64 && (c & 0x40) != 0 ? v | -1L << shift : v;
    }

    /** The section headers of a 64-bit little-endian ELF file, found by name. */
    private static final class Sections {
        private final ByteBuffer file;

        Sections(byte[] bytes) {
            file = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        }

        /** The contents of section {@code name}, or null. */
        ByteBuffer find(String name) {
            try {
                long shoff = file.getLong(0x28);
                int entSize = Short.toUnsignedInt(file.getShort(0x3a));
                int count = Short.toUnsignedInt(file.getShort(0x3c));
                int namesIndex = Short.toUnsignedInt(file.getShort(0x3e));
                if (shoff == 0 || count == 0 || namesIndex >= count) {
                    return null;
                }
                int namesOffset = (int) file.getLong(Math.toIntExact(shoff + (long) namesIndex * entSize + 0x18));
                for (int i = 0; i < count; i++) {
                    int h = Math.toIntExact(shoff + (long) i * entSize);
                    ByteBuffer n = file.duplicate().order(ByteOrder.LITTLE_ENDIAN);
                    n.position(namesOffset + file.getInt(h));
                    if (!cString(n).equals(name) || file.getInt(h + 4) == SHT_NOBITS) {
                        continue;
                    }
                    int offset = Math.toIntExact(file.getLong(h + 0x18));
                    int size = Math.toIntExact(file.getLong(h + 0x20));
                    return file.duplicate().position(offset).limit(offset + size).slice().order(ByteOrder.LITTLE_ENDIAN);
                }
            } catch (RuntimeException e) {
                // Section headers beyond the file: treat as absent.
            }
            return null;
        }
    }
}
