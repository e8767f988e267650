package dev.splitsim.cpu.exec;

import static dev.splitsim.cpu.exec.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.cpu.mem.FlatMemory;
import dev.splitsim.cpu.timing.CoreTiming;
import dev.splitsim.cpu.timing.TimingParams;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * FP instructions translated inline by {@link BlockCompiler} do what the interpreter does: random
 * FP code on edge values (NaNs signaling and quiet, signed zeros, infinities, subnormals, singles
 * boxed and not) runs on a hart that compiles every block and on one that only interprets, and
 * every register, fflags, frm, mstatus and the trap state must agree after each run.
 */
final class FpBlockCompilerTest {
    private static final long BASE = 0x8000_0000L;
    private static final long DATA = BASE + 0x8000;
    private static final long HANDLER = BASE + 0x4000;
    private static final long FS = Csr.MSTATUS_FS;

    private static final long[] DOUBLES = {
        0L, Long.MIN_VALUE, bits(1.0), bits(-1.5), bits(1.0 / 3), bits(0x1p52 + 1), bits(Double.MAX_VALUE),
        bits(-Double.MAX_VALUE), bits(Double.MIN_VALUE), bits(-Double.MIN_NORMAL), 0x000f_ffff_ffff_ffffL,
        bits(Double.POSITIVE_INFINITY), bits(Double.NEGATIVE_INFINITY), 0x7ff8_0000_0000_0000L,
        0x7ff0_0000_0000_0001L, 0xfff4_0000_0000_0000L, bits(0x1p-1000), bits(3.0e9), bits(-9.3e18),
        bits(1.8e19), bits(2.5), bits(-0.5), bits(1e300), bits(1e-300),
    };

    private static final float[] FLOATS = {
        0f, -0f, 1f, -1.5f, 1f / 3, Float.MAX_VALUE, Float.MIN_VALUE, Float.MIN_NORMAL, 0x1p-140f,
        Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY, 3.0e9f, -2.5f, 16777217f, 1e30f, 1e-30f,
    };

    private static final long[] INTEGERS = {
        0, 1, -1, 7, (1L << 24) + 1, (1L << 53) + 1, -(1L << 53) - 3, Long.MIN_VALUE, Long.MAX_VALUE,
        0x8000_0000L, 0xffff_ffffL, 0x1234_5678_9abc_def1L, -1000,
    };

    private static long bits(double v) {
        return Double.doubleToRawLongBits(v);
    }

    /** A register value: a double, a boxed single, an improperly boxed single, or an integer pattern. */
    private static long edgeValue(Random r) {
        switch (r.nextInt(4)) {
            case 0:
            case 1:
                return DOUBLES[r.nextInt(DOUBLES.length)];
            case 2: {
                int s = r.nextInt(6) == 0 ? 0x7fa0_0000 | r.nextInt(1 << 20) // signaling
                        : r.nextInt(6) == 0 ? 0xffc0_0000 : Float.floatToRawIntBits(FLOATS[r.nextInt(FLOATS.length)]);
                long box = r.nextInt(10) == 0 ? 0x0000_0001_0000_0000L : 0xffff_ffff_0000_0000L;
                return box | (s & 0xffff_ffffL);
            }
            default:
                return r.nextLong();
        }
    }

    private static Hart hart(FlatMemory ram, boolean compiled, boolean timed) {
        Hart h = new Hart(0, ram);
        h.pc = BASE;
        h.setJit(compiled);
        h.setJitThreshold(0);
        h.writeCsr(Csr.MTVEC, HANDLER);
        if (timed) {
            int[] latencies = TimingParams.latencies(1, 1, 1, 3, 20, 5, 4, 4, 5, 15, 20, 3, 2, 1);
            h.setTiming(new CoreTiming(new TimingParams(latencies, 3, 12, 100, 4096, 2, 4096, 2, 16384, 4, 64,
                    true, 64, 256, 6, 4, 7, 1, 50)));
        }
        return h;
    }

