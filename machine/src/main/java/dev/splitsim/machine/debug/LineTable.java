package dev.splitsim.machine.debug;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.kernel.process.LinuxProcess;
import java.nio.ByteBuffer;
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

    /** Rows kept from one program: far more than any program's own code has, few enough to hold. */
    public static final int MAX_ROWS = 1 << 21;

    /** One row of the line program; {@code end} marks the first address after a sequence. */
    public record Row(long address, String file, int line, boolean isStmt, boolean end) {}

    /** Rows sorted by address, ends of sequences before rows at the same address. */
    private final List<Row> rows;
    /** Why (part of) the line information was left out, or null. */
    private final String warning;

    private LineTable(List<Row> rows, String warning) {
        rows.sort(Comparator.comparingLong(Row::address).thenComparing(r -> !r.end()));
        this.rows = rows;
        this.warning = warning;
    }

    public static LineTable none() {
        return new LineTable(new ArrayList<>(), null);
    }

    /**
     * The line table of {@code elf}; empty when it has no line information. A damaged table is
     * read up to the damaged unit and {@link #warning()} says what was wrong: the debugger runs on
     * with fewer lines.
     */
    public static LineTable of(ElfFile elf) {
        long bias = elf.type() == ElfFile.ET_DYN ? LinuxProcess.PIE_BASE : 0;
        ByteBuffer lines = elf.section(".debug_line");
        if (lines == null) {
            return new LineTable(new ArrayList<>(), elf.hasSection(".debug_line")
                    ? "line information ignored: section .debug_line lies outside the file" : null);
        }
        List<Row> rows = new ArrayList<>();
        Strings strings = new Strings(elf.section(".debug_line_str"), elf.section(".debug_str"));
        try {
            Cursor c = new Cursor(lines);
            while (c.remaining() > 0) {
                readUnit(c, strings, bias, rows);
            }
        } catch (Damaged e) {
            return new LineTable(rows, "line information " + (rows.isEmpty() ? "ignored" : "cut short") + ": "
                    + e.getMessage());
        }
        return new LineTable(rows, null);
    }

    /** Why the line information was (partly) left out, as one line; null when it was read whole. */
    public String warning() {
        return warning;
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

    private static void readUnit(Cursor all, Strings strings, long bias, List<Row> rows) {
        long unitAt = all.position();
        long length = all.u32();
        boolean dwarf64 = length == 0xffffffffL;
        if (dwarf64) {
            length = all.u64();
        } else if (length >= 0xfffffff0L) {
            throw new Damaged("unit at 0x" + Long.toHexString(unitAt) + " has reserved length 0x"
                    + Long.toHexString(length));
        }
        Cursor b = all.sub(length, "unit at 0x" + Long.toHexString(unitAt));
        int version = b.u16();
        if (version < 2 || version > 5) {
            throw new Damaged("unit at 0x" + Long.toHexString(unitAt) + " has DWARF version " + version);
        }
        int addressSize = 8;
        if (version >= 5) {
            addressSize = b.u8();
            b.u8(); // segment selector size
            if (addressSize != 4 && addressSize != 8) {
                throw new Damaged("unit at 0x" + Long.toHexString(unitAt) + " has addresses of " + addressSize
                        + " bytes");
            }
        }
        long headerLength = dwarf64 ? b.u64() : b.u32();
        Cursor program = b.rest();
        Cursor h = b.sub(headerLength, "header of the unit at 0x" + Long.toHexString(unitAt));
        program.skip(headerLength);
        int minInstruction = h.u8();
        if (version >= 4) {
            h.u8(); // maximum operations per instruction: 1 on RISC-V
        }
        boolean defaultIsStmt = h.u8() != 0;
        int lineBase = (byte) h.u8();
        int lineRange = h.u8();
        int opcodeBase = h.u8();
        if (lineRange == 0) {
            throw new Damaged("unit at 0x" + Long.toHexString(unitAt) + " has a line range of 0");
        }
        int[] argCounts = new int[Math.max(opcodeBase, 1)];
        for (int i = 1; i < opcodeBase; i++) {
            argCounts[i] = h.u8();
        }
        List<String> files = new ArrayList<>();
        if (version >= 5) {
            List<String> dirs = new ArrayList<>();
            for (String[] e : entries(h, strings, dwarf64)) {
                dirs.add(e[0]);
            }
            for (String[] e : entries(h, strings, dwarf64)) {
                files.add(join(e[1] == null ? null : directory(dirs, Long.parseLong(e[1])), e[0]));
            }
        } else {
            List<String> dirs = new ArrayList<>();
            dirs.add(null);
            for (String d = h.cString(); !d.isEmpty(); d = h.cString()) {
                dirs.add(d);
            }
            files.add(null); // before version 5 files count from 1
            for (String f = h.cString(); !f.isEmpty(); f = h.cString()) {
                long dir = h.uleb();
                h.uleb();
                h.uleb();
                files.add(join(directory(dirs, dir), f));
            }
        }
        run(program, files, version, addressSize, minInstruction, defaultIsStmt, lineBase, lineRange, opcodeBase,
                argCounts, bias, rows);
    }

    private static String directory(List<String> dirs, long index) {
        if (index < 0 || index >= dirs.size()) {
            throw new Damaged("a file names directory " + index + " of " + dirs.size());
        }
        return dirs.get((int) index);
    }

    /** The state machine of the line program, appending one row per emitted line. */
    private static void run(Cursor b, List<String> files, int version, int addressSize, int minInstruction,
            boolean defaultIsStmt, int lineBase, int lineRange, int opcodeBase, int[] argCounts, long bias,
            List<Row> rows) {
        long address = 0;
        long file = 1;
        int line = 1;
        boolean isStmt = defaultIsStmt;
        while (b.remaining() > 0) {
            int op = b.u8();
            if (op >= opcodeBase) {
                int adjusted = op - opcodeBase;
                address += (long) (adjusted / lineRange) * minInstruction;
                line += lineBase + adjusted % lineRange;
                add(rows, new Row(address + bias, fileName(files, file), line, isStmt, false));
                continue;
            }
            switch (op) {
                case 0: {
                    long len = b.uleb();
                    Cursor e = b.sub(len, "an extended opcode");
                    if (len == 0) {
                        break;
                    }
                    int sub = e.u8();
                    if (sub == DW_LNE_END_SEQUENCE) {
                        add(rows, new Row(address + bias, fileName(files, file), line, isStmt, true));
                        address = 0;
                        file = 1;
                        line = 1;
                        isStmt = defaultIsStmt;
                    } else if (sub == DW_LNE_SET_ADDRESS) {
                        address = addressSize == 4 ? e.u32() : e.u64();
                    } else if (sub == DW_LNE_DEFINE_FILE && version < 5) {
                        files.add(e.cString());
                    }
                    break;
                }
                case DW_LNS_COPY:
                    add(rows, new Row(address + bias, fileName(files, file), line, isStmt, false));
                    break;
                case DW_LNS_ADVANCE_PC: address += b.uleb() * minInstruction; break;
                case DW_LNS_ADVANCE_LINE: line += (int) b.sleb(); break;
                case DW_LNS_SET_FILE: file = b.uleb(); break;
                case DW_LNS_NEGATE_STMT: isStmt = !isStmt; break;
                case DW_LNS_CONST_ADD_PC: address += (long) ((255 - opcodeBase) / lineRange) * minInstruction; break;
                case DW_LNS_FIXED_ADVANCE_PC: address += b.u16(); break;
                default:
                    // Opcodes without state we need (column, basic block, prologue end, isa, ...): skip their arguments.
                    for (int i = 0; i < argCounts[op]; i++) {
                        b.uleb();
                    }
            }
        }
    }

    private static void add(List<Row> rows, Row r) {
        if (rows.size() >= MAX_ROWS) {
            throw new Damaged("more than " + MAX_ROWS + " rows");
        }
        rows.add(r);
    }

    private static String fileName(List<String> files, long index) {
        String f = index >= 0 && index < files.size() ? files.get((int) index) : null;
        return f == null ? "?" : f;
    }

    private static String join(String dir, String file) {
        return dir == null || file.startsWith("/") ? file : dir + "/" + file;
    }

    /**
     * A version 5 entry table: its format (content type and form pairs), then the entries; each
     * entry comes back as {path, directory index or null}.
     */
    private static List<String[]> entries(Cursor b, Strings strings, boolean dwarf64) {
        int formatCount = b.u8();
        int[] content = new int[formatCount];
        int[] form = new int[formatCount];
        for (int i = 0; i < formatCount; i++) {
            content[i] = (int) Math.min(b.uleb(), Integer.MAX_VALUE);
            form[i] = (int) Math.min(b.uleb(), Integer.MAX_VALUE);
        }
        long count = b.uleb();
        // Every entry takes a byte at least, so a count beyond what is left is a damaged one.
        if (count < 0 || count > 0 && (formatCount == 0 || count > b.remaining())) {
            throw new Damaged("an entry table of " + Long.toUnsignedString(count) + " entries in "
                    + b.remaining() + " bytes");
        }
        List<String[]> out = new ArrayList<>();
        for (long n = 0; n < count; n++) {
            String[] e = new String[2];
            for (int i = 0; i < formatCount; i++) {
                Object v = strings.value(b, form[i], dwarf64);
                if (content[i] == DW_LNCT_PATH) {
                    e[0] = v instanceof String str ? str : "?";
                } else if (content[i] == DW_LNCT_DIRECTORY_INDEX) {
                    e[1] = v instanceof Long index ? Long.toString(index) : "-1";
                }
            }
            if (e[0] == null) {
                e[0] = "?";
            }
            out.add(e);
        }
        return out;
    }

    /** Reads attribute values of the forms a line table header uses; strings may live in other sections. */
    private static final class Strings {
        private final ByteBuffer lineStr;
        private final ByteBuffer str;

        Strings(ByteBuffer lineStr, ByteBuffer str) {
            this.lineStr = lineStr;
            this.str = str;
        }

        Object value(Cursor b, int form, boolean dwarf64) {
            switch (form) {
                case DW_FORM_STRING: return b.cString();
                case DW_FORM_LINE_STRP: return at(lineStr, dwarf64 ? b.u64() : b.u32());
                case DW_FORM_STRP: return at(str, dwarf64 ? b.u64() : b.u32());
                case DW_FORM_UDATA: return b.uleb();
                case DW_FORM_DATA1: return (long) b.u8();
                case DW_FORM_DATA2: return (long) b.u16();
                case DW_FORM_DATA4: return b.u32();
                case DW_FORM_DATA8: return b.u64();
                case DW_FORM_DATA16: b.skip(16); return 0L;
                case DW_FORM_BLOCK: b.skip(b.uleb()); return 0L;
                default: throw new Damaged("DWARF form 0x" + Integer.toHexString(form) + " in a file table");
            }
        }

        private static String at(ByteBuffer section, long offset) {
            if (section == null || offset < 0 || offset >= section.limit()) {
                return "?";
            }
            return new Cursor(section).skip(offset).cString();
        }
    }

    /** Why a unit could not be read; caught in {@link #of}, never shown with a stack. */
    private static final class Damaged extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Damaged(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * A read position in a window of a section: every read checks the window first, so a damaged
     * length or count ends the read with {@link Damaged} instead of running past the section.
     */
    private static final class Cursor {
        private final ByteBuffer b;
        private final int limit;
        private int pos;

        Cursor(ByteBuffer b) {
            this(b, 0, b.limit());
        }

        private Cursor(ByteBuffer b, int from, int limit) {
            this.b = b;
            this.pos = from;
            this.limit = limit;
        }

        long position() {
            return pos;
        }

        long remaining() {
            return limit - pos;
        }

        private void need(long n, String what) {
            if (n < 0 || n > limit - pos) {
                throw new Damaged(what + " of " + Long.toUnsignedString(n) + " bytes runs past the end of the section ("
                        + (limit - pos) + " left at 0x" + Integer.toHexString(pos) + ")");
            }
        }

        /** The next {@code length} bytes as a window of their own; this cursor moves past them. */
        Cursor sub(long length, String what) {
            need(length, what);
            Cursor c = new Cursor(b, pos, pos + (int) length);
            pos += (int) length;
            return c;
        }

        /** A cursor over what is left, leaving this one where it is. */
        Cursor rest() {
            return new Cursor(b, pos, limit);
        }

        Cursor skip(long n) {
            need(n, "a skip");
            pos += (int) n;
            return this;
        }

        int u8() {
            need(1, "a byte");
            return Byte.toUnsignedInt(b.get(pos++));
        }

        int u16() {
            need(2, "a 2-byte value");
            int v = Short.toUnsignedInt(b.getShort(pos));
            pos += 2;
            return v;
        }

        long u32() {
            need(4, "a 4-byte value");
            long v = Integer.toUnsignedLong(b.getInt(pos));
            pos += 4;
            return v;
        }

        long u64() {
            need(8, "an 8-byte value");
            long v = b.getLong(pos);
            pos += 8;
            return v;
        }

        long uleb() {
            return leb(false);
        }

        long sleb() {
            return leb(true);
        }

        /** A LEB128 number; a signed one extends the sign bit of its last byte. */
        private long leb(boolean signed) {
            long v = 0;
            int shift = 0;
            int c;
            do {
                if (shift > 63) {
                    throw new Damaged("a LEB128 number longer than 64 bits at 0x" + Integer.toHexString(pos));
                }
                c = u8();
                v |= (long) (c & 0x7f) << shift;
                shift += 7;
            } while ((c & 0x80) != 0);
            return signed && shift < 64 && (c & 0x40) != 0 ? v | -1L << shift : v;
        }

        String cString() {
            int end = pos;
            while (end < limit && b.get(end) != 0) {
                end++;
            }
            if (end >= limit) {
                throw new Damaged("a string without its NUL at 0x" + Integer.toHexString(pos));
            }
            byte[] s = new byte[end - pos];
            b.get(pos, s);
            pos = end + 1;
            return new String(s, StandardCharsets.UTF_8);
        }
    }
}
