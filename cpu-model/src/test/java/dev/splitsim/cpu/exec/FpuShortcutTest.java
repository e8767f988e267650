package dev.splitsim.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The Fpu's shortcuts change nothing: an operation with NX already accrued returns what it returns
 * with clear flags and accrues the same flags besides NX, and exact integer conversions give the
 * exact value without flags in every rounding mode.
 */
final class FpuShortcutTest {
    private static final long BOX = 0xffff_ffff_0000_0000L;

    private static long operand(Random r, boolean single) {
        double[] edges = {0.0, -0.0, 1.0, -3.5, 1e-310, Double.MIN_NORMAL, Double.MAX_VALUE, 1e300, 1e-300,
            Double.POSITIVE_INFINITY, Double.NaN, 0x1p-900, 0x1p-899, 1.0 / 3, 0x1p53};
        double v;
        switch (r.nextInt(3)) {
            case 0: v = edges[r.nextInt(edges.length)]; break;
            case 1: v = (r.nextDouble() - 0.5) * Math.pow(2, r.nextInt(200) - 100); break;
            default: v = Double.longBitsToDouble(r.nextLong()); break;
        }
        if (single) {
            return BOX | (Float.floatToRawIntBits((float) v) & 0xffff_ffffL);
        }
        return r.nextInt(20) == 0 ? 0x7ff4_0000_0000_0000L : Double.doubleToRawLongBits(v);
    }

    @Test
    void anAccruedInexactFlagDoesNotChangeResultsOrOtherFlags() {
        Random r = new Random(7);
        for (int k = 0; k < 200_000; k++) {
            boolean single = k % 3 == 0;
            long a = operand(r, single);
            long b = operand(r, single);
            long c = operand(r, single);
            int rm = k % 5 == 0 ? r.nextInt(5) : 0;
            Fpu clear = new Fpu();
            Fpu accrued = new Fpu();
            accrued.flags = Fpu.NX;
            int op = r.nextInt(9);
            long x = apply(clear, op, single, a, b, c, rm);
            long y = apply(accrued, op, single, a, b, c, rm);
            String what = String.format("op %d single %b rm %d on 0x%x 0x%x 0x%x", op, single, rm, a, b, c);
            assertThat(y).as(what).isEqualTo(x);
            assertThat(accrued.flags).as(what).isEqualTo(clear.flags | Fpu.NX);
        }
    }

    @Test
    void aProductThatRoundsUpToTheSmallestNormalStillUnderflows() {
        // 2^-126 * (1 - 2^-24) = 2^-126 - 2^-150: a tie that rounds up to the smallest normal, yet
        // tiny with an unbounded exponent (it has 24 bits there), so UF with NX, accrued or not.
        long a = BOX | Float.floatToRawIntBits(Float.MIN_NORMAL);
        long b = BOX | Float.floatToRawIntBits(0x1.fffffep-1f);
        for (int accrued : new int[] {0, Fpu.NX}) {
            Fpu u = new Fpu();
            u.flags = accrued;
            assertThat(u.mulS(a, b, 0)).isEqualTo(a);
            assertThat(u.flags).as("accrued %d", accrued).isEqualTo(Fpu.UF | Fpu.NX);
        }
    }

    private static long apply(Fpu u, int op, boolean single, long a, long b, long c, int rm) {
        switch (op) {
            case 0: return single ? u.addS(a, b, rm) : u.addD(a, b, rm);
            case 1: return single ? u.subS(a, b, rm) : u.subD(a, b, rm);
            case 2: return single ? u.mulS(a, b, rm) : u.mulD(a, b, rm);
            case 3: return single ? u.divS(a, b, rm) : u.divD(a, b, rm);
            case 4: return single ? u.sqrtS(a, rm) : u.sqrtD(a, rm);
            case 5: return single ? u.maddS(a, b, c, rm) : u.maddD(a, b, c, rm);
            case 6: return single ? u.msubS(a, b, c, rm) : u.msubD(a, b, c, rm);
            case 7: return single ? u.nmsubS(a, b, c, rm) : u.nmsubD(a, b, c, rm);
            default: return single ? u.nmaddS(a, b, c, rm) : u.nmaddD(a, b, c, rm);
        }
    }

    private static final RoundingMode[] MODES = {
        RoundingMode.HALF_EVEN, RoundingMode.DOWN, RoundingMode.FLOOR, RoundingMode.CEILING, RoundingMode.HALF_UP,
    };

    @Test
    void integerConversionsRoundAsTheExactValueDoes() {
        long[] values = {0, 1, -1, 5, (1L << 24) - 1, 1L << 24, (1L << 24) + 1, (1L << 24) + 3, -(1L << 24) - 1,
            (1L << 53) - 1, 1L << 53, (1L << 53) + 1, (1L << 53) + 3, -(1L << 53) - 1, Long.MIN_VALUE,
            Long.MAX_VALUE, 0x7fff_ffffL, -0x8000_0000L, 0x8000_0001L, 0xffff_ffffL, -2};
        for (long v : values) {
            for (int rm = 0; rm <= 4; rm++) {
                BigDecimal exact = BigDecimal.valueOf(v);
                Fpu u = new Fpu();
                long d = u.cvtDL(v, rm);
                assertThat(Double.longBitsToDouble(d)).as("fcvt.d.l %d rm %d", v, rm).isEqualTo(round(exact, 53, rm));
                assertThat(u.flags).as("fcvt.d.l %d rm %d flags", v, rm)
                        .isEqualTo(new BigDecimal(Double.longBitsToDouble(d)).compareTo(exact) == 0 ? 0 : Fpu.NX);
                if (v == (int) v) {
                    Fpu w = new Fpu();
                    long s = w.cvtSW(v, rm);
                    assertThat(s >>> 32).isEqualTo(0xffff_ffffL);
                    float f = Float.intBitsToFloat((int) s);
                    assertThat((double) f).as("fcvt.s.w %d rm %d", v, rm).isEqualTo(round(exact, 24, rm));
                    assertThat(w.flags).isEqualTo(new BigDecimal(f).compareTo(exact) == 0 ? 0 : Fpu.NX);
                }
            }
        }
    }

    /** {@code v} rounded to {@code bits} significant bits in RISC-V rounding mode {@code rm}. */
    private static double round(BigDecimal v, int bits, int rm) {
        if (v.signum() == 0) {
            return 0.0;
        }
        int shift = v.toBigInteger().abs().bitLength() - bits;
        if (shift <= 0) {
            return v.doubleValue();
        }
        BigDecimal unit = new BigDecimal(java.math.BigInteger.ONE.shiftLeft(shift));
        RoundingMode mode = MODES[rm];
        return v.divide(unit).setScale(0, mode).multiply(unit).doubleValue();
    }
}
