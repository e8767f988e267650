package dev.splitsim.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Single-precision fused multiply-add takes a fast path computed in double for ordinary results;
 * it must give the bits and flags of the exact path, in every rounding mode, for the cases where a
 * second rounding would go wrong, for tiny and huge results, and for NaN payloads and infinities.
 */
final class SingleFmaTest {
    private static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;
    private static final int[] SPECIAL = {
        0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fc12345, 0xffc00001, 0x7f800001,
        0x7fa00000, 0xffbfffff, 0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x3f800000,
        0xbf800000, 0x33800000, 0x4b800000, 0x3f800001, 0x00800001, 0x01000000,
    };

    private final Fpu fast = new Fpu();
    private final Fpu exact = new Fpu(true);
    private final SplittableRandom random = new SplittableRandom(20260101);

    private static long s(float v) {
        return boxed(Float.floatToRawIntBits(v));
    }

    private static long boxed(int bits) {
        return 0xffff_ffff_0000_0000L | (bits & 0xffff_ffffL);
    }

    private int randomBits(int lowExponent, int highExponent) {
        int e = lowExponent + random.nextInt(highExponent - lowExponent + 1);
        return (random.nextBoolean() ? 0x8000_0000 : 0) | (e << 23) | random.nextInt(1 << 23);
    }

    /** One generated case {a, b, c} of a kind that stresses one part of the rounding. */
    private int[] generated(int kind) {
        switch (kind) {
            case 0: return new int[] {random.nextInt(), random.nextInt(), random.nextInt()};
            case 1: return new int[] {randomBits(120, 134), randomBits(120, 134), randomBits(110, 145)};
            case 2: { // c cancels a*b to within a few units
                int a = randomBits(90, 160);
                int b = randomBits(90, 160);
                float p = Float.intBitsToFloat(a) * Float.intBitsToFloat(b);
                return new int[] {a, b, Float.floatToRawIntBits(-p) + random.nextInt(9) - 4};
            }
            case 3: { // a*b has 25 significant bits: exactly halfway between singles, or nearly
                int a = 0x3f80_0000 | random.nextInt(1 << 12) << 11;
                int b = 0x3f80_0000 | random.nextInt(1 << 12) << 11;
                int c = random.nextInt(4) == 0 ? 0 : randomBits(40, 110);
                return new int[] {a, b, c};
            }
            case 4: return new int[] {randomBits(40, 90), randomBits(0, 70), randomBits(0, 10)};
            case 5: return new int[] {randomBits(180, 254), randomBits(120, 140), randomBits(200, 254)};
            case 6: { // exact results from small integers, zero sums among them
                float a = random.nextInt(2001) - 1000;
                float b = random.nextInt(2001) - 1000;
                float c = random.nextInt(3) == 0 ? -a * b : random.nextInt(2_000_001) - 1_000_000;
                return new int[] {Float.floatToRawIntBits(a), Float.floatToRawIntBits(b), Float.floatToRawIntBits(c)};
            }
            default: {
                int[] v = {randomBits(100, 150), randomBits(100, 150), randomBits(100, 150)};
                v[random.nextInt(3)] = SPECIAL[random.nextInt(SPECIAL.length)];
                return v;
            }
        }
    }

    private interface Op {
        long apply(Fpu u, long a, long b, long c, int rm);
    }

    private static final Op[] OPS = {Fpu::maddS, Fpu::msubS, Fpu::nmaddS, Fpu::nmsubS};
    private static final String[] NAMES = {"fmadd.s", "fmsub.s", "fnmadd.s", "fnmsub.s"};

    private void assertSame(int op, int[] abc, int rm) {
        fast.flags = 0;
        exact.flags = 0;
        long a = boxed(abc[0]);
        long b = boxed(abc[1]);
        long c = boxed(abc[2]);
        long mine = OPS[op].apply(fast, a, b, c, rm);
        long theirs = OPS[op].apply(exact, a, b, c, rm);
        String what = String.format("%s %08x %08x %08x rm %d", NAMES[op], abc[0], abc[1], abc[2], rm);
        assertThat(Long.toHexString(mine)).as(what).isEqualTo(Long.toHexString(theirs));
        assertThat(fast.flags).as(what + " flags").isEqualTo(exact.flags);
    }

    @Test
    void theFastPathGivesTheExactPathsBitsAndFlags() {
        for (int i = 0; i < 400_000; i++) {
            int[] abc = generated(i % 8);
            assertSame(i % 4, abc, (i / 8) % 5);
        }
    }

    @Test
    void ordinaryOperandsTakeTheFastPathInEveryMode() {
        int taken = 0;
        for (int i = 0; i < 10_000; i++) {
            int[] abc = generated(1);
            if (fast.fmaSingleFast(Float.intBitsToFloat(abc[0]), Float.intBitsToFloat(abc[1]),
                    Float.intBitsToFloat(abc[2]), i % 5) != 0) {
                taken++;
            }
        }
        assertThat(taken).isEqualTo(10_000);
        // A tiny result is left to the exact path, which alone decides underflow.
        assertThat(fast.fmaSingleFast(0x1p-70, 0x1p-70, 0, RNE)).isZero();
    }

    @Test
    void everyCombinationOfSpecialOperandsAgrees() {
        for (int a : SPECIAL) {
            for (int b : SPECIAL) {
                for (int c : SPECIAL) {
                    for (int op = 0; op < 4; op++) {
                        for (int rm = RNE; rm <= RMM; rm++) {
                            assertSame(op, new int[] {a, b, c}, rm);
                        }
                    }
                }
            }
        }
    }