    private static FlatMemory ram(int[] words, byte[] data) {
        FlatMemory ram = new FlatMemory(BASE, 1 << 20);
        ByteBuffer code = ByteBuffer.allocate(words.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (int w : words) {
            code.putInt(w);
        }
        ram.write(BASE, code.array(), 0, words.length * 4);
        // The trap handler spins.
        byte[] spin = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(j(0, 0)).array();
        ram.write(HANDLER, spin, 0, 4);
        if (data != null) {
            ram.write(DATA, data, 0, data.length);
        }
        return ram;
    }

    private static Hart[] pair(int[] words, byte[] data, boolean timed) {
        return new Hart[] {hart(ram(words, data), true, timed), hart(ram(words, data), false, timed)};
    }

    private static void assertSame(Hart[] p, String what) {
        Hart jit = p[0];
        Hart plain = p[1];
        assertThat(jit.pc).as("%s: pc", what).isEqualTo(plain.pc);
        assertThat(jit.x).as("%s: x", what).isEqualTo(plain.x);
        assertThat(jit.f).as("%s: f", what).isEqualTo(plain.f);
        assertThat(jit.instret()).as("%s: instret", what).isEqualTo(plain.instret());
        assertThat(jit.cycles()).as("%s: cycles", what).isEqualTo(plain.cycles());
        for (int csr : new int[] {Csr.FFLAGS, Csr.FRM, Csr.MSTATUS, Csr.MEPC, Csr.MCAUSE, Csr.MTVAL}) {
            assertThat(jit.readCsr(csr)).as("%s: csr 0x%x", what, csr).isEqualTo(plain.readCsr(csr));
        }
    }

    /** Runs both harts; a budget of a whole block runs it compiled on the first. */
    private static void runBoth(Hart[] p, long steps, String what) {
        long a = p[0].run(steps);
        long b = p[1].run(steps);
        assertThat(a).as("%s: steps", what).isEqualTo(b);
        assertSame(p, what);
    }

    // ---- encodings (the unprivileged spec's F and D formats)

    private static int opFp(int funct7, int rm, int rd, int rs1, int rs2) {
        return r(0x53, rm, funct7, rd, rs1, rs2);
    }

    private static int fma(int opcode, int fmt, int rm, int rd, int rs1, int rs2, int rs3) {
        return opcode | rd << 7 | rm << 12 | rs1 << 15 | rs2 << 20 | fmt << 25 | rs3 << 27;
    }

    private static int fld(int rd, int rs1, int imm) { return i(0x07, 3, rd, rs1, imm); }
    private static int fsd(int rs2, int rs1, int imm) { return s(0x27, 3, rs1, rs2, imm); }

    private static final int[] ROUNDING = {0, 0, 1, 2, 3, 4, 7, 7, 7, 7};

    /** A random F or D instruction; x destinations are x1..x7 (x8 holds the data address), x sources x0..x7. */
    private static int randomFp(Random r) {
        int fd = r.nextInt(8);
        int f1 = r.nextInt(8);
        int f2 = r.nextInt(8);
        int f3 = r.nextInt(8);
        int xd = r.nextInt(8) == 0 ? 0 : 1 + r.nextInt(7);
        int xs = r.nextInt(8);
        int rm = ROUNDING[r.nextInt(ROUNDING.length)];
        int fmt = r.nextInt(3) == 0 ? 0 : 1;
        switch (r.nextInt(16)) {
            case 0: return fld(fd, 8, 8 * r.nextInt(64));
            case 1: return flw(fd, 8, 4 * r.nextInt(128));
            case 2: return r.nextBoolean() ? fsd(f2, 8, 8 * r.nextInt(64)) : fsw(f2, 8, 4 * r.nextInt(128));
            case 3: case 4: case 5:
                // fadd, fsub, fmul, fdiv
                return opFp((r.nextInt(4) << 2) | fmt, rm, fd, f1, f2);
            case 6: return fma(0x43 + 4 * r.nextInt(4), fmt, rm, fd, f1, f2, f3);
            case 7: return opFp(0x2c | fmt, rm, fd, f1, 0); // fsqrt
            case 8: return opFp(0x10 | fmt, r.nextInt(3), fd, f1, f2); // fsgnj, fsgnjn, fsgnjx
            case 9: return opFp(0x14 | fmt, r.nextInt(2), fd, f1, f2); // fmin, fmax
            case 10: return opFp(0x50 | fmt, r.nextInt(3), xd, f1, f2); // fle, flt, feq
            case 11: return opFp(0x60 | fmt, rm, xd, f1, r.nextInt(4)); // fcvt.{w,wu,l,lu}.{s,d}
            case 12: return opFp(0x68 | fmt, rm, fd, xs, r.nextInt(4)); // fcvt.{s,d}.{w,wu,l,lu}
            case 13: return r.nextBoolean() ? opFp(0x20, rm, fd, f1, 1) : opFp(0x21, rm, fd, f1, 0); // fcvt.s.d, fcvt.d.s
            case 14: return opFp(0x70 | fmt, r.nextInt(2), xd, f1, 0); // fmv.x.{w,d}, fclass
            default: return opFp(0x78 | fmt, 0, fd, xs, 0); // fmv.{w,d}.x
        }
    }

    @Test
    void randomFpCodeMatchesTheInterpreter() {
        int[] branches = {0, 1, 4, 5, 6, 7};
        for (int seed = 1; seed <= 16; seed++) {
            Random r = new Random(seed);
            int blocks = 6;
            int[] words = new int[3 + blocks * 25];
            int n = 0;
            words[n++] = auipc(8, 8);
            for (int block = 0; block < blocks; block++) {
                int count = 1 + r.nextInt(22);
                for (int k = 0; k < count; k++) {
                    words[n++] = randomFp(r);
                }
                words[n++] = b(branches[r.nextInt(branches.length)], r.nextInt(8), r.nextInt(8), 4 * (1 + r.nextInt(2)));
            }
            // A branch over the next instruction lands on the nop, never past the jump back.
            words[n++] = addi(0, 0, 0);
            words[n] = j(0, -4 * n);
            n++;
            int[] code = java.util.Arrays.copyOf(words, n);
            ByteBuffer data = ByteBuffer.allocate(512).order(ByteOrder.LITTLE_ENDIAN);
            for (int k = 0; k < 64; k++) {
                data.putLong(edgeValue(r));
            }
            boolean timed = seed % 2 == 0;
            Hart[] p = pair(code, data.array(), timed);
            long[] f = new long[32];
            long[] x = new long[8];
            for (int k = 0; k < 32; k++) {
                f[k] = edgeValue(r);
            }
            for (int k = 1; k < 8; k++) {
                x[k] = INTEGERS[r.nextInt(INTEGERS.length)];
            }
            for (Hart h : p) {
                System.arraycopy(f, 0, h.f, 0, 32);
                System.arraycopy(x, 1, h.x, 1, 7);
            }
            for (int k = 0; k < 300; k++) {
                if (k % 10 == 0) {
                    // New operands now and then, a rounding mode, cleared flags, the FP state clean or initial.
                    int reg = r.nextInt(8);
                    long v = edgeValue(r);
                    int frm = r.nextInt(5);
                    boolean clearFlags = r.nextBoolean();
                    long fs = (1 + r.nextInt(3)) << 13;
                    for (Hart h : p) {
                        h.f[reg] = v;
                        h.writeCsr(Csr.FRM, frm);
                        if (clearFlags) {
                            h.writeCsr(Csr.FFLAGS, 0);
                        }
                        h.writeCsr(Csr.MSTATUS, (h.readCsr(Csr.MSTATUS) & ~FS) | fs);
                    }
                }
                runBoth(p, 1 + r.nextInt(k % 3 == 0 ? 5 : 150), "seed " + seed + " run " + k);
            }
            assertThat(p[0].readCsr(Csr.MCAUSE)).as("seed %d: trap at 0x%x on 0x%x", seed, p[0].readCsr(Csr.MEPC), p[0].readCsr(Csr.MTVAL)).isZero();
            assertThat(p[0].blocksCompiled()).as("seed %d", seed).isPositive();
        }
    }

    @Test
    void edgeOperandsOfEachInlineOperationMatchTheInterpreter() {
        // One block per operation with every pair of edge operands: flags cleared before each.
        int[] ops = {
            opFp(0x01, 7, 3, 1, 2), opFp(0x05, 7, 3, 1, 2), opFp(0x09, 7, 3, 1, 2), opFp(0x0d, 7, 3, 1, 2),
            opFp(0x00, 7, 3, 1, 2), opFp(0x04, 7, 3, 1, 2), opFp(0x08, 7, 3, 1, 2), opFp(0x0c, 7, 3, 1, 2),
            opFp(0x01, 0, 3, 1, 2), opFp(0x09, 1, 3, 1, 2), opFp(0x0d, 2, 3, 1, 2), opFp(0x05, 3, 3, 1, 2),
            fma(0x43, 1, 7, 3, 1, 2, 4), fma(0x47, 1, 7, 3, 1, 2, 4), fma(0x4b, 1, 7, 3, 1, 2, 4),
            fma(0x4f, 1, 7, 3, 1, 2, 4), fma(0x43, 0, 7, 3, 1, 2, 4), fma(0x4f, 0, 4, 3, 1, 2, 4),
            opFp(0x2d, 7, 3, 1, 0), opFp(0x11, 0, 3, 1, 2), opFp(0x11, 1, 3, 1, 2), opFp(0x11, 2, 3, 1, 2),
            opFp(0x10, 0, 3, 1, 2), opFp(0x15, 0, 3, 1, 2), opFp(0x14, 1, 3, 1, 2),
            opFp(0x51, 2, 5, 1, 2), opFp(0x51, 1, 5, 1, 2), opFp(0x51, 0, 5, 1, 2), opFp(0x50, 2, 5, 1, 2),
            opFp(0x61, 7, 5, 1, 0), opFp(0x61, 1, 5, 1, 1), opFp(0x61, 7, 5, 1, 2), opFp(0x61, 7, 5, 1, 3),
            opFp(0x60, 7, 5, 1, 0), opFp(0x71, 0, 5, 1, 0), opFp(0x70, 0, 5, 1, 0), opFp(0x71, 1, 5, 1, 0),
            opFp(0x20, 7, 3, 1, 1), opFp(0x21, 7, 3, 1, 0),
        };
        long[] operands = new long[DOUBLES.length + FLOATS.length + 2];
        int n = 0;
        for (long d : DOUBLES) {
            operands[n++] = d;
        }
        for (float v : FLOATS) {
            operands[n++] = 0xffff_ffff_0000_0000L | (Float.floatToRawIntBits(v) & 0xffff_ffffL);
        }
        operands[n++] = 0xffff_ffff_7fa0_0001L; // a boxed signaling NaN
        operands[n] = 0x0000_0000_3f80_0000L; // 1.0f, not boxed
        for (int op : ops) {
            // op; fmv.x.d x6, f3 (the block's second instruction sees the result); spin.
            int[] code = {op, opFp(0x71, 0, 6, 3, 0), j(0, 0)};
            Hart[] p = pair(code, null, false);
            for (long a : operands) {
                for (long b : operands) {
                    for (Hart h : p) {
                        h.pc = BASE;
                        h.f[1] = a;
                        h.f[2] = b;
                        h.f[4] = operands[(int) ((a ^ b) & 7)];
                        h.writeCsr(Csr.FFLAGS, 0);
                    }
                    runBoth(p, 3, String.format("0x%08x on 0x%x, 0x%x", op, a, b));
                }
            }
            assertThat(p[0].blocksCompiled()).isPositive();
        }
    }

    @Test
    void integerToFpConversionsMatchTheInterpreter() {
        int[] ops = {
            opFp(0x69, 7, 3, 1, 0), opFp(0x69, 7, 3, 1, 1), opFp(0x69, 7, 3, 1, 2), opFp(0x69, 7, 3, 1, 3),
            opFp(0x68, 7, 3, 1, 0), opFp(0x68, 7, 3, 1, 1), opFp(0x68, 7, 3, 1, 2), opFp(0x68, 7, 3, 1, 3),
            opFp(0x79, 0, 3, 1, 0), opFp(0x78, 0, 3, 1, 0),
        };
        long[] values = {0, 1, -1, 3, (1L << 24) - 1, 1L << 24, (1L << 24) + 1, -(1L << 24) - 1, (1L << 53) - 1,
            1L << 53, (1L << 53) + 1, -(1L << 53) - 1, Long.MIN_VALUE, Long.MAX_VALUE, 0x8000_0000L, 0xffff_ffffL,
            -0x8000_0000L, 0x1234_5678_9abc_def1L, 0xffff_ffff_ffff_fff3L};
        for (int op : ops) {
            for (int frm = 0; frm <= 4; frm++) {
                int[] code = {op, opFp(0x71, 0, 6, 3, 0), j(0, 0)};
                Hart[] p = pair(code, null, false);
                for (long v : values) {
                    for (Hart h : p) {
                        h.pc = BASE;
                        h.x[1] = v;
                        h.writeCsr(Csr.FRM, frm);
                        h.writeCsr(Csr.FFLAGS, 0);
                    }
                    runBoth(p, 3, String.format("0x%08x on %d, frm %d", op, v, frm));
                }
            }
        }
    }

    @Test
    void fpLoadsBoxSinglesAndStoresWriteTheRawRegister() {
        // flw f1; fld f2; fsw f2; fsd f1; fld f3 (of what fsw wrote); fmv.x.d x5, f1.
        int[] code = {auipc(8, 8), flw(1, 8, 0), fld(2, 8, 8), fsw(2, 8, 16), fsd(1, 8, 24), fld(3, 8, 16),
            opFp(0x71, 0, 5, 1, 0), j(0, 0)};
        ByteBuffer data = ByteBuffer.allocate(32).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(0x7fa0_0001).putInt(0x1234_5678).putLong(0xfedc_ba98_7654_3210L);
        for (boolean timed : new boolean[] {false, true}) {
            Hart[] p = pair(code, data.array(), timed);
            for (Hart h : p) {
                h.f[3] = 0x5555L;
            }
            runBoth(p, 8, "loads and stores");
            Hart h = p[0];
            assertThat(h.blocksCompiled()).isPositive();
            assertThat(h.f[1]).isEqualTo(0xffff_ffff_7fa0_0001L);
            assertThat(h.f[2]).isEqualTo(0xfedc_ba98_7654_3210L);
            // fsw stored the low half of f2; the high half of that doubleword is still zero.
            assertThat(h.f[3]).isEqualTo(0x7654_3210L);
            assertThat(h.x[5]).isEqualTo(0xffff_ffff_7fa0_0001L);
        }
    }

    @Test
    void theFpStateBecomesDirtyOnlyWhenAnFpRegisterIsWritten() {
        // A block of feq, fsd and fmv.x.d (no FP register written) leaves FS as it was; fadd.d makes it dirty.
        int[] onlyReads = {auipc(8, 8), opFp(0x51, 2, 5, 1, 2), fsd(1, 8, 0), opFp(0x71, 0, 6, 1, 0), j(0, 0)};
        int[] writes = {auipc(8, 8), opFp(0x51, 2, 5, 1, 2), opFp(0x01, 7, 3, 1, 2), j(0, 0)};
        for (int[] code : new int[][] {onlyReads, writes}) {
            Hart[] p = pair(code, null, false);
            for (Hart h : p) {
                h.writeCsr(Csr.MSTATUS, (h.readCsr(Csr.MSTATUS) & ~FS) | (1L << 13));
            }
            runBoth(p, code.length, "FS");
            long fs = p[0].readCsr(Csr.MSTATUS) & FS;
            assertThat(fs).isEqualTo(code == writes ? FS : 1L << 13);
            assertThat(p[0].blocksCompiled()).isPositive();
        }
    }

    @Test
    void anFpInstructionWithTheFpuOffTrapsWhereTheInterpreterDoes() {
        int[] code = {addi(5, 0, 1), addi(6, 0, 2), opFp(0x01, 7, 3, 1, 2), addi(7, 0, 3), j(0, 0)};
        for (boolean timed : new boolean[] {false, true}) {
            Hart[] p = pair(code, null, timed);
            for (Hart h : p) {
                h.writeCsr(Csr.MSTATUS, h.readCsr(Csr.MSTATUS) & ~FS);
            }
            runBoth(p, 5, "FS off");
            Hart h = p[0];
            assertThat(h.blocksCompiled()).isPositive();
            assertThat(h.readCsr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
            assertThat(h.readCsr(Csr.MEPC)).isEqualTo(BASE + 8);
            assertThat(h.x[6]).isEqualTo(2);
            assertThat(h.x[7]).isZero();
        }
    }

    @Test
    void anIllegalRoundingModeTrapsAtItsInstruction() {
        // A dynamic rm with frm 5, and a static rm of 6, each after an FP instruction that does run.
        int[] dynamic = {opFp(0x11, 0, 4, 1, 1), addi(5, 0, 1), opFp(0x09, 7, 3, 1, 2), addi(7, 0, 3), j(0, 0)};
        int[] fixed = {opFp(0x09, 0, 4, 1, 2), addi(5, 0, 1), opFp(0x09, 6, 3, 1, 2), addi(7, 0, 3), j(0, 0)};
        for (int[] code : new int[][] {dynamic, fixed}) {
            Hart[] p = pair(code, null, false);
            for (Hart h : p) {
                h.f[1] = bits(1.5);
                h.f[2] = bits(2.25);
                h.writeCsr(Csr.FRM, 5);
            }
            runBoth(p, 5, "rm");
            Hart h = p[0];
            assertThat(h.blocksCompiled()).isPositive();
            assertThat(h.readCsr(Csr.MCAUSE)).isEqualTo(Trap.ILLEGAL_INSTRUCTION);
            assertThat(h.readCsr(Csr.MEPC)).isEqualTo(BASE + 8);
            assertThat(h.readCsr(Csr.MTVAL)).isEqualTo(code[2] & 0xffff_ffffL);
            assertThat(h.f[4]).isNotZero();
            assertThat(h.f[3]).isZero();
        }
    }
}
