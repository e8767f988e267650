package dev.splitsim.cpu.exec;

import static dev.splitsim.cpu.exec.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.cpu.mem.FlatMemory;
import dev.splitsim.cpu.timing.CoreTiming;
import dev.splitsim.cpu.timing.TimingParams;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Blocks compiled to bytecode do exactly what the interpreter does: each case runs the same code on
 * a hart that compiles every block at its first run and on one that never compiles, and compares
 * registers, pc, counts and cycles.
 */
final class BlockCompilerTest {
    private static final long BASE = 0x8000_0000L;
    private static final long DATA = BASE + 0x8000;

    /** Code as halfwords, so compressed and 32-bit instructions mix at their real addresses. */
    private static final class Code {
        final List<Integer> halves = new ArrayList<>();
        /** Bytes at DATA, or null. */
        byte[] data;

        Code w(int... words) {
            for (int w : words) {
                halves.add(w & 0xffff);
                halves.add(w >>> 16);
            }
            return this;
        }

        Code c(int half) {
            halves.add(half & 0xffff);
            return this;
        }

        FlatMemory ram() {
            FlatMemory ram = new FlatMemory(BASE, 1 << 20);
            byte[] bytes = new byte[halves.size() * 2];
            for (int k = 0; k < halves.size(); k++) {
                bytes[2 * k] = (byte) (int) halves.get(k);
                bytes[2 * k + 1] = (byte) (halves.get(k) >>> 8);
            }
            ram.write(BASE, bytes, 0, bytes.length);
            if (data != null) {
                ram.write(DATA, data, 0, data.length);
            }
            return ram;
        }
    }

    private static Hart hart(FlatMemory ram, boolean compiled, boolean timed) {
        Hart h = new Hart(0, ram);
        h.pc = BASE;
        h.setJit(compiled);
        h.setJitThreshold(0);
        if (timed) {
            int[] latencies = TimingParams.latencies(1, 1, 1, 3, 20, 5, 4, 4, 5, 15, 20, 3, 2, 1);
            h.setTiming(new CoreTiming(new TimingParams(latencies, 3, 12, 100, 4096, 2, 4096, 2, 16384, 4, 64,
                    true, 64, 256, 6, 4, 7, 1, 50)));
        }
        return h;
    }

    /** Two harts on two copies of {@code code}: [0] compiles every block, [1] only interprets. */
    private static Hart[] pair(Code code, boolean timed) {
        return new Hart[] {hart(code.ram(), true, timed), hart(code.ram(), false, timed)};
    }

    private static void assertSame(Hart[] p) {
        Hart jit = p[0];
        Hart plain = p[1];
        assertThat(jit.pc).as("pc").isEqualTo(plain.pc);
        assertThat(jit.x).as("x").isEqualTo(plain.x);
        assertThat(jit.f).as("f").isEqualTo(plain.f);
        assertThat(jit.instret()).as("instret").isEqualTo(plain.instret());
        assertThat(jit.cycles()).as("cycles").isEqualTo(plain.cycles());
        assertThat(jit.baseCycles()).as("base cycles").isEqualTo(plain.baseCycles());
        for (int csr : new int[] {Csr.MEPC, Csr.MCAUSE, Csr.MTVAL, Csr.MSCRATCH}) {
            assertThat(jit.readCsr(csr)).as("csr 0x%x", csr).isEqualTo(plain.readCsr(csr));
        }
    }

    private static long[] runBoth(Hart[] p, long steps) {
        long a = p[0].run(steps);
        long b = p[1].run(steps);
        assertThat(a).as("steps").isEqualTo(b);
        assertSame(p);
        return new long[] {a, b};
    }

