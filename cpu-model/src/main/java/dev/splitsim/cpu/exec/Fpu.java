package dev.splitsim.cpu.exec;

import java.math.BigDecimal;
import java.math.BigInteger;

/**
 * IEEE 754 binary32/binary64 arithmetic as RISC-V F and D define it: every operation honours a
 * rounding mode (0 RNE, 1 RTZ, 2 RDN, 3 RUP, 4 RMM; the hart resolves DYN before calling) and
 * accrues the exception flags in {@link #flags}. Operands and results are raw 64-bit register
 * values: singles are NaN-boxed on the way out and an improperly boxed single reads as the
 * canonical NaN.
 *
 * <p>The host computes the round-to-nearest-even result; whether it was exact is decided with
 * error-free transformations for ordinary doubles, and with exact decimal arithmetic otherwise
 * (other rounding modes, tiny results). A single-precision FMA of ordinary magnitude is rounded in
 * double arithmetic in every mode. The exact path allocates; the common case does not.
 */
public final class Fpu {
    public static final int NX = 1;
    public static final int UF = 2;
    public static final int OF = 4;
    public static final int DZ = 8;
    public static final int NV = 16;

    private static final int RNE = 0;
    private static final int RTZ = 1;
    private static final int RDN = 2;
    private static final int RUP = 3;
    private static final int RMM = 4;

    private static final int ADD = 0;
    private static final int MUL = 1;
    private static final int DIV = 2;
    private static final int SQRT = 3;
    private static final int FMA = 4;

    private static final long CANONICAL_D = 0x7ff8_0000_0000_0000L;
    private static final int CANONICAL_S = 0x7fc0_0000;
    /** NaN-boxing of a single in an FP register (the interpreter and compiled blocks use it too). */
    static final long BOX = 0xffff_ffff_0000_0000L;
    /** Above this magnitude the error terms of the fast path are exact (no underflow in them). */
    private static final double FAST_MIN = 0x1p-900;

    /** Below this magnitude a single FMA's result may be tiny: the exact path decides UF. */
    private static final double FMA_FAST_MIN = 0x1p-125;
    private static final float FMA_FAST_MIN_SINGLE = 0x1p-125f;

    /** Accrued exception flags (fflags). */
    public int flags;

    /** Single-precision FMA always takes the exact path: for tests that compare the two. */
    private final boolean exactFma;

    public Fpu() {
        this(false);
    }

    Fpu(boolean exactFma) {
        this.exactFma = exactFma;
    }

    // ---- representation helpers

    private static long box(float v) {
        return BOX | (Float.floatToRawIntBits(v) & 0xffff_ffffL);
    }

    private static long boxBits(int bits) {
        return BOX | (bits & 0xffff_ffffL);
    }

    /** The single in a register, or the canonical NaN when the register does not hold a boxed single. */
    private static int unboxBits(long r) {
        return (r & BOX) == BOX ? (int) r : CANONICAL_S;
    }

    private static float unbox(long r) {
        return Float.intBitsToFloat(unboxBits(r));
    }

    private static double d(long r) {
        return Double.longBitsToDouble(r);
    }

    private static boolean snanS(int bits) {
        return (bits & 0x7f80_0000) == 0x7f80_0000 && (bits & 0x007f_ffff) != 0 && (bits & 0x0040_0000) == 0;
    }

    private static boolean snanD(long bits) {
        return (bits & 0x7ff0_0000_0000_0000L) == 0x7ff0_0000_0000_0000L && (bits & 0x000f_ffff_ffff_ffffL) != 0
                && (bits & 0x0008_0000_0000_0000L) == 0;
    }

    // ---- arithmetic, double

    public long addD(long a, long b, int rm) { return arithD(ADD, a, b, 0, rm, false); }
    public long subD(long a, long b, int rm) { return arithD(ADD, a, b ^ Long.MIN_VALUE, 0, rm, snanD(b)); }
    public long mulD(long a, long b, int rm) { return arithD(MUL, a, b, 0, rm, false); }
    public long divD(long a, long b, int rm) { return arithD(DIV, a, b, 0, rm, false); }
    public long sqrtD(long a, int rm) { return arithD(SQRT, a, 0, 0, rm, false); }
    public long maddD(long a, long b, long c, int rm) { return arithD(FMA, a, b, c, rm, false); }
    public long msubD(long a, long b, long c, int rm) { return arithD(FMA, a, b, c ^ Long.MIN_VALUE, rm, snanD(c)); }
    public long nmsubD(long a, long b, long c, int rm) { return arithD(FMA, a ^ Long.MIN_VALUE, b, c, rm, snanD(a)); }
    public long nmaddD(long a, long b, long c, int rm) {
        return arithD(FMA, a ^ Long.MIN_VALUE, b, c ^ Long.MIN_VALUE, rm, snanD(a) || snanD(c));
    }

