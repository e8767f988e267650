package dev.splitsim.machine.trace;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.kernel.process.LinuxProcess;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The guest program's symbol table, at the addresses the program runs at: names code addresses as
 * {@code symbol+0xoffset} and finds symbols by name. A stripped program has none, and then every
 * address is shown as a number only.
 */
public final class Symbols {
    private static final int STT_OBJECT = 1;
    private static final int STT_FUNC = 2;

    private final long[] start;
    private final long[] end;
    private final String[] name;

    private Symbols(List<ElfFile.Symbol> sorted, long bias) {
        int n = sorted.size();
        start = new long[n];
        end = new long[n];
        name = new String[n];
        for (int i = 0; i < n; i++) {
            ElfFile.Symbol s = sorted.get(i);
            start[i] = s.value() + bias;
            long next = i + 1 < n ? sorted.get(i + 1).value() + bias : Long.MAX_VALUE;
            // A symbol without a size reaches the next one.
            end[i] = s.size() > 0 ? start[i] + s.size() : next;
            name[i] = s.name();
        }
    }

    public static Symbols of(ElfFile elf) {
        long bias = elf.type() == ElfFile.ET_DYN ? LinuxProcess.PIE_BASE : 0;
        List<ElfFile.Symbol> useful = new ArrayList<>();
        for (ElfFile.Symbol s : elf.symbols()) {
            if ((s.type() == STT_FUNC || s.type() == STT_OBJECT) && s.value() != 0 && !s.name().isEmpty()) {
                useful.add(s);
            }
        }
        useful.sort(Comparator.comparingLong(ElfFile.Symbol::value).thenComparing(ElfFile.Symbol::name));
        return new Symbols(useful, bias);
    }

    public static Symbols none() {
        return new Symbols(List.of(), 0);
    }

    public int size() {
        return name.length;
    }

    /** Index of the symbol covering {@code address}, or -1. */
    private int find(long address) {
        int lo = 0;
        int hi = start.length - 1;
        int best = -1;
        while (lo <= hi) {
            int mid = (lo + hi) >>> 1;
            if (Long.compareUnsigned(start[mid], address) <= 0) {
                best = mid;
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best >= 0 && Long.compareUnsigned(address, end[best]) < 0 ? best : -1;
    }

    /** {@code name+0x1c}, {@code name} at its start, or null when no symbol covers the address. */
    public String describe(long address) {
        int i = find(address);
        if (i < 0) {
            return null;
        }
        long off = address - start[i];
        return off == 0 ? name[i] : name[i] + "+0x" + Long.toHexString(off);
    }

    /** {@code 0x10568 <main+0x8>}, or just the number. */
    public String at(long address) {
        String d = describe(address);
        return "0x" + Long.toHexString(address) + (d == null ? "" : " <" + d + ">");
    }

    /** The start of the function covering {@code address}, or -1. */
    public long startOf(long address) {
        int i = find(address);
        return i < 0 ? -1 : start[i];
    }

    /** The address of a symbol by exact name, or -1. */
    public long address(String symbol) {
        for (int i = 0; i < name.length; i++) {
            if (name[i].equals(symbol)) {
                return start[i];
            }
        }
        return -1;
    }

    /** Parses an address or symbol as a user types it: {@code main}, {@code main+16}, {@code 0x10568}, {@code 66920}. */
    public long parse(String text) {
        String t = text.trim();
        int plus = t.indexOf('+');
        long offset = 0;
        if (plus > 0) {
            offset = parseNumber(t.substring(plus + 1));
            t = t.substring(0, plus);
        }
        long base;
        if (t.toLowerCase(Locale.ROOT).startsWith("0x") || (!t.isEmpty() && Character.isDigit(t.charAt(0)))) {
            base = parseNumber(t);
        } else {
            base = address(t);
            if (base < 0) {
                throw new IllegalArgumentException("no symbol '" + t + "'" + (size() == 0 ? " (the program has no"
                        + " symbol table; it may be stripped)" : ""));
            }
        }
        return base + offset;
    }

    public static long parseNumber(String t) {
        String s = t.trim().toLowerCase(Locale.ROOT);
        try {
            return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
        } catch (NumberFormatException e) {
            boolean digits = s.matches("0x[0-9a-f]+|-?[0-9]+");
            String what = digits ? "number out of range" : "not a number";
            throw new IllegalArgumentException(what + ": '" + t.trim() + "'");
        }
    }
}
