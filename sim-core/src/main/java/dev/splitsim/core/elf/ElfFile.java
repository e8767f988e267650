package dev.splitsim.core.elf;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A parsed 64-bit little-endian RISC-V ELF executable: header, program headers, section headers
 * and the symbol table. Every offset, size, count and link is checked against the file before it
 * is used, in arithmetic that cannot overflow. What a program needs to run (the header and the
 * program headers) must be sound, else an {@link ElfFormatException} says in one line what is
 * wrong; what only tools use (section headers, the symbol table) is dropped when damaged and
 * noted in {@link #warnings()}.
 */
public final class ElfFile {
    public static final int PT_LOAD = 1;
    public static final int PT_INTERP = 3;
    public static final int PT_PHDR = 6;
    public static final int PF_X = 1;
    public static final int PF_W = 2;
    public static final int PF_R = 4;
    public static final int ET_EXEC = 2;
    public static final int ET_DYN = 3;
    public static final int SHT_SYMTAB = 2;
    public static final int SHT_STRTAB = 3;
    public static final int SHT_NOBITS = 8;
    private static final int EM_RISCV = 243;
    private static final int EHDR_BYTES = 64;
    private static final int PHDR_BYTES = 56;
    private static final int SHDR_BYTES = 64;
    private static final int SYM_BYTES = 24;
    /** The largest program file read: far beyond any real static executable, well within a default heap. */
    public static final long MAX_FILE_BYTES = 256L << 20;
    /** Linux refuses a program header table larger than this (fs/binfmt_elf.c, load_elf_phdrs). */
    public static final int MAX_PROGRAM_HEADER_BYTES = 64 << 10;
    /**
     * Symbols kept from one file: a large C++ program has a few hundred thousand; the cap keeps a
     * crafted table from filling the heap with records.
     */
    public static final int MAX_SYMBOLS = 1 << 20;

    /** One program header. */
    public record Segment(int type, int flags, long offset, long vaddr, long fileSize, long memSize) {
        /** The first address after the segment's memory image, unsigned (no wrap: checked when parsed). */
        public long end() {
            return vaddr + memSize;
        }
    }

    /** One symbol of the symbol table. */
    public record Symbol(String name, long value, long size, int type) {}

    /**
     * One section header; {@code inFile} says whether its bytes lie inside the file (a NOBITS
     * section has none and never is).
     */
    public record Section(String name, int type, long offset, long size, int link, long entrySize, boolean inFile) {}

    private final byte[] bytes;
    private final int type;
    private final long entry;
    private final long phoff;
    private final int phentsize;
    private final List<Segment> segments;
    private final List<Section> sections;
    private final List<Symbol> symbols;
    private final List<String> warnings = new ArrayList<>();

    private ElfFile(byte[] bytes) {
        this.bytes = bytes;
        if (bytes.length < 4 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new ElfFormatException("not an ELF file");
        }
        if (bytes.length < EHDR_BYTES) {
            throw malformed("truncated: " + bytes.length + " bytes, shorter than an ELF header (64)");
        }
        if (bytes[4] != 2) {
            throw new ElfFormatException("32-bit ELF file; splitsim runs 64-bit RISC-V (RV64) executables");
        }
        if (bytes[5] != 1) {
            throw new ElfFormatException("big-endian ELF file; RISC-V executables are little-endian");
        }
        ByteBuffer b = buffer();
        this.type = b.getShort(16) & 0xffff;
        int machine = b.getShort(18) & 0xffff;
        if (machine != EM_RISCV) {
            throw new ElfFormatException("ELF file for " + machineName(machine) + ", not RISC-V");
        }
        if (type != ET_EXEC && type != ET_DYN) {
            throw new ElfFormatException(type == 1 ? "relocatable object file, not an executable (link it first)"
                    : "ELF file of type " + type + ", not an executable");
        }
        this.entry = b.getLong(24);
        this.phoff = b.getLong(32);
        this.phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        this.segments = readSegments(b, phnum);
        this.sections = readSections(b, b.getLong(40), b.getShort(58) & 0xffff, b.getShort(60) & 0xffff,
                b.getShort(62) & 0xffff);
        this.symbols = readSymbols(b);
    }

    private static ElfFormatException malformed(String what) {
        return new ElfFormatException("malformed ELF: " + what);
    }

    public static ElfFile parse(byte[] bytes) {
        return new ElfFile(bytes);
    }

    /** Reads and parses a file; a missing or unreadable file is an {@link ElfFormatException} too. */
    public static ElfFile read(Path path) {
        byte[] bytes = readBytes(path);
        try {
            return new ElfFile(bytes);
        } catch (ElfFormatException e) {
            if (e.getMessage().startsWith(path.toString())) {
                throw e;
            }
            throw new ElfFormatException(path + ": " + e.getMessage());
        }
    }

    /**
     * The bytes of a program file, after checking that it is one: a regular file of at most
     * {@link #MAX_FILE_BYTES}. A FIFO or a device such as /dev/urandom would never end a read, and
     * a huge file would exhaust the heap, since a program's bytes are held more than once (the
     * loader, the storage component, the symbol table).
     */
    public static byte[] readBytes(Path path) {
        try {
            if (Files.isDirectory(path)) {
                throw new ElfFormatException(path + ": is a directory");
            }
            if (!Files.exists(path)) {
                throw new NoSuchFileException(path.toString());
            }
            if (!Files.isRegularFile(path)) {
                throw new ElfFormatException(path + ": not a regular file (a FIFO or a device is no program)");
            }
            long size = Files.size(path);
            if (size > MAX_FILE_BYTES) {
                throw new ElfFormatException(path + ": " + size + " bytes, more than a program may have ("
                        + (MAX_FILE_BYTES >> 20) + " MiB)");
            }
            return Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            throw new ElfFormatException(path + ": no such file");
        } catch (AccessDeniedException e) {
            throw new ElfFormatException(path + ": cannot read (permission denied)");
        } catch (IOException e) {
            // The JDK's message for a host error is often the path alone; its reason is the strerror text.
            String why = e instanceof FileSystemException f && f.getReason() != null ? f.getReason() : e.getMessage();
            throw new ElfFormatException(path + ": cannot read (" + why + ")");
        }
    }

    private ByteBuffer buffer() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    /** Whether [offset, offset + length) lies inside the file; offsets and lengths are unsigned in ELF. */
    private boolean inFile(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= bytes.length && length <= bytes.length - offset;
    }

    /** Whether a table of {@code count} entries of {@code size} bytes at {@code offset} lies inside the file. */
    private boolean tableInFile(long offset, long count, long size) {
        return count >= 0 && size >= 0 && (size == 0 || count <= Long.MAX_VALUE / size) && inFile(offset, count * size);
    }

    private static String hex(long v) {
        return "0x" + Long.toHexString(v);
    }

    private List<Segment> readSegments(ByteBuffer b, int phnum) {
        if (phnum == 0) {
            throw malformed("no program headers");
        }
        if (phentsize < PHDR_BYTES) {
            throw malformed("program header entries of " + phentsize + " bytes, less than the 56 of ELF64");
        }
        long tableBytes = (long) phnum * phentsize;
        if (tableBytes > MAX_PROGRAM_HEADER_BYTES) {
            throw malformed("program header table of " + tableBytes + " bytes (" + phnum + " x " + phentsize
                    + "), more than Linux accepts (64 KiB)");
        }
        if (!inFile(phoff, tableBytes)) {
            throw malformed("truncated: program header table at " + hex(phoff) + " (" + tableBytes
                    + " bytes) lies outside the " + bytes.length + "-byte file");
        }
        List<Segment> segs = new ArrayList<>();
        List<Integer> loads = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            Segment s = new Segment(b.getInt(at), b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16),
                    b.getLong(at + 32), b.getLong(at + 40));
            if (s.type() == PT_INTERP) {
                throw new ElfFormatException("dynamically linked executable; splitsim runs static executables "
                        + "(link with -static)");
            }
            if (s.type() == PT_LOAD) {
                checkLoadable(i, s);
                if (s.memSize() > 0) {
                    loads.add(i);
                }
            }
            segs.add(s);
        }
        if (loads.isEmpty()) {
            throw malformed("no loadable segment with memory");
        }
        checkDisjoint(segs, loads);
        return Collections.unmodifiableList(segs);
    }

    private void checkLoadable(int i, Segment s) {
        if (!inFile(s.offset(), s.fileSize())) {
            throw malformed("truncated: segment " + i + "'s file bytes " + hex(s.offset()) + "..+" + hex(s.fileSize())
                    + " lie outside the " + bytes.length + "-byte file");
        }
        if (Long.compareUnsigned(s.memSize(), s.fileSize()) < 0) {
            throw malformed("segment " + i + " has " + hex(s.memSize()) + " bytes of memory for "
                    + hex(s.fileSize()) + " bytes of file");
        }
        if (Long.compareUnsigned(s.vaddr() + s.memSize(), s.vaddr()) < 0) {
            throw malformed("segment " + i + " at " + hex(s.vaddr()) + "..+" + hex(s.memSize())
                    + " wraps around the address space");
        }
    }

    /**
     * Loadable segments may share a page at their boundary (the loader gives that page both
     * permissions) but no byte: one segment's bytes would silently replace another's.
     */
    private static void checkDisjoint(List<Segment> segs, List<Integer> loads) {
        List<Integer> byAddress = new ArrayList<>(loads);
        byAddress.sort((i, j) -> Long.compareUnsigned(segs.get(i).vaddr(), segs.get(j).vaddr()));
        for (int k = 1; k < byAddress.size(); k++) {
            Segment prev = segs.get(byAddress.get(k - 1));
            Segment next = segs.get(byAddress.get(k));
            if (Long.compareUnsigned(next.vaddr(), prev.end()) < 0) {
                throw malformed("segments " + byAddress.get(k - 1) + " and " + byAddress.get(k) + " overlap ("
                        + hex(prev.vaddr()) + "..+" + hex(prev.memSize()) + " and " + hex(next.vaddr()) + "..+"
                        + hex(next.memSize()) + ")");
            }
        }
    }

    private List<Section> readSections(ByteBuffer b, long shoff, int shentsize, int shnum, int shstrndx) {
        if (shoff == 0 || shnum == 0) {
            return List.of();
        }
        if (shentsize < SHDR_BYTES) {
            warnings.add("section headers ignored: entries of " + shentsize + " bytes, less than the 64 of ELF64");
            return List.of();
        }
        if (!tableInFile(shoff, shnum, shentsize)) {
            warnings.add("section headers ignored: the table at " + hex(shoff) + " (" + shnum + " x " + shentsize
                    + " bytes) lies outside the " + bytes.length + "-byte file");
            return List.of();
        }
        long namesOffset = -1;
        long namesSize = 0;
        if (shstrndx < shnum) {
            int at = (int) (shoff + (long) shstrndx * shentsize);
            long off = b.getLong(at + 24);
            long size = b.getLong(at + 32);
            if (b.getInt(at + 4) == SHT_STRTAB && inFile(off, size)) {
                namesOffset = off;
                namesSize = size;
            }
        }
        if (namesOffset < 0) {
            warnings.add("section names ignored: e_shstrndx " + shstrndx + " names no string table inside the file");
        }
        List<Section> out = new ArrayList<>(shnum);
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * shentsize);
            long nameOff = Integer.toUnsignedLong(b.getInt(at));
            int sectionType = b.getInt(at + 4);
            long off = b.getLong(at + 24);
            long size = b.getLong(at + 32);
            String name = namesOffset >= 0 && nameOff < namesSize
                    ? cString((int) (namesOffset + nameOff), (int) (namesOffset + namesSize)) : "";
            out.add(new Section(name, sectionType, off, size, b.getInt(at + 40), b.getLong(at + 56),
                    sectionType != SHT_NOBITS && inFile(off, size)));
        }
        return Collections.unmodifiableList(out);
    }

    private List<Symbol> readSymbols(ByteBuffer b) {
        List<Symbol> out = new ArrayList<>();
        for (Section table : sections) {
            if (table.type() == SHT_SYMTAB && readSymbols(b, table, out)) {
                break;
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Adds the symbols of {@code table} to {@code out}; true when the cap was reached. */
    private boolean readSymbols(ByteBuffer b, Section table, List<Symbol> out) {
        String problem = null;
        Section strings = table.link() >= 0 && table.link() < sections.size() ? sections.get(table.link()) : null;
        if (!table.inFile()) {
            problem = "its bytes " + hex(table.offset()) + "..+" + hex(table.size()) + " lie outside the file";
        } else if (table.entrySize() < SYM_BYTES || table.entrySize() > table.size() && table.size() > 0) {
            problem = "entries of " + table.entrySize() + " bytes";
        } else if (strings == null) {
            problem = "sh_link " + Integer.toUnsignedString(table.link()) + " names no section (the file has "
                    + sections.size() + ")";
        } else if (strings.type() != SHT_STRTAB || !strings.inFile()) {
            problem = "its string table (section " + table.link() + ") is no string table inside the file";
        }
        if (problem != null) {
            warnings.add("symbol table ignored: " + problem);
            return false;
        }
        long count = table.size() / table.entrySize();
        int badNames = 0;
        for (long k = 0; k < count; k++) {
            if (out.size() >= MAX_SYMBOLS) {
                warnings.add("symbol table cut short: only the first " + MAX_SYMBOLS + " symbols are kept");
                return true;
            }
            int p = (int) (table.offset() + k * table.entrySize());
            long nameOff = Integer.toUnsignedLong(b.getInt(p));
            int info = b.get(p + 4) & 0xff;
            if (nameOff == 0) {
                continue;
            }
            if (nameOff >= strings.size()) {
                badNames++;
                continue;
            }
            out.add(new Symbol(cString((int) (strings.offset() + nameOff), (int) (strings.offset() + strings.size())),
                    b.getLong(p + 8), b.getLong(p + 16), info & 15));
        }
        if (badNames > 0) {
            warnings.add("symbol table: " + badNames + " symbols whose names lie outside the string table skipped");
        }
        return false;
    }

    /** The NUL-terminated string at {@code from}, cut at {@code limit} when it has no NUL before. */
    private String cString(int from, int limit) {
        int end = from;
        while (end < limit && bytes[end] != 0) {
            end++;
        }
        return new String(bytes, from, end - from, StandardCharsets.UTF_8);
    }

    private static String machineName(int machine) {
        switch (machine) {
            case 3: return "x86 (i386)";
            case 8: return "MIPS";
            case 20: return "PowerPC";
            case 21: return "PowerPC64";
            case 40: return "ARM";
            case 62: return "x86-64";
            case 183: return "AArch64";
            case 258: return "LoongArch";
            default: return "machine " + machine;
        }
    }

    public byte[] bytes() {
        return bytes;
    }

    /** ET_EXEC, or ET_DYN for a static position-independent executable. */
    public int type() {
        return type;
    }

    public long entry() {
        return entry;
    }

    public long programHeaderOffset() {
        return phoff;
    }

    public int programHeaderSize() {
        return phentsize;
    }

    /** Every program header; loadable ones lie inside the file, never wrap and never overlap. */
    public List<Segment> segments() {
        return segments;
    }

    /** The section headers, empty when the table was damaged (see {@link #warnings()}). */
    public List<Section> sections() {
        return sections;
    }

    /**
     * The bytes of the first section named {@code name} that lies inside the file, as a
     * little-endian buffer of exactly its size; null when there is none.
     */
    public ByteBuffer section(String name) {
        for (Section s : sections) {
            if (s.name().equals(name) && s.inFile()) {
                return buffer().position((int) s.offset()).limit((int) (s.offset() + s.size())).slice()
                        .order(ByteOrder.LITTLE_ENDIAN);
            }
        }
        return null;
    }

    /** Whether a section of this name exists, whether or not its bytes are usable. */
    public boolean hasSection(String name) {
        for (Section s : sections) {
            if (s.name().equals(name)) {
                return true;
            }
        }
        return false;
    }

    public List<Symbol> symbols() {
        return symbols;
    }

    /**
     * One line for each damaged part that was left out (section headers, names, the symbol table):
     * the program still runs, but tools see less of it.
     */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** The address of the named symbol, or -1 when the file has no such symbol. */
    public long symbolAddress(String name) {
        for (Symbol s : symbols) {
            if (s.name().equals(name)) {
                return s.value();
            }
        }
        return -1;
    }
}