    /** {@code negatedSnan}: an operand was a signaling NaN before its sign was flipped. */
    private long arithD(int kind, long a, long b, long c, int rm, boolean negatedSnan) {
        double x = d(a);
        double y = d(b);
        double z = d(c);
        double r = host(kind, x, y, z);
        if (rm == RNE && (flags & NX) != 0 && Math.abs(r) >= FAST_MIN && Math.abs(r) <= Double.MAX_VALUE) {
            // Once NX has accrued, a finite result of normal magnitude in RNE has nothing left to
            // decide: no operand was a NaN (the result would be one), none of DZ, OF or UF can
            // arise, and the exact path would round to the host's r too; only NX, already set.
            return Double.doubleToRawLongBits(r);
        }
        boolean anySnan = negatedSnan || snanD(a) || (kind != SQRT && snanD(b)) || (kind == FMA && snanD(c));
        if (Double.isNaN(r)) {
            boolean nanIn = Double.isNaN(x) || (kind != SQRT && Double.isNaN(y)) || (kind == FMA && Double.isNaN(z));
            // inf*0 inside an FMA is invalid even when the addend is a quiet NaN.
            boolean fmaInvalid = kind == FMA && ((Double.isInfinite(x) && y == 0) || (x == 0 && Double.isInfinite(y)));
            if (anySnan || !nanIn || fmaInvalid) {
                flags |= NV;
            }
            return CANONICAL_D;
        }
        if (anySnan) {
            flags |= NV;
        }
        if (kind == DIV && y == 0 && !Double.isInfinite(x)) {
            flags |= DZ;
            return Double.doubleToRawLongBits(r);
        }
        if (Double.isInfinite(r) || r == 0 && exactZeroOrInfinite(kind, x, y, z)) {
            if (Double.isInfinite(r) && finiteInputs(kind, x, y, z)) {
                return Double.doubleToRawLongBits(overflow(r > 0, rm, Double.MAX_VALUE, false));
            }
            return Double.doubleToRawLongBits(r == 0 ? zeroSign(kind, x, y, z, r, rm) : r);
        }
        // A quotient's or root's residual (x - r*y, x - r*r) is about 2^-105 of x at least when it is
        // not zero: below FAST_MIN x it could round to zero and hide the inexact result.
        if (rm == RNE && Math.abs(r) >= FAST_MIN && (kind != DIV && kind != SQRT || Math.abs(x) >= FAST_MIN)) {
            int exactness = kind == FMA ? fmaExactFast(x, y, z, r) : (exactFast(kind, x, y, r) ? 1 : 0);
            if (exactness >= 0) {
                if (exactness == 0) {
                    flags |= NX;
                }
                return Double.doubleToRawLongBits(r);
            }
        }
        return Double.doubleToRawLongBits(roundExact(kind, x, y, z, r, rm, false));
    }

    private static double host(int kind, double x, double y, double z) {
        switch (kind) {
            case ADD: return x + y;
            case MUL: return x * y;
            case DIV: return x / y;
            case SQRT: return Math.sqrt(x);
            default: return Math.fma(x, y, z);
        }
    }

    private static boolean finiteInputs(int kind, double x, double y, double z) {
        return Double.isFinite(x) && (kind == SQRT || Double.isFinite(y)) && (kind != FMA || Double.isFinite(z));
    }

    /** A zero result that is exact because an operand makes it so (0 * y, x + (-x), sqrt(0), ...). */
    private static boolean exactZeroOrInfinite(int kind, double x, double y, double z) {
        switch (kind) {
            case ADD: return true; // x + y == 0 in binary floating point is always exact
            case MUL: return x == 0 || y == 0;
            case DIV: return x == 0 || Double.isInfinite(y);
            case SQRT: return x == 0;
            default: return (x == 0 || y == 0) && z == 0;
        }
    }

    /**
     * The sign of an exact zero result. The host rounds to nearest, where a sum of zeros of opposite
     * signs is +0; rounding down makes it -0 (IEEE 754 6.3), and so it makes x + (-x). Only a sum
     * of two +0 stays +0 then.
     */
    private static double zeroSign(int kind, double x, double y, double z, double r, int rm) {
        if (rm != RDN || (kind != ADD && kind != FMA)) {
            return r;
        }
        // An FMA reaches here with a zero product (exact, its sign the operands' xor) and a zero addend.
        boolean bothPositive = kind == ADD ? plusZero(x) && plusZero(y) : plusZero(x * y) && plusZero(z);
        return bothPositive ? 0.0 : -0.0;
    }