    @Test
    void roundToNearestMatchesTheJavaFusedMultiplyAdd() {
        // Math.fma(float, float, float) rounds once, whichever way the JDK computes it.
        for (int i = 0; i < 200_000; i++) {
            int[] abc = generated(i % 7);
            float x = Float.intBitsToFloat(abc[0]);
            float y = Float.intBitsToFloat(abc[1]);
            float z = Float.intBitsToFloat(abc[2]);
            float expected = Math.fma(x, y, z);
            if (Float.isNaN(expected)) {
                continue;
            }
            assertThat(fast.maddS(s(x), s(y), s(z), RNE)).as("%08x %08x %08x", abc[0], abc[1], abc[2])
                    .isEqualTo(s(expected));
        }
    }

    @Test
    void aTieThatDoubleRoundingWouldBreakToEvenGoesTheWayTheTailSays() {
        // (1 + 2^-12)^2 = 1 + 2^-11 + 2^-24: halfway between 1 + 2^-11 and its successor, and
        // the addend 2^-60 lifts it above: a double rounding (to double, then to single) would land
        // on the even neighbour below.
        float a = 1 + 0x1p-12f;
        fast.flags = 0;
        assertThat(fast.maddS(s(a), s(a), s(0x1p-60f), RNE)).isEqualTo(s(1 + 0x1p-11f + 0x1p-23f));
        assertThat(fast.flags).isEqualTo(Fpu.NX);
        fast.flags = 0;
        assertThat(fast.maddS(s(a), s(a), s(-0x1p-60f), RNE)).isEqualTo(s(1 + 0x1p-11f));
        assertThat(fast.flags).isEqualTo(Fpu.NX);
        // Without the tail it is an exact tie: even in RNE, away from zero in RMM.
        assertThat(fast.maddS(s(a), s(a), s(0), RNE)).isEqualTo(s(1 + 0x1p-11f));
        assertThat(fast.maddS(s(a), s(a), s(0), RMM)).isEqualTo(s(1 + 0x1p-11f + 0x1p-23f));
        assertThat(fast.maddS(s(a), s(a), s(0), RUP)).isEqualTo(s(1 + 0x1p-11f + 0x1p-23f));
        assertThat(fast.maddS(s(a), s(a), s(0), RTZ)).isEqualTo(s(1 + 0x1p-11f));
    }

    @Test
    void flagsFollowTheIsa() {
        fast.flags = 0;
        // A signaling NaN operand: invalid, and the result is the canonical NaN, never the payload.
        assertThat(fast.maddS(boxed(0x7f80_0001), s(1), s(1), RNE)).isEqualTo(boxed(0x7fc0_0000));
        assertThat(fast.flags).isEqualTo(Fpu.NV);
        fast.flags = 0;
        // A quiet NaN's payload is not kept either, and raises nothing.
        assertThat(fast.maddS(boxed(0x7fc1_2345), s(1), s(1), RNE)).isEqualTo(boxed(0x7fc0_0000));
        assertThat(fast.flags).isZero();
        // inf * 0 is invalid even with a quiet NaN addend.
        assertThat(fast.maddS(s(Float.POSITIVE_INFINITY), s(0), boxed(0x7fc0_0000), RNE)).isEqualTo(boxed(0x7fc0_0000));
        assertThat(fast.flags).isEqualTo(Fpu.NV);
        fast.flags = 0;
        assertThat(fast.maddS(s(0x1p100f), s(0x1p100f), s(-0x1p127f), RNE)).isEqualTo(s(Float.POSITIVE_INFINITY));
        assertThat(fast.flags).isEqualTo(Fpu.OF | Fpu.NX);
        fast.flags = 0;
        assertThat(fast.maddS(s(0x1p100f), s(0x1p100f), s(0), RTZ)).isEqualTo(s(Float.MAX_VALUE));
        assertThat(fast.flags).isEqualTo(Fpu.OF | Fpu.NX);
        fast.flags = 0;
        assertThat(fast.maddS(s(0x1.000002p-70f), s(0x1p-70f), s(0), RNE)).isEqualTo(s(0x1p-140f));
        assertThat(fast.flags).isEqualTo(Fpu.UF | Fpu.NX);
        fast.flags = 0;
        assertThat(fast.maddS(s(3), s(5), s(0.25f), RNE)).isEqualTo(s(15.25f));
        assertThat(fast.flags).isZero();
    }

    @Test
    void anExactZeroSumIsNegativeWhenRoundingDown() {
        assertThat(fast.msubS(s(3), s(5), s(15), RDN)).isEqualTo(s(-0f));
        assertThat(fast.msubS(s(3), s(5), s(15), RNE)).isEqualTo(s(0f));
        assertThat(fast.maddS(s(0), s(5), s(-0f), RDN)).isEqualTo(s(-0f));
        assertThat(fast.maddS(s(0), s(5), s(0f), RDN)).isEqualTo(s(0f));
        assertThat(fast.msubS(s(0), s(5), s(0f), RUP)).isEqualTo(s(0f));
        assertThat(fast.addD(Double.doubleToRawLongBits(1), Double.doubleToRawLongBits(-1), RDN))
                .isEqualTo(Double.doubleToRawLongBits(-0.0));
        assertThat(fast.addS(s(-0f), s(-0f), RNE)).isEqualTo(s(-0f));
        assertThat(fast.maddD(Double.doubleToRawLongBits(0.0), Double.doubleToRawLongBits(2.0),
                Double.doubleToRawLongBits(-0.0), RDN)).isEqualTo(Double.doubleToRawLongBits(-0.0));
    }
}