    @Test
    void aTrapInsideACompiledBlockStopsWhereTheInterpreterDoes() {
        // The load of 0x10 faults: three instructions retire, mepc names the load, the handler runs.
        Code code = new Code().w(csrrw(0, Csr.MTVEC, 10), addi(5, 0, 1), addi(6, 0, 2), ld(2, 1, 0), addi(7, 0, 3));
        for (boolean timed : new boolean[] {false, true}) {
            Hart[] p = pair(code, timed);
            for (Hart h : p) {
                h.x[1] = 0x10;
                h.x[10] = BASE + 0x100;
            }
            runBoth(p, 4);
            Hart h = p[0];
            assertThat(h.blocksCompiled()).isPositive();
            assertThat(h.instret()).isEqualTo(3);
            assertThat(h.readCsr(Csr.MCAUSE)).isEqualTo(Trap.LOAD_ACCESS);
            assertThat(h.readCsr(Csr.MEPC)).isEqualTo(BASE + 12);
            assertThat(h.x[6]).isEqualTo(2);
            assertThat(h.x[7]).isZero();
            assertThat(h.pc).isEqualTo(BASE + 0x100);
        }
    }

    @Test
    void anEbreakInsideACompiledBlockTrapsAtItself() {
        Code code = new Code().w(csrrw(0, Csr.MTVEC, 10), addi(5, 0, 1), ebreak(), addi(7, 0, 3));
        Hart[] p = pair(code, true);
        for (Hart h : p) {
            h.x[10] = BASE + 0x100;
        }
        runBoth(p, 3);
        assertThat(p[0].readCsr(Csr.MCAUSE)).isEqualTo(Trap.BREAKPOINT);
        assertThat(p[0].readCsr(Csr.MEPC)).isEqualTo(BASE + 8);
        assertThat(p[0].instret()).isEqualTo(2);
    }

    @Test
    void x0StaysZeroWhateverIsWrittenToItOrStoodInIt() {
        // addi x0; lw x0 (the access still happens); add x5 = x0 + x0; x0 read by an out-of-line csrrw.
        Code code = new Code().w(auipc(8, 8), addi(0, 0, 5), lw(0, 8, 0), add(5, 0, 0), addi(6, 0, 1),
                csrrw(7, Csr.MSCRATCH, 0), j(0, 0));
        Hart[] p = pair(code, false);
        for (Hart h : p) {
            h.x[0] = 99;
            h.writeCsr(Csr.MSCRATCH, 42);
        }
        runBoth(p, 6);
        Hart h = p[0];
        assertThat(h.blocksCompiled()).isPositive();
        assertThat(h.x[0]).isZero();
        assertThat(h.x[5]).isZero();
        assertThat(h.x[6]).isEqualTo(1);
        assertThat(h.x[7]).isEqualTo(42);
        assertThat(h.readCsr(Csr.MSCRATCH)).isZero();
    }

    @Test
    void anOutOfLineWriteToX0IsNotSeenByTheNextOutOfLineInstruction() {
        // amoswap.d x0 writes the old value to x0; the amoadd.d after it must still add zero.
        Code code = new Code().w(auipc(8, 8), addi(5, 0, 7), sd(5, 8, 0), amo(1, 3, 0, 8, 5), amo(0, 3, 6, 8, 0),
                ld(7, 8, 0), j(0, 0));
        Hart[] p = pair(code, false);
        runBoth(p, 7);
        assertThat(p[0].x[0]).isZero();
        assertThat(p[0].x[6]).isEqualTo(7);
        assertThat(p[0].x[7]).isEqualTo(7);
    }

    @Test
    void aBranchEndingACompiledBlockGoesBothWays() {
        // x5 counts to 50 in a loop of one block; then falls through to the spin.
        Code code = new Code().w(addi(6, 0, 50), addi(5, 5, 1), add(7, 7, 5), bltu(5, 6, -8), j(0, 0));
        for (boolean timed : new boolean[] {false, true}) {
            Hart[] p = pair(code, timed);
            runBoth(p, 1 + 3 * 50 + 5);
            assertThat(p[0].x[5]).isEqualTo(50);
            assertThat(p[0].x[7]).isEqualTo(50 * 51 / 2);
            assertThat(p[0].pc).isEqualTo(BASE + 16);
        }
    }

    @Test
    void aBudgetEndingInsideACompiledBlockStopsThere() {
        Code code = new Code().w(addi(5, 5, 1), addi(5, 5, 1), addi(5, 5, 1), addi(5, 5, 1), j(0, -16));
        Hart[] p = pair(code, true);
        for (int k = 0; k < 30; k++) {
            runBoth(p, 1 + k % 7);
        }
    }

