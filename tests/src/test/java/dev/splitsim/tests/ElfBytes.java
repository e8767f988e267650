package dev.splitsim.tests;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An ELF64 file's bytes for tests to damage on purpose: header, program and section header fields
 * by index, and new sections (a symbol table, a line table) appended with a fresh section header
 * table, so that a stripped program from programs/bin can carry the optional parts the loader
 * must survive.
 */
final class ElfBytes {
    static final int PT_LOAD = 1;
    static final int SHT_SYMTAB = 2;
    static final int SHT_STRTAB = 3;
    static final int SHT_PROGBITS = 1;
    /** Field offsets inside a program header and a section header. */
    static final int P_TYPE = 0, P_OFFSET = 8, P_VADDR = 16, P_FILESZ = 32, P_MEMSZ = 40;
    static final int SH_NAME = 0, SH_TYPE = 4, SH_OFFSET = 24, SH_SIZE = 32, SH_LINK = 40, SH_ENTSIZE = 56;

    private byte[] bytes;

    ElfBytes(byte[] bytes) {
        this.bytes = bytes.clone();
    }

    static ElfBytes of(Path file) throws IOException {
        return new ElfBytes(Files.readAllBytes(file));
    }

    byte[] bytes() {
        return bytes.clone();
    }

    Path write(Path file) throws IOException {
        return Files.write(file, bytes);
    }

    private ByteBuffer b() {
        return ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    long phoff() {
        return b().getLong(32);
    }

    int phnum() {
        return b().getShort(56) & 0xffff;
    }

    long shoff() {
        return b().getLong(40);
    }

    int shnum() {
        return b().getShort(60) & 0xffff;
    }

    int phdr(int i) {
        return (int) (phoff() + 56L * i);
    }

    int shdr(int i) {
        return (int) (shoff() + 64L * i);
    }

    /** The indexes of the PT_LOAD program headers, in file order. */
    List<Integer> loads() {
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < phnum(); i++) {
            if (b().getInt(phdr(i) + P_TYPE) == PT_LOAD) {
                out.add(i);
            }
        }
        return out;
    }

    long phdrLong(int i, int field) {
        return b().getLong(phdr(i) + field);
    }

    ElfBytes setPhdrLong(int i, int field, long value) {
        b().putLong(phdr(i) + field, value);
        return this;
    }

    ElfBytes setShdrInt(int i, int field, int value) {
        b().putInt(shdr(i) + field, value);
        return this;
    }

    ElfBytes setShdrLong(int i, int field, long value) {
        b().putLong(shdr(i) + field, value);
        return this;
    }

    ElfBytes setShort(int at, int value) {
        b().putShort(at, (short) value);
        return this;
    }

    ElfBytes setLong(int at, long value) {
        b().putLong(at, value);
        return this;
    }

    int sectionIndex(int type) {
        for (int i = 0; i < shnum(); i++) {
            if (b().getInt(shdr(i) + SH_TYPE) == type) {
                return i;
            }
        }
        return -1;
    }

    /**
     * Appends sections {@code names[k]} of type {@code types[k]} with contents {@code data[k]} (a
     * symbol table links to the string table right after it) and a new section header table
     * holding the old headers, the new ones and a new section name table.
     */
    ElfBytes append(String[] names, int[] types, byte[][] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(bytes, 0, bytes.length);
        int oldCount = shnum();
        byte[] oldHeaders = Arrays.copyOfRange(bytes, shdr(0), shdr(0) + 64 * oldCount);
        long[] offsets = new long[names.length];
        for (int k = 0; k < names.length; k++) {
            pad(out);
            offsets[k] = out.size();
            out.write(data[k], 0, data[k].length);
        }
        // The old names stay where the old headers point; the new ones follow them.
        ByteArrayOutputStream names2 = new ByteArrayOutputStream();
        int oldNames = shdr(b().getShort(62) & 0xffff);
        int oldNamesAt = (int) b().getLong(oldNames + SH_OFFSET);
        names2.write(bytes, oldNamesAt, (int) b().getLong(oldNames + SH_SIZE));
        int[] nameAt = new int[names.length + 1];
        for (int k = 0; k <= names.length; k++) {
            nameAt[k] = names2.size();
            byte[] n = ((k < names.length ? names[k] : ".shstrtab") + "\0").getBytes(StandardCharsets.US_ASCII);
            names2.write(n, 0, n.length);
        }
        pad(out);
        long namesOffset = out.size();
        out.write(names2.toByteArray(), 0, names2.size());
        pad(out);
        long tableOffset = out.size();
        out.write(oldHeaders, 0, oldHeaders.length);
        for (int k = 0; k <= names.length; k++) {
            ByteBuffer h = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
            boolean isNames = k == names.length;
            int type = isNames ? SHT_STRTAB : types[k];
            h.putInt(0, nameAt[k]).putInt(4, type).putLong(24, isNames ? namesOffset : offsets[k])
                    .putLong(32, isNames ? names2.size() : data[k].length);
            if (type == SHT_SYMTAB) {
                h.putInt(40, oldCount + k + 1).putLong(56, 24);
            }
            out.write(h.array(), 0, 64);
        }
        bytes = out.toByteArray();
        b().putLong(40, tableOffset);
        setShort(60, oldCount + names.length + 1);
        setShort(62, oldCount + names.length);
        return this;
    }

    private static void pad(ByteArrayOutputStream out) {
        while (out.size() % 8 != 0) {
            out.write(0);
        }
    }

    /** A symbol table of functions {@code names} at {@code values}, and its string table. */
    ElfBytes withSymbols(String[] names, long[] values) {
        ByteArrayOutputStream strings = new ByteArrayOutputStream();
        strings.write(0);
        ByteBuffer syms = ByteBuffer.allocate(24 * (names.length + 1)).order(ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < names.length; i++) {
            int at = 24 * (i + 1);
            syms.putInt(at, strings.size()).put(at + 4, (byte) 0x12).putLong(at + 8, values[i]).putLong(at + 16, 4);
            byte[] n = (names[i] + "\0").getBytes(StandardCharsets.US_ASCII);
            strings.write(n, 0, n.length);
        }
        return append(new String[] {".symtab", ".strtab"}, new int[] {SHT_SYMTAB, SHT_STRTAB},
                new byte[][] {syms.array(), strings.toByteArray()});
    }

    /** The index of the last section named {@code name}, as {@link #append} numbers them. */
    int appendedIndex(int fromEnd) {
        return shnum() - 1 - fromEnd;
    }
}
