package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.core.elf.ElfFormatException;
import dev.splitsim.kernel.memory.ProcessLoader;
import dev.splitsim.machine.debug.LineTable;
import dev.splitsim.machine.trace.Symbols;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mutated copies of the programs in programs/bin (flipped bytes, cuts, huge values in the header,
 * program and section headers, damaged symbol and line tables appended to them) go through the
 * loader and a short run, in this JVM: each is refused in one line, runs with warnings, or runs
 * until the guest ends or the instruction limit; never an internal error, a Java exception or a hang.
 */
final class ElfFuzzTest {
    private static final long[] INTERESTING = {0, 1, 2, 3, 0x38, 0x40, 0x7f, 0x80, 0xff, 0xffff, 0x10000, 0x7fffffffL,
        0x80000000L, 0xffffffffL, 1L << 32, 1L << 39, (1L << 47) - 4096, 1L << 47, 1L << 62, Long.MAX_VALUE,
        Long.MIN_VALUE, -1, -4096, -64};
    /** Offsets and widths of the fields of an ELF header, a program header and a section header. */
    private static final int[][] EHDR = {{16, 2}, {18, 2}, {24, 8}, {32, 8}, {40, 8}, {52, 2}, {54, 2}, {56, 2},
        {58, 2}, {60, 2}, {62, 2}};
    private static final int[][] PHDR = {{0, 4}, {4, 4}, {8, 8}, {16, 8}, {24, 8}, {32, 8}, {40, 8}, {48, 8}};
    private static final int[][] SHDR = {{0, 4}, {4, 4}, {8, 8}, {16, 8}, {24, 8}, {32, 8}, {40, 4}, {44, 4},
        {48, 8}, {56, 8}};

    @TempDir
    Path tmp;

