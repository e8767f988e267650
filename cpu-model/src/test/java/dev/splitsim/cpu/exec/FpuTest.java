package dev.splitsim.cpu.exec;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Results and exception flags of the FPU, hand-checked against the IEEE 754 and RISC-V rules. */
final class FpuTest {
    private static final int RNE = 0, RTZ = 1, RDN = 2, RUP = 3, RMM = 4;
    private static final long CANONICAL_D = 0x7ff8_0000_0000_0000L;
    private static final long CANONICAL_S = 0xffff_ffff_7fc0_0000L;

    private final Fpu fpu = new Fpu();

    private static long d(double v) {
        return Double.doubleToRawLongBits(v);
    }

    private static long s(float v) {
        return 0xffff_ffff_0000_0000L | (Float.floatToRawIntBits(v) & 0xffff_ffffL);
    }

    private long flagsAfter(java.util.function.LongSupplier op, long expected) {
        fpu.flags = 0;
        assertThat(op.getAsLong()).isEqualTo(expected);
        return fpu.flags;
    }

    @Test
    void inexactSumsRoundPerMode() {
        long tiny = d(0x1p-60);
        assertThat(flagsAfter(() -> fpu.addD(d(1.0), tiny, RNE), d(1.0))).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.addD(d(1.0), tiny, RUP), d(Math.nextUp(1.0)))).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.subD(d(1.0), tiny, RTZ), d(Math.nextDown(1.0)))).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.subD(d(1.0), tiny, RNE), d(1.0))).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.addD(d(1.5), d(2.25), RDN), d(3.75))).isZero();
    }

    @Test
    void tiesGoToEvenOrAwayFromZero() {
        // 1 + 2^-53 is exactly halfway between 1 and its successor.
        long half = d(0x1p-53);
        assertThat(flagsAfter(() -> fpu.addD(d(1.0), half, RNE), d(1.0))).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.addD(d(1.0), half, RMM), d(Math.nextUp(1.0)))).isEqualTo(Fpu.NX);
        assertThat(fpu.cvtWD(d(2.5), RNE)).isEqualTo(2);
        assertThat(fpu.cvtWD(d(2.5), RMM)).isEqualTo(3);
        assertThat(fpu.cvtWD(d(-2.5), RDN)).isEqualTo(-3);
        assertThat(fpu.cvtWD(d(-2.5), RTZ)).isEqualTo(-2);
    }

    @Test
    void overflowDependsOnTheRoundingMode() {
        long max = d(Double.MAX_VALUE);
        assertThat(flagsAfter(() -> fpu.mulD(max, d(2), RNE), d(Double.POSITIVE_INFINITY))).isEqualTo(Fpu.OF | Fpu.NX);
        assertThat(flagsAfter(() -> fpu.mulD(max, d(2), RTZ), max)).isEqualTo(Fpu.OF | Fpu.NX);
        assertThat(flagsAfter(() -> fpu.mulD(max, d(-2), RUP), d(-Double.MAX_VALUE))).isEqualTo(Fpu.OF | Fpu.NX);
        assertThat(flagsAfter(() -> fpu.cvtSD(d(1e40), RNE), s(Float.POSITIVE_INFINITY))).isEqualTo(Fpu.OF | Fpu.NX);
    }

    @Test
    void underflowOnlyWhenTinyAndInexact() {
        assertThat(flagsAfter(() -> fpu.mulD(d(Double.MIN_NORMAL), d(0.5), RNE), d(Double.MIN_NORMAL / 2))).isZero();
        assertThat(flagsAfter(() -> fpu.mulD(d(Double.MIN_VALUE), d(0.5), RNE), d(0.0))).isEqualTo(Fpu.UF | Fpu.NX);
        assertThat(flagsAfter(() -> fpu.mulD(d(Double.MIN_VALUE), d(0.5), RUP), d(Double.MIN_VALUE)))
                .isEqualTo(Fpu.UF | Fpu.NX);
    }

    @Test
    void invalidOperationsGiveTheCanonicalNan() {
        assertThat(flagsAfter(() -> fpu.sqrtD(d(-1), RNE), CANONICAL_D)).isEqualTo(Fpu.NV);
        assertThat(flagsAfter(() -> fpu.divD(d(0), d(0), RNE), CANONICAL_D)).isEqualTo(Fpu.NV);
        assertThat(flagsAfter(() -> fpu.divD(d(1), d(0), RNE), d(Double.POSITIVE_INFINITY))).isEqualTo(Fpu.DZ);
        assertThat(flagsAfter(() -> fpu.maddD(d(Double.POSITIVE_INFINITY), d(0), d(Double.NaN), RNE), CANONICAL_D))
                .isEqualTo(Fpu.NV);
        // A quiet NaN operand propagates quietly, as the canonical NaN.
        assertThat(flagsAfter(() -> fpu.addD(d(Double.NaN), d(1), RNE), CANONICAL_D)).isZero();
        long snan = 0x7ff0_0000_0000_0001L;
        assertThat(flagsAfter(() -> fpu.addD(snan, d(1), RNE), CANONICAL_D)).isEqualTo(Fpu.NV);
    }

    @Test
    void fusedMultiplyAddRoundsOnce() {
        double a = 1 + 0x1p-52;
        double b = 1 - 0x1p-52;
        // a*b = 1 - 2^-104 exactly; the fused result keeps the tail a separate multiply would lose.
        assertThat(flagsAfter(() -> fpu.maddD(d(a), d(b), d(-1), RNE), d(-0x1p-104))).isZero();
        assertThat(flagsAfter(() -> fpu.msubD(d(3), d(5), d(15), RNE), d(0.0))).isZero();
        assertThat(flagsAfter(() -> fpu.nmaddD(d(2), d(3), d(1), RNE), d(-7))).isZero();
        assertThat(flagsAfter(() -> fpu.maddS(s(1 + 0x1p-23f), s(1 - 0x1p-23f), s(-1), RNE), s(-0x1p-46f))).isZero();
    }

    @Test
    void singlesMustBeNanBoxed() {
        long unboxed = 0x3f80_0000L;
        assertThat(flagsAfter(() -> fpu.addS(unboxed, s(1), RNE), CANONICAL_S)).isZero();
        assertThat(flagsAfter(() -> fpu.addS(s(1.5f), s(2.25f), RNE), s(3.75f))).isZero();
        assertThat(flagsAfter(() -> fpu.addS(s(1f), s(0x1p-30f), RNE), s(1f))).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.addS(s(1f), s(0x1p-30f), RUP), s(Math.nextUp(1f)))).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.divS(s(1f), s(3f), RNE), s(1f / 3f))).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.sqrtS(s(2.25f), RNE), s(1.5f))).isZero();
        assertThat(fpu.cvtDS(unboxed, RNE)).isEqualTo(CANONICAL_D);
        assertThat(fpu.sgnjnS(s(2f), s(2f))).isEqualTo(s(-2f));
    }

    @Test
    void minMaxCompareAndClassify() {
        assertThat(fpu.minD(d(-0.0), d(0.0))).isEqualTo(d(-0.0));
        assertThat(fpu.maxD(d(-0.0), d(0.0))).isEqualTo(d(0.0));
        long snanS = 0xffff_ffff_7f80_0001L;
        assertThat(flagsAfter(() -> fpu.minS(snanS, s(1f)), s(1f))).isEqualTo(Fpu.NV);
        assertThat(flagsAfter(() -> fpu.eqD(d(Double.NaN), d(1)), 0)).isZero();
        assertThat(flagsAfter(() -> fpu.ltD(d(Double.NaN), d(1)), 0)).isEqualTo(Fpu.NV);
        assertThat(fpu.leD(d(1), d(1))).isEqualTo(1);
        assertThat(fpu.classD(d(Double.NEGATIVE_INFINITY))).isEqualTo(1);
        assertThat(fpu.classD(d(-0.0))).isEqualTo(1 << 3);
        assertThat(fpu.classD(d(Double.MIN_VALUE))).isEqualTo(1 << 5);
        assertThat(fpu.classD(CANONICAL_D)).isEqualTo(1 << 9);
        assertThat(fpu.classS(snanS)).isEqualTo(1 << 8);
    }

    @Test
    void integerConversionsSaturateAndFlag() {
        assertThat(flagsAfter(() -> fpu.cvtWD(CANONICAL_D, RNE), 0x7fff_ffffL)).isEqualTo(Fpu.NV);
        assertThat(flagsAfter(() -> fpu.cvtWuD(d(-1.0), RNE), 0)).isEqualTo(Fpu.NV);
        assertThat(flagsAfter(() -> fpu.cvtWuD(d(-0.25), RTZ), 0)).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.cvtWuD(d(4294967295.0), RNE), -1L)).isZero();
        assertThat(flagsAfter(() -> fpu.cvtLD(d(1e19), RNE), Long.MAX_VALUE)).isEqualTo(Fpu.NV);
        assertThat(flagsAfter(() -> fpu.cvtLuD(d(0x1p63), RNE), Long.MIN_VALUE)).isZero();
        assertThat(flagsAfter(() -> fpu.cvtDL(Long.MAX_VALUE, RTZ), d(0x1p63 - 1024))).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.cvtDLu(-1L, RNE), d(0x1p64))).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.cvtSW(16777217, RDN), s(16777216f))).isEqualTo(Fpu.NX);
        assertThat(flagsAfter(() -> fpu.cvtSW(16777217, RUP), s(16777218f))).isEqualTo(Fpu.NX);
    }
}