    @Test
    void codeWrittenByACompiledBlockRunsNewOnItsNextVisit() {
        // 12: addi x5,x5,1 is overwritten with addi x5,x5,100 by the store after it, in the same block.
        Code code = new Code().w(auipc(1, 0), addi(3, 0, 3), j(0, 4), addi(5, 5, 1), sw(2, 1, 12), addi(4, 4, 1),
                bltu(4, 3, -12), j(0, 0));
        Hart[] p = pair(code, true);
        for (Hart h : p) {
            h.x[2] = addi(5, 5, 100);
        }
        runBoth(p, 3 + 4 * 3 + 3);
        assertThat(p[0].x[5]).isEqualTo(201);
        assertThat(p[0].x[4]).isEqualTo(3);
        assertThat(p[0].pc).isEqualTo(BASE + 28);
    }

    @Test
    void aStoreIntoTheRunningCompiledBlockChangesTheInstructionsAfterIt() {
        Code code = new Code().w(auipc(1, 0), sw(2, 1, 12), addi(6, 0, 1), addi(5, 0, 1), j(0, 0));
        Hart[] p = pair(code, false);
        for (Hart h : p) {
            h.x[2] = addi(5, 0, 7);
        }
        runBoth(p, 4);
        assertThat(p[0].x[6]).isEqualTo(1);
        assertThat(p[0].x[5]).isEqualTo(7);
    }

    @Test
    void fenceIAndOutOfLineInstructionsInsideACompiledBlock() {
        // An atomic add and FP in the middle of a block, fence.i ending one, mcycle read at the end.
        int faddD = faddD(1, 1, 2, 7);
        Code code = new Code().w(auipc(8, 8), addi(5, 0, 3), amo(0, 3, 6, 8, 5), fmvWX(2, 5), faddD, fmvXW(9, 1),
                addi(7, 6, 1), fenceI(), addi(5, 5, 1), csrrs(10, Csr.MCYCLE, 0), j(0, -36));
        for (boolean timed : new boolean[] {false, true}) {
            Hart[] p = pair(code, timed);
            for (int k = 0; k < 12; k++) {
                runBoth(p, 7);
            }
            assertThat(p[0].blocksCompiled()).isPositive();
        }
    }

    @Test
    void compressedInstructionsRunAtTheirOwnAddresses() {
        Code code = new Code()
                .c(cLi(6, 3)).c(cAddi(5, 1)).w(addi(7, 0, 9)).c(cAdd(5, 6)).c(cMv(8, 5)).c(0x0001)
                .c(cJ(4)).c(cAddi(9, 1)).c(cAddi(9, 2)).w(j(0, 0));
        Hart[] p = pair(code, true);
        runBoth(p, 8);
        Hart h = p[0];
        assertThat(h.x[5]).isEqualTo(4);
        assertThat(h.x[7]).isEqualTo(9);
        assertThat(h.x[8]).isEqualTo(4);
        assertThat(h.x[9]).isEqualTo(2);
        assertThat(h.pc).isEqualTo(BASE + 20);
        assertThat(h.blocksCompiled()).isPositive();
    }

    /**
     * Random straight-line integer code with loads and stores, blocks ended by random branches and
     * a jump back to the start, run under random budgets, timed and not.
     */
    @Test
    void randomIntegerCodeMatchesTheInterpreter() {
        for (int seed = 1; seed <= 12; seed++) {
            Random r = new Random(seed);
            Code code = new Code().w(auipc(8, 8));
            int words = 1;
            for (int block = 0; block < 8; block++) {
                int n = 1 + r.nextInt(20);
                for (int k = 0; k < n; k++) {
                    code.w(randomInstruction(r));
                }
                code.w(b(BRANCHES[r.nextInt(BRANCHES.length)], r.nextInt(8), r.nextInt(8), 4 * (1 + r.nextInt(2))));
                words += n + 1;
            }
            code.w(addi(0, 0, 0), j(0, -4 * words));
            code.data = new byte[4096];
            r.nextBytes(code.data);
            Hart[] p = pair(code, seed % 2 == 0);
            long[] values = new long[8];
            for (int k = 1; k < 8; k++) {
                values[k] = r.nextLong() >> r.nextInt(64);
            }
            for (Hart h : p) {
                System.arraycopy(values, 1, h.x, 1, 7);
            }
            for (int k = 0; k < 400; k++) {
                runBoth(p, 1 + r.nextInt(k % 3 == 0 ? 5 : 200));
            }
            assertThat(p[0].readCsr(Csr.MCAUSE)).as("seed %d: trap at 0x%x", seed, p[0].readCsr(Csr.MEPC)).isZero();
            assertThat(p[0].blocksCompiled()).as("seed %d", seed).isPositive();
            assertThat(p[0].instret()).isGreaterThan(10_000);
        }
    }