    private static List<byte[]> programs() throws IOException {
        try (Stream<Path> s = Files.list(DifferentialTest.BIN)) {
            return s.sorted().map(p -> {
                try {
                    return Files.readAllBytes(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void mutatedProgramsAreRefusedInOneLineOrRunWithinTheirLimits() throws IOException {
        List<byte[]> programs = programs();
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path file = tmp.resolve("mutant");
        int[] outcomes = new int[4];
        Fuzz.Report report = Fuzz.campaign("elf", 0xe1f0_5eedL, 10_000, 30_000).run((r, seed) -> {
            byte[] elf = mutate(programs.get(r.nextInt(programs.size())), r);
            boolean parses = parses(elf);
            String tools = throughTheTools(elf);
            if (tools != null) {
                return tools;
            }
            // The command line costs more than most cases: it takes one case in eight, and the rest run the
            // same machine in this JVM; a file the parser refuses needs the command line only to check its line.
            boolean commandLine = r.nextInt(8) == 0;
            if (!parses && !commandLine) {
                outcomes[0]++;
                return null;
            }
            Files.write(file, elf);
            String profile = r.nextInt(4) == 0 ? "legoos" : "local";
            Fuzz.Outcome o = commandLine
                    ? Fuzz.main(new byte[0], "run", "-q", "--profile", profile, "--max-instructions", "20000",
                            "--max-time", "10", "--root", root.toString(), file.toString())
                    : Fuzz.machine(file, List.of(), profile, List.of(), 20000, root, new byte[0]);
            String failure = Fuzz.hostFailure(o);
            if (failure != null) {
                return profile + (commandLine ? " (command line)" : "") + ": " + failure;
            }
            List<String> reports = o.stderr().lines().filter(l -> l.startsWith("splitsim: ")
                    && !l.startsWith("splitsim: warning: ")).toList();
            if (o.status() == 2) {
                outcomes[0]++;
                if (commandLine && (reports.size() != 1 || !reports.get(0).startsWith("splitsim: " + file + ": "))) {
                    return profile + ": refused without its one line: " + o.stderr().strip();
                }
            } else if (o.status() == 124) {
                outcomes[1]++;
            } else if (o.status() > 128) {
                outcomes[2]++;
            } else {
                outcomes[3]++;
            }
            return null;
        });
        System.out.printf("fuzz elf: %d refused, %d stopped at the limit, %d guest faults, %d exits%n", outcomes[0],
                outcomes[1], outcomes[2], outcomes[3]);
        assertThat(report.failures()).as(report.summary()).isEmpty();
    }

    private static boolean parses(byte[] elf) {
        try {
            ElfFile.parse(elf);
            return true;
        } catch (ElfFormatException refused) {
            return false;
        }
    }

    /** The parts that read a file without running it: the parser, the symbols, the line table, the loader's check. */
    private static String throughTheTools(byte[] elf) {
        ElfFile e;
        try {
            e = ElfFile.parse(elf);
        } catch (ElfFormatException refused) {
            return refused.getMessage().contains("\n") ? "a refusal of more than one line" : null;
        }
        Symbols.of(e);
        LineTable.of(e);
        ProcessLoader.unfit(e);
        for (String w : e.warnings()) {
            if (w.contains("\n")) {
                return "a warning of more than one line: " + w;
            }
        }
        return null;
    }

    /** One to three mutations of {@code original}, some after a symbol or line table was appended. */
    static byte[] mutate(byte[] original, SplittableRandom r) {
        ElfBytes e = new ElfBytes(original);
        int extra = r.nextInt(6);
        if (extra == 0) {
            long entry = ByteBuffer.wrap(original).order(ByteOrder.LITTLE_ENDIAN).getLong(24);
            e = e.withSymbols(new String[] {"main", "tohost", "a_rather_long_name_for_a_symbol"},
                    new long[] {entry, entry + 64, r.nextLong()});
        } else if (extra == 1) {
            e = e.append(new String[] {".debug_line"}, new int[] {ElfBytes.SHT_PROGBITS},
                    new byte[][] {LineTableTest.unit()});
        }
        byte[] b = e.bytes();
        for (int n = 1 + r.nextInt(3); n > 0; n--) {
            b = mutateOnce(b, r, extra <= 1);
        }
        return b;
    }

    private static byte[] mutateOnce(byte[] b, SplittableRandom r, boolean appended) {
        if (b.length < 64) {
            // Cut inside the ELF header already: a flipped byte is all there is left to do.
            if (b.length > 0) {
                b[r.nextInt(b.length)] ^= (byte) (1 + r.nextInt(255));
            }
            return b;
        }
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long phoff = buf.getLong(32);
        int phnum = buf.getShort(56) & 0xffff;
        long shoff = buf.getLong(40);
        int shnum = buf.getShort(60) & 0xffff;
        switch (r.nextInt(appended ? 6 : 5)) {
            case 0: { // flipped bytes, mostly in the headers
                for (int k = 1 + r.nextInt(8); k > 0; k--) {
                    int at;
                    int where = r.nextInt(10);
                    if (where < 6 && phoff >= 0 && phoff <= b.length && phoff + 56L * phnum <= b.length) {
                        at = r.nextInt((int) (phoff + 56L * phnum));
                    } else if (where < 8 && shnum > 0 && shoff > 0 && shoff <= b.length
                            && shoff + 64L * shnum <= b.length) {
                        at = (int) shoff + r.nextInt(64 * shnum);
                    } else {
                        at = r.nextInt(Math.max(1, b.length));
                    }
                    if (at < b.length) {
                        b[at] ^= (byte) (1 + r.nextInt(255));
                    }
                }
                return b;
            }
            case 1: { // a cut: anywhere, or right at a header boundary
                int len;
                if (r.nextBoolean()) {
                    len = r.nextInt(b.length + 1);
                } else {
                    long[] edges = {64, phoff + 56L * phnum, phoff + 56L * r.nextInt(Math.max(1, phnum)), shoff,
                        shoff + 64L * shnum, b.length - 1};
                    len = (int) Math.max(0, Math.min(b.length, edges[r.nextInt(edges.length)] + r.nextInt(3) - 1));
                }
                return Arrays.copyOf(b, len);
            }
            case 2: // a value in the ELF header
                put(buf, 0, EHDR[r.nextInt(EHDR.length)], value(r, b.length));
                return b;
            case 3: // a value in a program header
                if (phnum > 0 && phoff >= 0 && phoff <= b.length && phoff + 56L * phnum <= b.length) {
                    put(buf, (int) phoff + 56 * r.nextInt(phnum), PHDR[r.nextInt(PHDR.length)], value(r, b.length));
                }
                return b;
            case 4: // a value in a section header
                if (shnum > 0 && shoff > 0 && shoff <= b.length && shoff + 64L * shnum <= b.length) {
                    put(buf, (int) shoff + 64 * r.nextInt(shnum), SHDR[r.nextInt(SHDR.length)], value(r, b.length));
                }
                return b;
            default: { // a value in one of the appended sections' headers (the last ones)
                if (shnum >= 3 && shoff > 0 && shoff <= b.length && shoff + 64L * shnum <= b.length) {
                    put(buf, (int) shoff + 64 * (shnum - 1 - r.nextInt(3)), SHDR[r.nextInt(SHDR.length)],
                            value(r, b.length));
                }
                return b;
            }
        }
    }

    private static long value(SplittableRandom r, int fileLength) {
        switch (r.nextInt(4)) {
            case 0: return r.nextLong();
            case 1: return fileLength + r.nextInt(3) - 1;
            default: return INTERESTING[r.nextInt(INTERESTING.length)];
        }
    }

    private static void put(ByteBuffer b, int base, int[] field, long v) {
        int at = base + field[0];
        if (at + field[1] > b.limit()) {
            return;
        }
        switch (field[1]) {
            case 2: b.putShort(at, (short) v); break;
            case 4: b.putInt(at, (int) v); break;
            default: b.putLong(at, v);
        }
    }
}