    private static boolean plusZero(double v) {
        return Double.doubleToRawLongBits(v) == 0;
    }

    private static boolean exactFast(int kind, double x, double y, double r) {
        switch (kind) {
            case ADD: {
                double bv = r - x;
                double err = (x - (r - bv)) + (y - bv);
                return err == 0;
            }
            case MUL: return Math.fma(x, y, -r) == 0;
            case DIV: return Math.fma(-r, y, x) == 0;
            default: return Math.fma(-r, r, x) == 0;
        }
    }

    /**
     * Whether x*y+z equals its rounded value r, with error-free transformations: 1 exact, 0 inexact,
     * -1 when the cheap test cannot tell (cancellation, extreme exponents) and the exact path must.
     */
    private static int fmaExactFast(double x, double y, double z, double r) {
        if ((x == 0 || y == 0) && Double.isFinite(x) && Double.isFinite(y)) {
            return 1; // the product is an exact zero, so the result is z itself
        }
        double p = x * y;
        if (!Double.isFinite(p) || Math.abs(p) < FAST_MIN || (z != 0 && Math.abs(z) < FAST_MIN)) {
            return -1;
        }
        double e1 = Math.fma(x, y, -p);
        double s = p + z;
        double bv = s - p;
        double e2 = (p - (s - bv)) + (z - bv);
        // x*y + z == s + e2 + e1 exactly; fold the two small terms.
        double s2 = e2 + e1;
        double bw = s2 - e2;
        double e3 = (e2 - (s2 - bw)) + (e1 - bw);
        if (!(s >= r * 0.5 && s <= r * 2) && !(s <= r * 0.5 && s >= r * 2)) {
            return -1;
        }
        double d = s - r; // exact by Sterbenz's lemma: s and r are within a factor of two
        double w = d + s2;
        double bx = w - d;
        double ew = (d - (w - bx)) + (s2 - bx);
        if (w == 0) {
            return ew == 0 && e3 == 0 ? 1 : 0;
        }
        return Math.abs(ew) + Math.abs(e3) < Math.abs(w) * 0.25 ? 0 : -1;
    }

    private double overflow(boolean positive, int rm, double max, boolean single) {
        flags |= OF | NX;
        boolean toMax = rm == RTZ || (rm == RDN && positive) || (rm == RUP && !positive);
        double inf = positive ? Double.POSITIVE_INFINITY : Double.NEGATIVE_INFINITY;
        return toMax ? (positive ? max : -max) : inf;
    }