    private static final int[] BRANCHES = {0, 1, 4, 5, 6, 7};

    private static int randomInstruction(Random r) {
        int rd = r.nextInt(8);
        int a = r.nextInt(8);
        int b = r.nextInt(8);
        switch (r.nextInt(7)) {
            case 0: {
                int f3 = r.nextInt(8);
                int f7 = f3 == 5 && r.nextBoolean() ? 0x20 : f3 == 0 && r.nextBoolean() ? 0x20 : 0;
                return r(0x33, f3, r.nextInt(3) == 0 ? 1 : f7, rd, a, b);
            }
            case 1: {
                int[] f3s = {0, 1, 5, 0, 4, 5, 6, 7};
                int f3 = f3s[r.nextInt(f3s.length)];
                boolean m = r.nextInt(3) == 0;
                int f7 = !m && (f3 == 0 || f3 == 5) && r.nextBoolean() ? 0x20 : 0;
                if (!m && f3 != 0 && f3 != 1 && f3 != 5 || m && f3 == 1) {
                    f3 = 0;
                }
                return r(0x3b, f3, m ? 1 : f7, rd, a, b);
            }
            case 2: {
                int f3 = r.nextInt(8);
                if (f3 == 1) {
                    return i(0x13, 1, rd, a, r.nextInt(64));
                }
                if (f3 == 5) {
                    return i(0x13, 5, rd, a, (r.nextBoolean() ? 0x400 : 0) | r.nextInt(64));
                }
                return i(0x13, f3, rd, a, r.nextInt(4096) - 2048);
            }
            case 3: {
                int[] f3s = {0, 1, 5};
                int f3 = f3s[r.nextInt(3)];
                int imm = f3 == 0 ? r.nextInt(4096) - 2048 : (f3 == 5 && r.nextBoolean() ? 0x400 : 0) | r.nextInt(32);
                return i(0x1b, f3, rd, a, imm);
            }
            case 4: {
                int f3 = r.nextInt(7);
                int size = 1 << (f3 & 3);
                return i(0x03, f3, rd, 8, size * r.nextInt(2048 / size));
            }
            case 5: {
                int f3 = r.nextInt(4);
                int size = 1 << f3;
                return s(0x23, f3, 8, b, size * r.nextInt(2048 / size));
            }
            default:
                return r.nextBoolean() ? lui(rd, r.nextInt(1 << 20)) : auipc(rd, r.nextInt(1 << 20));
        }
    }

    private static int cLi(int rd, int imm) {
        return 0x4001 | ((imm >> 5) & 1) << 12 | rd << 7 | (imm & 31) << 2;
    }

    private static int cAddi(int rd, int imm) {
        return 0x0001 | ((imm >> 5) & 1) << 12 | rd << 7 | (imm & 31) << 2;
    }

    private static int cAdd(int rd, int rs2) {
        return 0x9002 | rd << 7 | rs2 << 2;
    }

    private static int cMv(int rd, int rs2) {
        return 0x8002 | rd << 7 | rs2 << 2;
    }

    private static int cJ(int off) {
        return 0xa001 | ((off >> 11) & 1) << 12 | ((off >> 4) & 1) << 11 | ((off >> 8) & 3) << 9
                | ((off >> 10) & 1) << 8 | ((off >> 6) & 1) << 7 | ((off >> 7) & 1) << 6 | ((off >> 1) & 7) << 3
                | ((off >> 5) & 1) << 2;
    }
}
