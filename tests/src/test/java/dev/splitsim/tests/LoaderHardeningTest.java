package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.RunResult;
import dev.splitsim.machine.cli.Main;
import dev.splitsim.machine.config.Profiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Damaged ELF files: what a program needs to run (header, program headers) is refused with one
 * line {@code splitsim: FILE: malformed ELF: ...} and status 2; what only tools use (section
 * headers, the symbol table) is left out with one warning and the program runs; a segment outside
 * the user space is refused, and a huge bss costs nothing until it is touched.
 */
final class LoaderHardeningTest {
    private static final Path HELLO = DifferentialTest.BIN.resolve("hello");
    private static final String HELLO_OUT = "Hello from splitsim!\n";
    private static final long USER_END = 1L << 47;

    @TempDir
    Path tmp;

    private record Result(int status, String stdout, String stderr) {}

    private static Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true),
                new PrintStream(err, true));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private Path write(String name, ElfBytes elf) throws IOException {
        return elf.write(tmp.resolve(name));
    }

    private static ElfBytes hello() throws IOException {
        return ElfBytes.of(HELLO);
    }

    /** hello with a symbol table naming its entry point, which traces then show. */
    private static ElfBytes helloWithSymbols() throws IOException {
        ElfBytes e = hello();
        long entry = ElfFile.parse(e.bytes()).entry();
        return e.withSymbols(new String[] {"entry_here", "other"}, new long[] {entry, entry + 0x100});
    }

    @Test
    void aSoundAppendedSymbolTableIsReadWithoutWarnings() throws IOException {
        ElfFile elf = ElfFile.parse(helloWithSymbols().bytes());
        assertThat(elf.warnings()).isEmpty();
        assertThat(elf.symbolAddress("entry_here")).isEqualTo(elf.entry());
        Path p = write("syms", helloWithSymbols());
        Result r = run("run", "-q", "--trace", "insn", "--max-instructions", "1", p.toString());
        assertThat(r.stderr()).contains("<entry_here>").doesNotContain("warning");
    }

    /** Damage to an optional part: the run is the plain program's, with exactly one warning first. */
    private void assertOneWarning(String name, ElfBytes damaged, String fragment) throws IOException {
        Path p = write(name, damaged);
        for (String profile : new String[] {"legoos", "local"}) {
            Result r = run("run", "-q", "--profile", profile, "--trace", "syscall", "--trace-file",
                    tmp.resolve("t.txt").toString(), p.toString());
            assertThat(r.status()).as(r.stderr()).isZero();
            assertThat(r.stdout()).isEqualTo(HELLO_OUT);
            assertThat(r.stderr().lines().toList()).as(name).hasSize(1);
            assertThat(r.stderr()).startsWith("splitsim: warning: " + p + ": ").contains(fragment);
        }
    }

    @Test
    void aSymbolTableLinkedToNoSectionIsIgnoredWithOneWarning() throws IOException {
        ElfBytes e = helloWithSymbols();
        int symtab = e.sectionIndex(ElfBytes.SHT_SYMTAB);
        assertOneWarning("link", e.setShdrInt(symtab, ElfBytes.SH_LINK, 999),
                "symbol table ignored: sh_link 999 names no section");
        assertOneWarning("negative-link", helloWithSymbols().setShdrInt(symtab, ElfBytes.SH_LINK, -1),
                "sh_link 4294967295 names no section");
        // Linked to a section that is not a string table (section 1 is a note).
        assertOneWarning("not-strings", helloWithSymbols().setShdrInt(symtab, ElfBytes.SH_LINK, 1),
                "is no string table");
    }

    @Test
    void aSymbolTableOutsideTheFileOrWithBadEntriesIsIgnored() throws IOException {
        int symtab = helloWithSymbols().sectionIndex(ElfBytes.SHT_SYMTAB);
        assertOneWarning("far", helloWithSymbols().setShdrLong(symtab, ElfBytes.SH_OFFSET, 1L << 40),
                "lie outside the file");
        assertOneWarning("wrap", helloWithSymbols().setShdrLong(symtab, ElfBytes.SH_OFFSET, -8)
                .setShdrLong(symtab, ElfBytes.SH_SIZE, 16), "lie outside the file");
        assertOneWarning("huge", helloWithSymbols().setShdrLong(symtab, ElfBytes.SH_SIZE, Long.MAX_VALUE),
                "lie outside the file");
        assertOneWarning("entsize", helloWithSymbols().setShdrLong(symtab, ElfBytes.SH_ENTSIZE, 0), "entries of 0");
        ElfBytes strings = helloWithSymbols();
        assertOneWarning("strings", strings.setShdrLong(symtab + 1, ElfBytes.SH_OFFSET, 1L << 50),
                "is no string table inside the file");
        // Names past the end of the string table: those symbols go, the others stay.
        ElfBytes names = helloWithSymbols();
        names.setShdrLong(symtab + 1, ElfBytes.SH_SIZE, 1);
        ElfFile parsed = ElfFile.parse(names.bytes());
        assertThat(parsed.symbols()).isEmpty();
        assertThat(parsed.warnings()).containsExactly(
                "symbol table: 2 symbols whose names lie outside the string table skipped");
    }

    @Test
    void damagedSectionHeadersAreIgnoredWithOneWarning() throws IOException {
        assertOneWarning("shoff", hello().setLong(40, Long.MAX_VALUE - 10), "section headers ignored");
        assertOneWarning("shentsize", hello().setShort(58, 10), "entries of 10 bytes");
        assertOneWarning("shnum", hello().setShort(60, 0xffff), "lies outside the");
        assertOneWarning("shstrndx", hello().setShort(62, 0xfffe), "section names ignored");
    }

    /** Damage to what the program needs: one line naming the file and what is wrong, status 2, both layouts. */
    private void assertMalformed(String name, ElfBytes damaged, String what) throws IOException {
        Path p = write(name, damaged);
        for (String profile : new String[] {"legoos", "local"}) {
            Result r = run("run", "-q", "--profile", profile, p.toString());
            assertThat(r.status()).as(r.stderr()).isEqualTo(2);
            assertThat(r.stdout()).isEmpty();
            assertThat(r.stderr()).isEqualTo("splitsim: " + p + ": " + what + "\n");
        }
        Result bare = run("run", "-q", "--bare", p.toString());
        assertThat(bare.status()).isEqualTo(2);
        assertThat(bare.stderr()).isEqualTo("splitsim: " + p + ": " + what + "\n");
    }

    @Test
    void badProgramHeaderTablesAreOneLine() throws IOException {
        assertMalformed("phnum0", hello().setShort(56, 0), "malformed ELF: no program headers");
        assertMalformed("phentsize", hello().setShort(54, 32),
                "malformed ELF: program header entries of 32 bytes, less than the 56 of ELF64");
        assertMalformed("phnum", hello().setShort(56, 0xffff),
                "malformed ELF: program header table of 3669960 bytes (65535 x 56), more than Linux accepts (64 KiB)");
        assertMalformed("phoff", hello().setLong(32, -64), "malformed ELF: truncated: program header table at"
                + " 0xffffffffffffffc0 (392 bytes) lies outside the 420840-byte file");
    }

    @Test
    void badLoadableSegmentsAreOneLine() throws IOException {
        List<Integer> loads = hello().loads();
        int text = loads.get(0);
        int data = loads.get(1);
        assertMalformed("offset", hello().setPhdrLong(data, ElfBytes.P_OFFSET, Long.MAX_VALUE - 4),
                "malformed ELF: truncated: segment 2's file bytes 0x7ffffffffffffffb..+0x5600 lie outside the"
                        + " 420840-byte file");
        assertMalformed("filesz", hello().setPhdrLong(data, ElfBytes.P_FILESZ, -1),
                "malformed ELF: truncated: segment 2's file bytes 0x60dc0..+0xffffffffffffffff lie outside the"
                        + " 420840-byte file");
        assertMalformed("memsz", hello().setPhdrLong(data, ElfBytes.P_MEMSZ, 0x100),
                "malformed ELF: segment 2 has 0x100 bytes of memory for 0x5600 bytes of file");
        assertMalformed("wrap", hello().setPhdrLong(data, ElfBytes.P_VADDR, -0x1000),
                "malformed ELF: segment 2 at 0xfffffffffffff000..+0xaab8 wraps around the address space");
        long textStart = hello().phdrLong(text, ElfBytes.P_VADDR);
        assertMalformed("overlap", hello().setPhdrLong(data, ElfBytes.P_VADDR, textStart + 0x1000),
                "malformed ELF: segments 1 and 2 overlap (0x10000..+0x60544 and 0x11000..+0xaab8)");
        assertMalformed("none", hello().setPhdrLong(text, ElfBytes.P_TYPE, 0).setPhdrLong(data, ElfBytes.P_TYPE, 0),
                "malformed ELF: no loadable segment with memory");
    }

    @Test
    void segmentsOutsideTheUserSpaceAreRefused() throws IOException {
        int data = hello().loads().get(1);
        String at = "segment 2 at 0x800000000000..+0xaab8 lies outside the user address space (below 0x800000000000)";
        for (String[] c : new String[][] {
            {"high", Long.toString(USER_END), at},
            {"crossing", Long.toString(USER_END - 0x2000),
                "segment 2 at 0x7fffffffe000..+0xaab8 lies outside the user address space (below 0x800000000000)"},
            {"sign", Long.toString(Long.MIN_VALUE), "segment 2 at 0x8000000000000000..+0xaab8 lies outside the user"
                + " address space (below 0x800000000000)"}}) {
            Path p = write(c[0], hello().setPhdrLong(data, ElfBytes.P_VADDR, Long.parseLong(c[1])));
            for (String profile : new String[] {"legoos", "local"}) {
                Result r = run("run", "-q", "--profile", profile, p.toString());
                assertThat(r.status()).isEqualTo(2);
                assertThat(r.stderr()).isEqualTo("splitsim: " + p + ": " + c[2] + "\n");
            }
        }
        // A position-independent program at a high address must not wrap into range once placed.
        ElfBytes pie = hello().setShort(16, 3).setPhdrLong(data, ElfBytes.P_VADDR, -(1L << 35));
        Path p = write("pie", pie);
        Result r = run("run", "-q", p.toString());
        assertThat(r.status()).isEqualTo(2);
        assertThat(r.stderr()).contains("lies outside the user address space");
        Path mem = write("memsz", hello().setPhdrLong(data, ElfBytes.P_MEMSZ, USER_END));
        assertThat(run("run", "-q", mem.toString()).stderr()).contains("lies outside the user address space");
    }

    private static ElfBytes withBss(long memsz) throws IOException {
        ElfBytes e = hello();
        return e.setPhdrLong(e.loads().get(1), ElfBytes.P_MEMSZ, memsz);
    }

    @Test
    void aBssOfHalfATerabyteLoadsInMillisecondsAndRunsAsThePlainProgram() throws IOException {
        Path p = write("bss39", withBss(1L << 39));
        for (String profile : new String[] {"legoos", "local"}) {
            long start = System.nanoTime();
            ProcessSpec spec = new ProcessSpec(p, p.toString(), List.of(p.toString()), List.of(),
                    new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(new ByteArrayOutputStream()), false, false, false, tmp, 1, false);
            Machine m = Machine.load(Profiles.load(profile, List.of()), spec);
            long loadMillis = (System.nanoTime() - start) / 1_000_000;
            // A page-by-page walk of 2^27 pages would take minutes; the whole machine is built in well under a second.
            assertThat(loadMillis).as(profile + ": load time").isLessThan(2000);
            assertThat(m.virtualMemory().areas().areaAt((1L << 39) + 0x70000).end()).isGreaterThan(1L << 39);
            RunResult done = m.run(RunLimits.NONE);
            assertThat(done.exitStatus()).isZero();
            Result r = run("run", "-q", "--profile", profile, p.toString());
            assertThat(r).isEqualTo(new Result(0, HELLO_OUT, ""));
        }
    }

    @Test
    void aLargeBssRunsAsUnderQemu() throws IOException, InterruptedException {
        Assumptions.assumeTrue(Tools.onPath("qemu-riscv64"), "qemu-riscv64 is not installed: skipping");
        // qemu reserves host memory for the guest's bss, so it is compared where the host can hold it.
        Path p = write("bss34", withBss(1L << 34));
        p.toFile().setExecutable(true);
        DifferentialTest.Outcome theirs = DifferentialTest.qemu(
                new DifferentialTest.Case(p.toString(), List.of(), List.of(), ""));
        for (String profile : new String[] {"legoos", "local"}) {
            Result r = run("run", "-q", "--profile", profile, p.toString());
            assertThat(new DifferentialTest.Outcome(r.status(), r.stdout(), r.stderr())).isEqualTo(theirs);
        }
    }

    @Test
    void truncationsAtEveryHeaderBoundaryAreOneLine() throws IOException {
        byte[] whole = hello().bytes();
        for (int length : new int[] {0, 3, 4, 63, 64, 100, 64 + 56 * 7 - 1, 2000, 0x60544, 0x66000}) {
            Path p = write("cut" + length, new ElfBytes(java.util.Arrays.copyOf(whole, length)));
            Result r = run("run", "-q", p.toString());
            assertThat(r.status()).as("length " + length + ": " + r.stderr()).isEqualTo(2);
            assertThat(r.stderr().lines().count()).isEqualTo(1);
            assertThat(r.stderr()).startsWith("splitsim: " + p + ": ");
        }
        // Cut inside the section headers only: the program runs, the headers are left out.
        int cut = whole.length - 10;
        Path p = write("cut-sections", new ElfBytes(java.util.Arrays.copyOf(whole, cut)));
        Result r = run("run", "-q", p.toString());
        assertThat(r.status()).isZero();
        assertThat(r.stderr()).startsWith("splitsim: warning: " + p + ": section headers ignored");
    }
}