    /**
     * Rounds the exact result of {@code kind} on {@code x, y, z} (all finite, result finite and
     * non-zero or inexact) to the target format in rounding mode {@code rm}, given the host's
     * round-to-nearest-even candidate {@code r}, and sets NX, UF and OF.
     */
    private double roundExact(int kind, double x, double y, double z, double r, int rm, boolean single) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal by = kind == SQRT ? BigDecimal.ZERO : new BigDecimal(y);
        BigDecimal bz = kind == FMA ? new BigDecimal(z) : BigDecimal.ZERO;
        BigDecimal exact = null;
        if (kind == ADD) {
            exact = bx.add(by);
        } else if (kind == MUL) {
            exact = bx.multiply(by);
        } else if (kind == FMA) {
            exact = bx.multiply(by).add(bz);
        }
        if (exact != null) {
            if (exact.signum() == 0) {
                // An exact zero sum: +0, or -0 when rounding down (IEEE 754 6.3).
                return rm == RDN && !(kind == ADD && x == 0 && y == 0 && (1 / x > 0 || 1 / y > 0)) ? -0.0
                        : (kind == ADD && x == 0 && y == 0 && 1 / x < 0 && 1 / y < 0 ? -0.0 : 0.0);
            }
            r = single ? (double) nearestFloat(exact) : exact.doubleValue();
        }
        return roundFrom(kind, bx, by, exact, r, rm, single);
    }

    private static float nearestFloat(BigDecimal v) {
        // Double rounding through double is safe for a single result only when the double is exact;
        // otherwise use the exact decimal string, which Float.parseFloat rounds correctly.
        return Float.parseFloat(v.toString());
    }

    /** Sign of (exact - v) for a candidate v. */
    private static int compareExact(int kind, BigDecimal bx, BigDecimal by, BigDecimal exact, BigDecimal v) {
        switch (kind) {
            case DIV: return bx.compareTo(v.multiply(by)) * by.signum();
            case SQRT: return bx.compareTo(v.multiply(v));
            default: return exact.compareTo(v);
        }
    }

    private double roundFrom(int kind, BigDecimal bx, BigDecimal by, BigDecimal exact, double r, int rm,
            boolean single) {
        if (Double.isInfinite(r) || (single && Float.isInfinite((float) r))) {
            return overflow(r > 0, rm, single ? Float.MAX_VALUE : Double.MAX_VALUE, single);
        }
        int cmp = compareExact(kind, bx, by, exact, new BigDecimal(r));
        if (cmp == 0) {
            return r;
        }
        flags |= NX;
        double toward = cmp > 0 ? up(r, single) : down(r, single);
        double result = r;
        switch (rm) {
            case RTZ: if ((r > 0 && cmp < 0) || (r < 0 && cmp > 0)) { result = toward; } break;
            case RDN: if (cmp < 0) { result = toward; } break;
            case RUP: if (cmp > 0) { result = toward; } break;
            case RMM: {
                if (Double.isInfinite(toward)) {
                    break;
                }
                BigDecimal mid = new BigDecimal(r).add(new BigDecimal(toward)).divide(BigDecimal.valueOf(2));
                if (compareExact(kind, bx, by, exact, mid) == 0 && Math.abs(toward) > Math.abs(r)) {
                    result = toward;
                }
                break;
            }
            default: break;
        }
        if (result == 0 && r != 0) {
            result = Math.copySign(0.0, r);
        }
        double minNormal = single ? Float.MIN_NORMAL : Double.MIN_NORMAL;
        if (Double.isInfinite(result) || (single && Float.isInfinite((float) result))) {
            flags |= OF;
        } else if (Math.abs(result) < minNormal || (Math.abs(result) == minNormal && tinyBeforeLimit(kind, bx, by,
                exact, minNormal * Math.signum(result), rm, single))) {
            flags |= UF;
        }
        return result;
    }

    /**
     * Tininess is detected after rounding: a result that rounded up to the smallest normal is
     * still tiny when rounding with an unbounded exponent would have stayed below it.
     */
    private static boolean tinyBeforeLimit(int kind, BigDecimal bx, BigDecimal by, BigDecimal exact, double limit,
            int rm, boolean single) {
        int sign = limit > 0 ? 1 : -1;
        if (compareExact(kind, bx, by, exact, new BigDecimal(limit)) * sign >= 0) {
            return false;
        }
        // With an unbounded exponent the values just below the limit keep the precision above it:
        // they lie half the limit's ulp apart (computed in BigDecimal: for double that step is
        // below the smallest subnormal). Rounding to nearest reaches the limit from above the
        // midpoint to the next of them (a tie goes to the limit, whose significand is even, or
        // away from zero); rounding away from zero from anywhere above that next value.
        BigDecimal step = new BigDecimal(single ? (double) Math.ulp(Float.MIN_NORMAL) : Math.ulp(Double.MIN_NORMAL))
                .divide(BigDecimal.valueOf(2));
        boolean nearest = rm == RNE || rm == RMM;
        BigDecimal edge = new BigDecimal(Math.abs(limit)).subtract(nearest ? step.divide(BigDecimal.valueOf(2)) : step);
        int h = compareExact(kind, bx, by, exact, sign > 0 ? edge : edge.negate()) * sign;
        return nearest ? h < 0 : h <= 0;
    }

    private static double up(double r, boolean single) {
        return single ? Math.nextUp((float) r) : Math.nextUp(r);
    }

    private static double down(double r, boolean single) {
        return single ? Math.nextDown((float) r) : Math.nextDown(r);
    }

    // ---- arithmetic, single

    public long addS(long a, long b, int rm) { return arithS(ADD, a, b, 0, rm, 0); }
    public long subS(long a, long b, int rm) { return arithS(ADD, a, flip(b), 0, rm, snanS(unboxBits(b)) ? 1 : 0); }
    public long mulS(long a, long b, int rm) { return arithS(MUL, a, b, 0, rm, 0); }
    public long divS(long a, long b, int rm) { return arithS(DIV, a, b, 0, rm, 0); }
    public long sqrtS(long a, int rm) { return arithS(SQRT, a, BOX, BOX, rm, 0); }
    public long maddS(long a, long b, long c, int rm) { return fmaS(a, b, c, rm, 0, 0); }
    public long msubS(long a, long b, long c, int rm) { return fmaS(a, b, c, rm, 0, SIGN); }
    public long nmsubS(long a, long b, long c, int rm) { return fmaS(a, b, c, rm, SIGN, 0); }
    public long nmaddS(long a, long b, long c, int rm) { return fmaS(a, b, c, rm, SIGN, SIGN); }

    private static final int SIGN = 0x8000_0000;
    private static final int EXPONENT_S = 0x7f80_0000;

    /**
     * (+/-a)*b + (+/-c) in single: the signs of a and c flipped by {@code negateA} and
     * {@code negateC}. Boxed, finite operands with a non-zero product go straight to the fast path
     * (a GEMM's every step); anything else, or a result it leaves to the exact path, goes the
     * general way, which also sees through a flipped signaling NaN.
     */
    private long fmaS(long a, long b, long c, int rm, int negateA, int negateC) {
        if (!exactFma && (a & b & c & BOX) == BOX) {
            int ba = (int) a;
            int bb = (int) b;
            int bc = (int) c;
            if ((ba & EXPONENT_S) != EXPONENT_S && (bb & EXPONENT_S) != EXPONENT_S && (bc & EXPONENT_S) != EXPONENT_S
                    && (ba & ~SIGN) != 0 && (bb & ~SIGN) != 0) {
                long r = fmaSingleFast(Float.intBitsToFloat(ba ^ negateA), Float.intBitsToFloat(bb),
                        Float.intBitsToFloat(bc ^ negateC), rm);
                if (r != 0) {
                    return r;
                }
            } else if ((ba & EXPONENT_S) != EXPONENT_S && (bb & EXPONENT_S) != EXPONENT_S
                    && (bc & EXPONENT_S) != EXPONENT_S) {
                // A zero factor (a ReLU'd activation, a pruned gradient): the product is an exact
                // zero, so the result is c exactly, without flags; two zeros of opposite signs sum
                // to +0, or -0 when rounding down (IEEE 754 6.3).
                int addend = bc ^ negateC;
                if ((addend & ~SIGN) != 0) {
                    return boxBits(addend);
                }
                int product = (ba ^ negateA ^ bb) & SIGN;
                return boxBits(product == (addend & SIGN) ? product : rm == RDN ? SIGN : 0);
            }
        }
        int snan = (negateA != 0 && snanS(unboxBits(a))) || (negateC != 0 && snanS(unboxBits(c))) ? 1 : 0;
        return arithS(FMA, negateA != 0 ? flip(a) : a, b, negateC != 0 ? flip(c) : c, rm, snan);
    }

    private static long flip(long boxed) {
        return boxBits(unboxBits(boxed) ^ 0x8000_0000);
    }

    private long arithS(int kind, long ra, long rb, long rc, int rm, int negatedSnan) {
        int ba = unboxBits(ra);
        int bb = unboxBits(rb);
        int bc = unboxBits(rc);
        float fx = Float.intBitsToFloat(ba);
        float fy = Float.intBitsToFloat(bb);
        float fz = Float.intBitsToFloat(bc);
        boolean anySnan = negatedSnan != 0 || snanS(ba) || (kind != SQRT && snanS(bb)) || (kind == FMA && snanS(bc));
        double x = fx;
        double y = fy;
        double z = fz;
        double wide = host(kind, x, y, z);
        float r = kind == FMA ? 0f : (float) wide;
        if (kind != FMA && rm == RNE && (flags & NX) != 0 && Math.abs(r) > Float.MIN_NORMAL
                && Math.abs(r) <= Float.MAX_VALUE) {
            // As in arithD: with NX accrued, a normal finite result in RNE is the host's, without flags.
            // The smallest normal itself is left out: a value just below it rounds up to it and is
            // still tiny (tininess after rounding), so it may owe UF.
            return box(r);
        }
        if (kind == FMA) {
            r = Double.isNaN(wide) || Double.isInfinite(wide) ? (float) wide : Float.NaN;
        }
        if (Double.isNaN(wide)) {
            boolean nanIn = Float.isNaN(fx) || (kind != SQRT && Float.isNaN(fy)) || (kind == FMA && Float.isNaN(fz));
            boolean fmaInvalid = kind == FMA && ((Float.isInfinite(fx) && fy == 0) || (fx == 0 && Float.isInfinite(fy)));
            if (anySnan || !nanIn || fmaInvalid) {
                flags |= NV;
            }
            return boxBits(CANONICAL_S);
        }
        if (anySnan) {
            flags |= NV;
        }
        if (kind == DIV && fy == 0 && !Float.isInfinite(fx)) {
            flags |= DZ;
            return box((float) wide);
        }
        if (Double.isInfinite(wide) || (wide == 0 && exactZeroOrInfinite(kind, x, y, z))) {
            return box((float) (wide == 0 ? zeroSign(kind, x, y, z, wide, rm) : wide));
        }
        if (rm == RNE && kind != FMA && !Float.isInfinite(r) && Math.abs(r) > Float.MIN_NORMAL) {
            // Rounding the double result to single is correctly rounded for these operations, and
            // the residual tells whether it was exact. The smallest normal goes the exact way: it
            // may be a tiny value rounded up, which owes UF.
            if (!singleExact(kind, x, y, wide, r)) {
                flags |= NX;
            }
            return box(r);
        }
        double candidate = kind == FMA ? 0 : (double) r;
        double out = roundExact(kind, x, y, z, candidate, rm, true);
        return box((float) out);
    }

    /**
     * x*y+z rounded once to single, without the exact path, for results of normal magnitude (at
     * least twice the smallest normal, so no underflow, and finite after rounding): the boxed result
     * with NX accrued, or 0 when the exact path must decide (tiny or overflowing results).
     *
     * <p>The product of two singles is exact in double, and the sum's rounding error {@code e} is
     * exact too (two-sum), so x*y+z == s + e. Rounding s to single is the correct nearest result
     * unless s lies exactly halfway between two singles: then e (if not zero) says which side the
     * exact sum is on. Every single and every midpoint between two is a double, so s, the double
     * nearest the exact sum, is never on the other side of a midpoint than the sum itself. The sign
     * of (exact - nearest) = (s - r) + e then gives the directed roundings.
     */
    long fmaSingleFast(double x, double y, double z, int rm) {
        double p = x * y;
        double s = p + z;
        double bv = s - p;
        double e = (p - (s - bv)) + (z - bv);
        if (!(Math.abs(s) >= FMA_FAST_MIN && Math.abs(s) <= Float.MAX_VALUE)) {
            return 0;
        }
        float r = (float) s;
        double rd = r;
        if (s != rd && e != 0) {
            double other = s > rd ? Math.nextUp(r) : Math.nextDown(r);
            if (s - rd == other - s && (e > 0) == (other > rd)) {
                r = (float) other;
                rd = other;
            }
        }
        // Exact: r and s are within a factor of two of each other (Sterbenz).
        double below = (s - rd) + e;
        if (below != 0) {
            float toward = r;
            switch (rm) {
                case RTZ: if ((r > 0) != (below > 0)) { toward = r > 0 ? Math.nextDown(r) : Math.nextUp(r); } break;
                case RDN: if (below < 0) { toward = Math.nextDown(r); } break;
                case RUP: if (below > 0) { toward = Math.nextUp(r); } break;
                case RMM:
                    // A tie is an exact midpoint: representable in double, so s itself and e == 0.
                    if (e == 0 && Math.abs(s - rd) == Math.abs((double) Math.nextUp(Math.abs(r)) - Math.abs(rd)) / 2
                            && Math.abs(s) > Math.abs(rd)) {
                        toward = s > 0 ? Math.nextUp(r) : Math.nextDown(r);
                    }
                    break;
                default: break;
            }
            if (!(Math.abs(toward) >= FMA_FAST_MIN_SINGLE && Math.abs(toward) <= Float.MAX_VALUE)) {
                return 0;
            }
            r = toward;
            flags |= NX;
        }
        return box(r);
    }

    private static boolean singleExact(int kind, double x, double y, double wide, float r) {
        double rd = r;
        switch (kind) {
            case ADD: return rd == wide && exactFast(ADD, x, y, wide);
            case MUL: return rd == wide; // a product of two singles is exact in double
            case DIV: return Math.fma(-rd, y, x) == 0;
            default: return Math.fma(-rd, rd, x) == 0;
        }
    }

    // ---- sign injection, min/max, compare, classify

    public long sgnjS(long a, long b) { return boxBits((unboxBits(a) & 0x7fff_ffff) | (unboxBits(b) & 0x8000_0000)); }
    public long sgnjnS(long a, long b) { return boxBits((unboxBits(a) & 0x7fff_ffff) | (~unboxBits(b) & 0x8000_0000)); }
    public long sgnjxS(long a, long b) { return boxBits(unboxBits(a) ^ (unboxBits(b) & 0x8000_0000)); }
    public long sgnjD(long a, long b) { return (a & Long.MAX_VALUE) | (b & Long.MIN_VALUE); }
    public long sgnjnD(long a, long b) { return (a & Long.MAX_VALUE) | (~b & Long.MIN_VALUE); }
    public long sgnjxD(long a, long b) { return a ^ (b & Long.MIN_VALUE); }

    public long minS(long a, long b) { return minMaxS(a, b, true); }
    public long maxS(long a, long b) { return minMaxS(a, b, false); }
    public long minD(long a, long b) { return minMaxD(a, b, true); }
    public long maxD(long a, long b) { return minMaxD(a, b, false); }

    private long minMaxS(long ra, long rb, boolean min) {
        int a = unboxBits(ra);
        int b = unboxBits(rb);
        float x = Float.intBitsToFloat(a);
        float y = Float.intBitsToFloat(b);
        if (snanS(a) || snanS(b)) {
            flags |= NV;
        }
        if (Float.isNaN(x) && Float.isNaN(y)) {
            return boxBits(CANONICAL_S);
        }
        if (Float.isNaN(x)) {
            return boxBits(b);
        }
        if (Float.isNaN(y)) {
            return boxBits(a);
        }
        if (x == y) {
            // -0 is smaller than +0.
            return boxBits(min ? a | b : a & b);
        }
        return boxBits((x < y) == min ? a : b);
    }

    private long minMaxD(long a, long b, boolean min) {
        double x = d(a);
        double y = d(b);
        if (snanD(a) || snanD(b)) {
            flags |= NV;
        }
        if (Double.isNaN(x) && Double.isNaN(y)) {
            return CANONICAL_D;
        }
        if (Double.isNaN(x)) {
            return b;
        }
        if (Double.isNaN(y)) {
            return a;
        }
        if (x == y) {
            return min ? a | b : a & b;
        }
        return (x < y) == min ? a : b;
    }

    public long eqS(long a, long b) {
        int x = unboxBits(a);
        int y = unboxBits(b);
        if (snanS(x) || snanS(y)) {
            flags |= NV;
        }
        return Float.intBitsToFloat(x) == Float.intBitsToFloat(y) ? 1 : 0;
    }

    public long ltS(long a, long b) {
        float x = unbox(a);
        float y = unbox(b);
        if (Float.isNaN(x) || Float.isNaN(y)) {
            flags |= NV;
        }
        return x < y ? 1 : 0;
    }

    public long leS(long a, long b) {
        float x = unbox(a);
        float y = unbox(b);
        if (Float.isNaN(x) || Float.isNaN(y)) {
            flags |= NV;
        }
        return x <= y ? 1 : 0;
    }

    public long eqD(long a, long b) {
        if (snanD(a) || snanD(b)) {
            flags |= NV;
        }
        return d(a) == d(b) ? 1 : 0;
    }

    public long ltD(long a, long b) {
        if (Double.isNaN(d(a)) || Double.isNaN(d(b))) {
            flags |= NV;
        }
        return d(a) < d(b) ? 1 : 0;
    }

    public long leD(long a, long b) {
        if (Double.isNaN(d(a)) || Double.isNaN(d(b))) {
            flags |= NV;
        }
        return d(a) <= d(b) ? 1 : 0;
    }

    public long classS(long a) {
        int bits = unboxBits(a);
        return classify(bits < 0, (bits >>> 23) & 0xff, bits & 0x7f_ffff, 0xff, 0x40_0000);
    }

    public long classD(long a) {
        return classify(a < 0, (int) (a >>> 52) & 0x7ff, a & 0xf_ffff_ffff_ffffL, 0x7ff, 0x8_0000_0000_0000L);
    }

    private static long classify(boolean neg, int exp, long mant, int maxExp, long quietBit) {
        if (exp == maxExp) {
            if (mant == 0) {
                return neg ? 1 : 1 << 7;
            }
            return (mant & quietBit) != 0 ? 1 << 9 : 1 << 8;
        }
        if (exp == 0) {
            if (mant == 0) {
                return neg ? 1 << 3 : 1 << 4;
            }
            return neg ? 1 << 2 : 1 << 5;
        }
        return neg ? 1 << 1 : 1 << 6;
    }

    // ---- conversions

    public long cvtWS(long a, int rm) { return toInt(unbox(a), rm, -0x8000_0000L, 0x7fff_ffffL, true); }
    public long cvtWuS(long a, int rm) { return (int) toInt(unbox(a), rm, 0, 0xffff_ffffL, true); }
    public long cvtLS(long a, int rm) { return toInt(unbox(a), rm, Long.MIN_VALUE, Long.MAX_VALUE, false); }
    public long cvtLuS(long a, int rm) { return toUnsignedLong(unbox(a), rm); }
    public long cvtWD(long a, int rm) { return toInt(d(a), rm, -0x8000_0000L, 0x7fff_ffffL, true); }
    public long cvtWuD(long a, int rm) { return (int) toInt(d(a), rm, 0, 0xffff_ffffL, true); }
    public long cvtLD(long a, int rm) { return toInt(d(a), rm, Long.MIN_VALUE, Long.MAX_VALUE, false); }
    public long cvtLuD(long a, int rm) { return toUnsignedLong(d(a), rm); }

    private static double roundIntegral(double v, int rm) {
        switch (rm) {
            case RTZ: return v < 0 ? Math.ceil(v) : Math.floor(v);
            case RDN: return Math.floor(v);
            case RUP: return Math.ceil(v);
            case RMM: {
                double t = v < 0 ? Math.ceil(v) : Math.floor(v);
                double frac = v - t;
                return Math.abs(frac) >= 0.5 ? t + Math.signum(v) : t;
            }
            default: return Math.rint(v);
        }
    }

    /** Signed conversions, and unsigned 32-bit ones (min 0): saturate with NV when out of range. */
    private long toInt(double v, int rm, long min, long max, boolean word) {
        if (Double.isNaN(v)) {
            flags |= NV;
            return max;
        }
        double r = roundIntegral(v, rm);
        if (r < (double) min || r > (double) max || (!word && r >= 0x1p63)) {
            flags |= NV;
            return r < 0 ? min : max;
        }
        if (r != v) {
            flags |= NX;
        }
        return (long) r;
    }

    private long toUnsignedLong(double v, int rm) {
        if (Double.isNaN(v)) {
            flags |= NV;
            return -1L;
        }
        double r = roundIntegral(v, rm);
        if (r < 0 || r >= 0x1p64) {
            flags |= NV;
            return r < 0 ? 0 : -1L;
        }
        if (r != v) {
            flags |= NX;
        }
        return r >= 0x1p63 ? (long) (r - 0x1p63) ^ Long.MIN_VALUE : (long) r;
    }

    // An integer of at most 24 (single) or 53 (double) significant bits converts exactly, in every
    // rounding mode and without flags, so it skips the exact path (which allocates).
    public long cvtSW(long x, int rm) {
        int v = (int) x;
        return fitsSingle(v) ? box((float) v) : box((float) fromInteger(BigDecimal.valueOf(v), rm, true));
    }

    public long cvtSWu(long x, int rm) {
        long v = x & 0xffff_ffffL;
        return fitsSingle(v) ? box((float) v) : box((float) fromInteger(BigDecimal.valueOf(v), rm, true));
    }

    public long cvtSL(long x, int rm) {
        return fitsSingle(x) ? box((float) x) : box((float) fromInteger(BigDecimal.valueOf(x), rm, true));
    }

    public long cvtSLu(long x, int rm) {
        return x >= 0 && fitsSingle(x) ? box((float) x) : box((float) fromInteger(unsigned(x), rm, true));
    }

    public long cvtDW(long x, int rm) { return Double.doubleToRawLongBits((int) x); }
    public long cvtDWu(long x, int rm) { return Double.doubleToRawLongBits(x & 0xffff_ffffL); }

    public long cvtDL(long x, int rm) {
        return fitsDouble(x) ? Double.doubleToRawLongBits((double) x)
                : Double.doubleToRawLongBits(fromInteger(BigDecimal.valueOf(x), rm, false));
    }

    public long cvtDLu(long x, int rm) {
        return x >= 0 && fitsDouble(x) ? Double.doubleToRawLongBits((double) x)
                : Double.doubleToRawLongBits(fromInteger(unsigned(x), rm, false));
    }

    private static boolean fitsSingle(long v) {
        return v >= -(1L << 24) && v <= 1L << 24;
    }

    private static boolean fitsDouble(long v) {
        return v >= -(1L << 53) && v <= 1L << 53;
    }

    private static BigDecimal unsigned(long x) {
        return new BigDecimal(new BigInteger(Long.toUnsignedString(x)));
    }

    private double fromInteger(BigDecimal exact, int rm, boolean single) {
        double r = single ? (double) nearestFloat(exact) : exact.doubleValue();
        return roundFrom(ADD, null, null, exact, r, rm, single);
    }

    public long cvtSD(long a, int rm) {
        double v = d(a);
        if (Double.isNaN(v)) {
            if (snanD(a)) {
                flags |= NV;
            }
            return boxBits(CANONICAL_S);
        }
        if (Double.isInfinite(v) || v == 0) {
            return box((float) v);
        }
        BigDecimal exact = new BigDecimal(v);
        double r = (double) (float) v;
        return box((float) roundFrom(ADD, null, null, exact, r, rm, true));
    }

    public long cvtDS(long a, int rm) {
        int bits = unboxBits(a);
        float v = Float.intBitsToFloat(bits);
        if (Float.isNaN(v)) {
            if (snanS(bits)) {
                flags |= NV;
            }
            return CANONICAL_D;
        }
        return Double.doubleToRawLongBits(v);
    }
}
