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
 * A parsed 64-bit little-endian RISC-V ELF executable: header, program headers and the symbol
 * table. Anything else is refused with an {@link ElfFormatException} whose message is one line
 * saying what the file is instead.
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
    private static final int EM_RISCV = 243;
    /** The largest program file read: far beyond any real static executable, well within a default heap. */
    public static final long MAX_FILE_BYTES = 256L << 20;

    /** One program header. */
    public record Segment(int type, int flags, long offset, long vaddr, long fileSize, long memSize) {}

    /** One symbol of the symbol table. */
    public record Symbol(String name, long value, long size, int type) {}

    private final byte[] bytes;
    private final int type;
    private final long entry;
    private final long phoff;
    private final int phentsize;
    private final List<Segment> segments;
    private final List<Symbol> symbols;

    private ElfFile(byte[] bytes) {
        this.bytes = bytes;
        if (bytes.length < 4 || bytes[0] != 0x7f || bytes[1] != 'E' || bytes[2] != 'L' || bytes[3] != 'F') {
            throw new ElfFormatException("not an ELF file");
        }
        if (bytes.length < 64) {
            throw new ElfFormatException("truncated ELF file: " + bytes.length + " bytes, shorter than an ELF header");
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
        long shoff = b.getLong(40);
        this.phentsize = b.getShort(54) & 0xffff;
        int phnum = b.getShort(56) & 0xffff;
        int shentsize = b.getShort(58) & 0xffff;
        int shnum = b.getShort(60) & 0xffff;
        if (phnum == 0 || phentsize < 56 || !inFile(phoff, (long) phnum * phentsize)) {
            throw new ElfFormatException("truncated or malformed ELF file: program headers outside the file");
        }
        List<Segment> segs = new ArrayList<>();
        for (int i = 0; i < phnum; i++) {
            int at = (int) (phoff + (long) i * phentsize);
            Segment s = new Segment(b.getInt(at), b.getInt(at + 4), b.getLong(at + 8), b.getLong(at + 16),
                    b.getLong(at + 32), b.getLong(at + 40));
            if (s.type() == PT_INTERP) {
                throw new ElfFormatException("dynamically linked executable; splitsim runs static executables "
                        + "(link with -static)");
            }
            if (s.type() == PT_LOAD && (!inFile(s.offset(), s.fileSize()) || s.memSize() < s.fileSize())) {
                throw new ElfFormatException("truncated ELF file: a loadable segment lies beyond the end of the file");
            }
            segs.add(s);
        }
        this.segments = Collections.unmodifiableList(segs);
        this.symbols = readSymbols(b, shoff, shentsize, shnum);
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

    private boolean inFile(long offset, long length) {
        return offset >= 0 && length >= 0 && offset <= bytes.length && length <= bytes.length - offset;
    }

    private List<Symbol> readSymbols(ByteBuffer b, long shoff, int shentsize, int shnum) {
        if (shoff == 0 || shnum == 0 || shentsize < 64 || !inFile(shoff, (long) shnum * shentsize)) {
            return List.of();
        }
        List<Symbol> out = new ArrayList<>();
        for (int i = 0; i < shnum; i++) {
            int at = (int) (shoff + (long) i * shentsize);
            if (b.getInt(at + 4) != 2) { // SHT_SYMTAB
                continue;
            }
            long off = b.getLong(at + 24);
            long size = b.getLong(at + 32);
            int link = b.getInt(at + 40);
            long entsize = b.getLong(at + 56);
            if (entsize < 24 || link >= shnum || !inFile(off, size)) {
                continue;
            }
            int strAt = (int) (shoff + (long) link * shentsize);
            long strOff = b.getLong(strAt + 24);
            long strSize = b.getLong(strAt + 32);
            if (!inFile(strOff, strSize)) {
                continue;
            }
            for (long p = off; p + entsize <= off + size; p += entsize) {
                int nameOff = b.getInt((int) p);
                int info = b.get((int) p + 4) & 0xff;
                long value = b.getLong((int) p + 8);
                long symSize = b.getLong((int) p + 16);
                if (nameOff <= 0 || nameOff >= strSize) {
                    continue;
                }
                out.add(new Symbol(cString((int) (strOff + nameOff), (int) (strOff + strSize)), value, symSize,
                        info & 15));
            }
        }
        return Collections.unmodifiableList(out);
    }

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

    public List<Segment> segments() {
        return segments;
    }

    public List<Symbol> symbols() {
        return symbols;
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
