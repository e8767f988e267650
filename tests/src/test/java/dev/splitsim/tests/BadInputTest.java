package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.machine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input ends in one clear line on stderr and the documented status, never a stack trace. */
final class BadInputTest {
    private static final Path REPO = DifferentialTest.REPO;

    @TempDir
    Path tmp;

    private record Result(int status, String stderr) {}

    private Result run(String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true));
        return new Result(status, err.toString(StandardCharsets.UTF_8));
    }

    private static void assertOneLine(Result r, int status, String... fragments) {
        assertThat(r.status()).as(r.stderr()).isEqualTo(status);
        assertThat(r.stderr().lines().count()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).startsWith("splitsim: ").doesNotContain("Exception").doesNotContain("\tat ");
        for (String f : fragments) {
            assertThat(r.stderr()).contains(f);
        }
    }

    /** The whole of stderr is {@code line}: one line, nothing else. */
    private static void assertExactly(Result r, int status, String line) {
        assertThat(r.stderr()).isEqualTo(line + System.lineSeparator());
        assertThat(r.status()).isEqualTo(status);
    }

    @Test
    void numbersOutsideTheirRangeNameTheKeyTheRangeAndTheValue() {
        String hello = REPO.resolve("programs/bin/hello").toString();
        assertExactly(run("run", "-q", "--set", "cpu.latency.alu=-1", hello), 2,
                "splitsim: cpu.latency.alu must be between 1 and 1000, got -1");
        assertExactly(run("run", "-q", "--set", "cpu.latency.fsqrt=-25", hello), 2,
                "splitsim: cpu.latency.fsqrt must be between 1 and 1000, got -25");
        assertExactly(run("run", "-q", "--set", "memory.size=1", hello), 2,
                "splitsim: memory.size must be between 1MiB and 1024GiB, got 1");
        assertExactly(run("run", "-q", "--set", "cpu.frequency=0Hz", hello), 2,
                "splitsim: cpu.frequency must be between 1MHz and 100GHz, got 0Hz");
        assertExactly(run("run", "-q", "--set", "fabric.link_bandwidth=0Gbps", hello), 2,
                "splitsim: fabric.link_bandwidth must be between 1Mbps and 1000Gbps, got 0Gbps");
        assertExactly(run("run", "-q", "--set", "fabric.propagation=-10ns", hello), 2,
                "splitsim: fabric.propagation must be between 0ns and 1ms, got -10ns");
        assertExactly(run("run", "-q", "--profile", "local", "--set", "l2.latency=0", hello), 2,
                "splitsim: l2.latency must be between 1 and 1000, got 0");
        assertExactly(run("debug", "--set", "cpu.cores=65", hello), 2,
                "splitsim: cpu.cores must be between 1 and 64, got 65");
    }

    @Test
    void aBranchPredictorSizeNamesTheKeyThatWasSet() {
        String hello = REPO.resolve("programs/bin/hello").toString();
        assertExactly(run("run", "-q", "--set", "bpred.ras_entries=0", hello), 2,
                "splitsim: bpred.ras_entries must be between 1 and 1024, got 0");
        assertExactly(run("run", "-q", "--set", "bpred.table_entries=1000", hello), 2,
                "splitsim: bpred.table_entries must be a power of two, got 1000");
        assertExactly(run("run", "-q", "--set", "bpred.btb_entries=3", hello), 2,
                "splitsim: bpred.btb_entries must be a power of two, got 3");
    }

    @Test
    void badOptionValuesAreOneLine() {
        String hello = REPO.resolve("programs/bin/hello").toString();
        assertExactly(run("run", "--max-instructions", "abc", hello), 2, "splitsim: Invalid value for option"
                + " '--max-instructions': 'abc' is not a whole number (try 'splitsim run --help')");
        assertExactly(run("run", "--seed", "x", hello), 2,
                "splitsim: Invalid value for option '--seed': 'x' is not a whole number (try 'splitsim run --help')");
        assertExactly(run("debug", "--seed", "1.5", hello), 2, "splitsim: Invalid value for option '--seed':"
                + " '1.5' is not a whole number (try 'splitsim debug --help')");
        assertExactly(run("run", "--max-time", "NaN", hello), 2,
                "splitsim: Invalid value for option '--max-time': 'NaN' is not a number (try 'splitsim run --help')");
        assertExactly(run("run", "--gdb", "99999999999", hello), 2,
                "splitsim: Invalid value for option '--gdb': '99999999999' is too large (try 'splitsim run --help')");
        assertExactly(run("bench", "--repeat", "twice"), 2, "splitsim: Invalid value for option '--repeat':"
                + " 'twice' is not a whole number (try 'splitsim bench --help')");
        assertExactly(run("run", "--max-instr", "5", hello), 2, "splitsim: Unknown option: '--max-instr'"
                + " (did you mean '--max-instructions'?) (try 'splitsim run --help')");
        assertExactly(run("run", "--max-instructions", "-5", hello), 2,
                "splitsim: --max-instructions must not be negative, got -5");
        assertExactly(run("run", "--max-time", "-1", hello), 2, "splitsim: --max-time must not be negative, got -1.0");
        assertExactly(run("bench", "--repeat", "0"), 2, "splitsim: --repeat must be at least 1, got 0");
    }

    @Test
    void anUnwritableStatsFileIsRefusedBeforeTheRun() throws IOException {
        String hello = REPO.resolve("programs/bin/hello").toString();
        Path missing = tmp.resolve("no-such-folder/x");
        // Refused before the run: the guest never prints (its output would be on stdout, the summary on stderr).
        assertExactly(run("run", "--stats", missing.toString(), hello), 2,
                "splitsim: cannot write stats to " + missing + ": no such file or directory");
        assertExactly(run("run", "--stats-json", tmp.toString(), hello), 2,
                "splitsim: cannot write stats to " + tmp + ": is a directory");
        Path readOnly = Files.writeString(tmp.resolve("ro.json"), "keep");
        org.junit.jupiter.api.Assumptions.assumeTrue(readOnly.toFile().setWritable(false));
        if (!Files.isWritable(readOnly)) { // root may write anyway
            assertExactly(run("run", "--stats-json", readOnly.toString(), hello), 2,
                    "splitsim: cannot write stats to " + readOnly + ": permission denied");
        }
        assertThat(Files.readString(readOnly)).isEqualTo("keep");
        assertThat(missing.getParent()).doesNotExist();
    }

    @Test
    void theWritableCheckLeavesNoFileBehind() {
        Path fresh = tmp.resolve("fresh.json");
        assertExactly(run("run", "-q", "--stats-json", fresh.toString(), tmp.resolve("nothing-here").toString()), 2,
                "splitsim: " + tmp.resolve("nothing-here") + ": no such file");
        assertThat(fresh).doesNotExist();
        Result r = run("run", "-q", "--stats-json", fresh.toString(), "--max-instructions", "10",
                REPO.resolve("programs/bin/hello").toString());
        assertThat(r.status()).isEqualTo(124);
        assertThat(fresh).exists();
    }

    @Test
    void aWriteThatFailsAfterTheRunIsOneLine() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isWritable(Path.of("/dev/full")), "no /dev/full here");
        // /dev/full opens for writing, so the run goes ahead; then every write to it fails.
        assertExactly(run("run", "-q", "--stats", "/dev/full", REPO.resolve("programs/bin/hello").toString()), 2,
                "splitsim: cannot write stats to /dev/full: no space left on device");
    }

    @Test
    void aTraceFileInAMissingFolderIsOneLine() {
        Path missing = tmp.resolve("no-such-folder/t.txt");
        String hello = REPO.resolve("programs/bin/hello").toString();
        assertExactly(run("run", "-q", "--trace-file", missing.toString(), hello), 2,
                "splitsim: cannot write trace file " + missing + ": no such file or directory");
    }

    @Test
    void aMemoryComponentOfTheSmallestSizeRuns() {
        Result r = run("run", "-q", "--set", "memory.size=1MiB", REPO.resolve("programs/bin/hello").toString());
        assertThat(r.status()).as(r.stderr()).isZero();
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void textFileIsNotAnElf() throws IOException {
        Path t = Files.writeString(tmp.resolve("notes.txt"), "hello\n");
        assertOneLine(run("run", "-q", t.toString()), 2, "not an ELF file");
    }

    @Test
    void truncatedElf() throws IOException {
        byte[] whole = Files.readAllBytes(REPO.resolve("programs/bin/hello"));
        Path t = Files.write(tmp.resolve("cut"), Arrays.copyOf(whole, 2000));
        assertOneLine(run("run", "-q", t.toString()), 2, "truncated");
    }

    @Test
    void elfForAnotherMachine() throws IOException {
        byte[] elf = Files.readAllBytes(REPO.resolve("programs/bin/hello"));
        elf[18] = 62; // e_machine = x86-64
        elf[19] = 0;
        Path t = Files.write(tmp.resolve("x86"), elf);
        assertOneLine(run("run", "-q", t.toString()), 2, "x86-64");
    }

    @Test
    void thirtyTwoBitElf() throws IOException {
        byte[] elf = Files.readAllBytes(REPO.resolve("programs/bin/hello"));
        elf[4] = 1;
        Path t = Files.write(tmp.resolve("elf32"), elf);
        assertOneLine(run("run", "-q", t.toString()), 2, "32-bit");
    }

    @Test
    void dynamicallyLinkedElf() throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tools.onPath("riscv64-linux-gnu-gcc"),
                "riscv64-linux-gnu-gcc is not installed: skipping the dynamic ELF case");
        Path src = Files.writeString(tmp.resolve("d.c"), "int main(void){return 0;}\n");
        Path out = tmp.resolve("d");
        Process p = new ProcessBuilder("riscv64-linux-gnu-gcc", "-o", out.toString(), src.toString()).inheritIO().start();
        assertThat(p.waitFor()).isZero();
        assertOneLine(run("run", "-q", out.toString()), 2, "dynamically linked");
    }

    @Test
    @org.junit.jupiter.api.Timeout(value = 60, threadMode = org.junit.jupiter.api.Timeout.ThreadMode.SEPARATE_THREAD)
    void aFifoOrADeviceAsProgramIsRefusedBeforeAnyRead() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(Tools.onPath("mkfifo"), "no mkfifo here");
        Path fifo = tmp.resolve("f");
        assertThat(new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor()).isZero();
        // A read of a FIFO with no writer would wait for ever: each of these would hang without the check.
        String line = "splitsim: " + fifo + ": not a regular file (a FIFO or a device is no program)";
        assertExactly(run("run", "-q", fifo.toString()), 2, line);
        assertExactly(run("run", "-q", "--profile", "local", fifo.toString()), 2, line);
        assertExactly(run("run", "-q", "--trace", "fabric", fifo.toString()), 2, line);
        assertExactly(run("run", "-q", "--bare", fifo.toString()), 2, line);
        assertExactly(run("debug", fifo.toString()), 2, line);
        if (Files.exists(Path.of("/dev/urandom"))) {
            assertExactly(run("run", "-q", "/dev/urandom"), 2,
                    "splitsim: /dev/urandom: not a regular file (a FIFO or a device is no program)");
        }
    }

    @Test
    void aProgramFileLargerThanAnyProgramIsRefusedBeforeItIsRead() throws IOException {
        Path big = tmp.resolve("big");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(big.toFile(), "rw")) {
            f.setLength((256L << 20) + 1); // sparse: no disk space taken
        }
        assertExactly(run("run", "-q", big.toString()), 2,
                "splitsim: " + big + ": 268435457 bytes, more than a program may have (256 MiB)");
    }

    @Test
    void aFolderAsTheDebuggedProgramsStdinIsOneLine() {
        assertExactly(run("debug", "--stdin", tmp.toString(), REPO.resolve("programs/bin/hello").toString()), 2,
                "splitsim: --stdin " + tmp + ": is a directory");
    }

    @Test
    void missingFile() {
        assertOneLine(run("run", "-q", tmp.resolve("nothing-here").toString()), 2, "no such file");
    }

    @Test
    void nullDereferenceIsAGuestSegfault() {
        Result r = run("run", "-q", REPO.resolve("programs/faults/bin/nullptr").toString());
        assertOneLine(r, 139, "guest fault: segmentation fault", "pc=0x", "addr=0x0 ");
    }

    @Test
    void illegalInstructionReportsItsEncoding() {
        assertOneLine(run("run", "-q", REPO.resolve("programs/faults/bin/illegal").toString()), 132,
                "guest fault: illegal instruction", "0xffffffff");
    }

    @Test
    void runawayGuestStopsAtTheInstructionLimit() {
        assertOneLine(run("run", "-q", "--max-instructions", "100000", REPO.resolve("programs/faults/bin/spin").toString()),
                124, "stopped after 100000 instructions");
    }

    @Test
    void unknownConfigurationKeyAndBadValue() {
        String hello = REPO.resolve("programs/bin/hello").toString();
        assertOneLine(run("run", "-q", "--set", "no.such.key=1", hello), 2, "no.such.key");
        assertOneLine(run("run", "-q", "--set", "cpu.frequency=fast", hello), 2, "cpu.frequency");
    }

    @Test
    void badSplitMachineSettings() {
        String hello = REPO.resolve("programs/bin/hello").toString();
        assertOneLine(run("run", "-q", "--set", "excache.policy=oldest", hello), 2, "excache.policy");
        assertOneLine(run("run", "-q", "--set", "excache.line_size=1KiB", hello), 2, "excache.line_size");
        assertOneLine(run("run", "-q", "--set", "excache.size=100KiB", "--set", "excache.ways=3", hello), 2,
                "excache.ways");
        assertOneLine(run("run", "-q", "--set", "topology.memory=", hello), 2, "topology.memory");
        assertOneLine(run("run", "-q", "--set", "memory.tlb_entries=1000", hello), 2, "memory.tlb_entries");
        assertOneLine(run("run", "-q", "--trace-format", "xml", "--trace-file", tmp.resolve("t").toString(), hello), 2,
                "--trace-format");
        assertOneLine(run("run", "-q", "--trace", "fabric,disk", hello), 2, "unknown trace kind 'disk'");
        assertOneLine(run("run", "-q", "--trace", "fabric", "--trace-format", "chrome", hello), 2, "needs --trace-file");
    }

    @Test
    void writeToReadOnlyMemoryIsAGuestSegfaultOnBothLayouts() {
        String rodata = REPO.resolve("programs/faults/bin/rodata").toString();
        for (String profile : new String[] {"legoos", "local"}) {
            assertOneLine(run("run", "-q", "--profile", profile, rodata), 139,
                    "segmentation fault (store to read-only memory)", "(sb ");
        }
    }

    @Test
    void memoryComponentOutOfFramesEndsTheGuestWithSigbus() {
        String heap = REPO.resolve("programs/bin/heap").toString();
        assertOneLine(run("run", "-q", "--set", "memory.size=4MiB", "--set", "excache.size=1MiB", heap), 135,
                "guest fault: bus error (out of memory: memory component 0 is out of physical memory (4194304 bytes;"
                        + " raise memory.size)) at pc=0x");
    }

    @Test
    void aProgramThatDoesNotFitInMemoryIsOneLine() {
        String cxx = REPO.resolve("programs/bin/cxx").toString();
        assertExactly(run("run", "-q", "--set", "memory.size=1MiB", cxx), 2, "splitsim: " + cxx
                + ": does not fit in memory: memory component 0 is out of physical memory (1048576 bytes;"
                + " raise memory.size)");
    }
}
