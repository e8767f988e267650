package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.cpu.isa.Decoder;
import dev.splitsim.cpu.isa.Disassembler;
import dev.splitsim.cpu.isa.Encodings;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random 16- and 32-bit instruction words, run in user mode (in place of a Linux program's code,
 * where an ecall is a random system call) and in bare-metal M mode: the guest exits, gets a signal
 * or traps; the host never throws and never hangs. The decoder and disassembler see a million words
 * besides.
 */
final class InstructionFuzzTest {
    /** Major opcodes of RV64GC's 32-bit encodings, so that most words are instructions of some kind. */
    private static final int[] OPCODES = {0x03, 0x07, 0x0f, 0x13, 0x17, 0x1b, 0x23, 0x27, 0x2f, 0x33, 0x37, 0x3b,
        0x43, 0x47, 0x4b, 0x4f, 0x53, 0x63, 0x67, 0x6f, 0x73};
    private static final int CODE_BYTES = 4096;
    private static final long BARE_BASE = 0x8000_0000L;

    @TempDir
    Path tmp;

    /**
     * A word: mostly a valid instruction (an encoding of the table with random operands), else a
     * compressed one, a SYSTEM one, one of a real major opcode with random fields, or any bits.
     */
    static int word(SplittableRandom r) {
        switch (r.nextInt(10)) {
            case 0: return r.nextInt();
            case 1: case 2: return (r.nextInt() & 0xfffc) | r.nextInt(3); // compressed: low bits 00, 01 or 10
            case 3: return 0x73 | (r.nextInt() & ~0x7f); // SYSTEM: ecall, ebreak, CSRs, mret, wfi ...
            case 4: return OPCODES[r.nextInt(OPCODES.length)] | (r.nextInt() & ~0x7f);
            default: {
                Encodings.Row row = Encodings.ALL.get(r.nextInt(Encodings.ALL.size()));
                return row.match() | (r.nextInt() & ~row.mask());
            }
        }
    }

    /**
     * Points every register but sp near the stack pointer, so that most loads and stores of the
     * random code reach memory and the code runs on instead of faulting at once.
     */
    static byte[] withRegistersNearTheStack(byte[] code, SplittableRandom r) {
        ByteBuffer b = ByteBuffer.wrap(code.clone()).order(ByteOrder.LITTLE_ENDIAN);
        for (int reg = 1; reg < 32; reg++) {
            if (reg != 2) {
                int offset = -8 * r.nextInt(256); // addi xreg, sp, offset
                b.putInt((offset & 0xfff) << 20 | 2 << 15 | reg << 7 | 0x13);
            }
        }
        return b.array();
    }

    /** {@code CODE_BYTES} of random instructions, 16- and 32-bit ones mixed as a program would mix them. */
    static byte[] code(SplittableRandom r) {
        ByteBuffer b = ByteBuffer.allocate(CODE_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        while (b.remaining() >= 4) {
            int w = word(r);
            if ((w & 3) != 3) {
                b.putShort((short) w);
            } else {
                b.putInt(w);
            }
        }
        return b.array();
    }

    @Test
    void theDecoderAndDisassemblerTakeAnyWord() {
        long seed = Long.decode(System.getProperty("fuzz.seed", "0x1d3c0de"));
        SplittableRandom r = new SplittableRandom(seed);
        int words = Integer.getInteger("fuzz.words", 1_000_000);
        for (int i = 0; i < words; i++) {
            int w = i < 65536 ? i : r.nextInt();
            try {
                if ((w & 3) == 3) {
                    Decoder.decode32(w);
                } else {
                    Decoder.decode16(w & 0xffff);
                }
                Disassembler.disassemble(0x10000L + 2L * i, w);
            } catch (RuntimeException | Error e) {
                throw new AssertionError(String.format("word 0x%08x (seed 0x%x) threw %s", w, seed, e), e);
            }
        }
    }

    @Test
    void randomCodeInUserModeEndsAsAGuestNeverAsTheHost() throws IOException {
        byte[] hello = Files.readAllBytes(DifferentialTest.BIN.resolve("hello"));
        ByteBuffer h = ByteBuffer.wrap(hello).order(ByteOrder.LITTLE_ENDIAN);
        long entry = h.getLong(24);
        // hello's text segment starts at offset 0, address 0x10000: the entry's file offset follows.
        int entryOffset = (int) (entry - 0x10000);
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path file = tmp.resolve("random-code");
        int[] statuses = new int[256];
        long[] executed = new long[1];
        Fuzz.Report report = Fuzz.campaign("user instructions", 0xc0de_0001L, 1500, 30_000).run((r, seed) -> {
            byte[] b = hello.clone();
            byte[] code = withRegistersNearTheStack(code(r), r);
            System.arraycopy(code, 0, b, entryOffset, Math.min(code.length, b.length - entryOffset));
            Files.write(file, b);
            String profile = r.nextInt(3) == 0 ? "legoos" : "local";
            List<String> sets = r.nextBoolean() ? List.of("cpu.timing=false") : List.of();
            Fuzz.Outcome o = Fuzz.machine(file, List.of(), profile, sets, 20_000, root, new byte[0]);
            statuses[o.status() & 0xff]++;
            executed[0] += Math.max(0, o.instructions());
            String failure = Fuzz.hostFailure(o);
            return failure == null ? null : profile + ": " + failure;
        });
        System.out.printf("fuzz user instructions: %d run; SIGILL %d, SIGSEGV %d, SIGBUS %d, SIGTRAP %d, at the limit"
                + " %d, other %d%n", executed[0], statuses[132], statuses[139], statuses[135], statuses[133],
                statuses[124],
                report.cases() - statuses[132] - statuses[139] - statuses[135] - statuses[133] - statuses[124]);
        assertThat(report.failures()).as(report.summary()).isEmpty();
    }

    @Test
    void randomCodeInBareMetalModeTrapsOrStopsAtTheLimit() throws IOException {
        Path file = tmp.resolve("bare");
        int[] statuses = new int[256];
        Fuzz.Report report = Fuzz.campaign("bare instructions", 0xc0de_0002L, 800, 30_000).run((r, seed) -> {
            Files.write(file, bareElf(withTrapSkipper(code(r))));
            Fuzz.Outcome o = Fuzz.main(new byte[0], "run", "-q", "--bare", "--max-instructions", "20000",
                    "--max-time", "10", file.toString());
            statuses[o.status() & 0xff]++;
            String failure = Fuzz.hostFailure(o);
            if (failure != null) {
                return failure;
            }
            if (o.status() == 2) {
                return "refused: " + o.stderr().strip();
            }
            return null;
        });
        System.out.printf("fuzz bare instructions: at the limit of 20000 %d, ended through tohost %d%n",
                statuses[124], report.cases() - statuses[124]);
        assertThat(report.failures()).as(report.summary()).isEmpty();
    }

    /**
     * {@code code} behind a prologue that points mtvec at a handler which steps mepc over the
     * trapping halfword and returns, so that one case runs on through many faults.
     */
    static byte[] withTrapSkipper(byte[] code) {
        int[] prologue = {
            0x00000297, // auipc t0,0
            0x01028293, // addi t0,t0,16: the handler
            0x30529073, // csrw mtvec,t0
            0x0180006f, // j +24: over the handler
            0x34102ff3, // csrr t6,mepc
            0x002f8f93, // addi t6,t6,2
            0x341f9073, // csrw mepc,t6
            0x30200073, // mret
            0x00000013, // nop
        };
        ByteBuffer b = ByteBuffer.wrap(code.clone()).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : prologue) {
            b.putInt(w);
        }
        return b.array();
    }

    @Test
    void theBareMetalProgramBuiltHereRunsToItsTohost() throws IOException {
        // auipc t0,1; li t1,1; sd t1,0(t0); j . : exit with status 0 through tohost.
        ByteBuffer code = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putInt(0x00001297)
                .putInt(0x00100313).putInt(0x0062b023).putInt(0x0000006f);
        Path file = Files.write(tmp.resolve("pass"), bareElf(code.array()));
        Fuzz.Outcome o = Fuzz.main(new byte[0], "run", "-q", "--bare", "--max-instructions", "1000", file.toString());
        assertThat(o.status()).as(o.stderr()).isZero();
        code.putInt(4, 0x00700313); // li t1,7: test case 3 fails
        Files.write(file, bareElf(code.array()));
        o = Fuzz.main(new byte[0], "run", "-q", "--bare", "--max-instructions", "1000", file.toString());
        assertThat(o.status()).isEqualTo(3);
    }

    /**
     * A bare-metal ELF: {@code code} at 0x80000000 (the entry), a {@code tohost} word at
     * 0x80001000, both in one RWX segment, and a symbol table naming tohost.
     */
    static byte[] bareElf(byte[] code) {
        ByteBuffer b = ByteBuffer.allocate(0x3400).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1});
        b.putShort(16, (short) 2).putShort(18, (short) 243).putInt(20, 1).putLong(24, BARE_BASE).putLong(32, 64)
                .putLong(40, 0x3100).putShort(52, (short) 64).putShort(54, (short) 56).putShort(56, (short) 1)
                .putShort(58, (short) 64).putShort(60, (short) 4).putShort(62, (short) 3);
        b.putInt(64, 1).putInt(68, 7).putLong(72, 0x1000).putLong(80, BARE_BASE).putLong(88, BARE_BASE)
                .putLong(96, 0x2000).putLong(104, 0x2000).putLong(112, 0x1000);
        b.position(0x1000);
        b.put(code, 0, Math.min(code.length, 0x1000));
        // The string table, the symbol table (null, tohost) and the section names.
        byte[] strings = "\0tohost\0".getBytes(StandardCharsets.US_ASCII);
        b.position(0x3000);
        b.put(strings);
        b.putInt(0x3040 + 24, 1).put(0x3040 + 24 + 4, (byte) 0x11).putLong(0x3040 + 24 + 8, BARE_BASE + 0x1000)
                .putLong(0x3040 + 24 + 16, 8);
        byte[] names = "\0.symtab\0.strtab\0.shstrtab\0".getBytes(StandardCharsets.US_ASCII);
        b.position(0x30a0);
        b.put(names);
        section(b, 1, 1, 2, 0x3040, 48, 2, 24);
        section(b, 2, 9, 3, 0x3000, strings.length, 0, 0);
        section(b, 3, 17, 3, 0x30a0, names.length, 0, 0);
        return b.array();
    }

    private static void section(ByteBuffer b, int index, int name, int type, long offset, long size, int link,
            long entsize) {
        int at = 0x3100 + 64 * index;
        b.putInt(at, name).putInt(at + 4, type).putLong(at + 24, offset).putLong(at + 32, size).putInt(at + 40, link)
                .putLong(at + 56, entsize);
    }
}
