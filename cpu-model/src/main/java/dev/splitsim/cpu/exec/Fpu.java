package dev.splitsim.cpu.exec;

/**
 * IEEE 754 binary32/binary64 arithmetic as RISC-V F and D define it: every operation honours a
 * rounding mode (0 RNE, 1 RTZ, 2 RDN, 3 RUP, 4 RMM; the hart resolves DYN before calling) and
 * accrues the exception flags in {@link #flags}. Operands and results are raw 64-bit register
 * values: singles are NaN-boxed on the way out and an improperly boxed single reads as the
 * canonical NaN. One instance per hart; no allocation.
 */
public final class Fpu {
    public static final int NX = 1;
    public static final int UF = 2;
    public static final int OF = 4;
    public static final int DZ = 8;
    public static final int NV = 16;

    /** Accrued exception flags (fflags). */
    public int flags;

    private static UnsupportedOperationException todo() {
        return new UnsupportedOperationException("FPU not yet built");
    }

    public long addS(long a, long b, int rm) { throw todo(); }
    public long subS(long a, long b, int rm) { throw todo(); }
    public long mulS(long a, long b, int rm) { throw todo(); }
    public long divS(long a, long b, int rm) { throw todo(); }
    public long sqrtS(long a, int rm) { throw todo(); }
    public long minS(long a, long b) { throw todo(); }
    public long maxS(long a, long b) { throw todo(); }
    public long maddS(long a, long b, long c, int rm) { throw todo(); }
    public long msubS(long a, long b, long c, int rm) { throw todo(); }
    public long nmsubS(long a, long b, long c, int rm) { throw todo(); }
    public long nmaddS(long a, long b, long c, int rm) { throw todo(); }
    public long sgnjS(long a, long b) { throw todo(); }
    public long sgnjnS(long a, long b) { throw todo(); }
    public long sgnjxS(long a, long b) { throw todo(); }
    public long eqS(long a, long b) { throw todo(); }
    public long ltS(long a, long b) { throw todo(); }
    public long leS(long a, long b) { throw todo(); }
    public long classS(long a) { throw todo(); }
    public long cvtWS(long a, int rm) { throw todo(); }
    public long cvtWuS(long a, int rm) { throw todo(); }
    public long cvtLS(long a, int rm) { throw todo(); }
    public long cvtLuS(long a, int rm) { throw todo(); }
    public long cvtSW(long x, int rm) { throw todo(); }
    public long cvtSWu(long x, int rm) { throw todo(); }
    public long cvtSL(long x, int rm) { throw todo(); }
    public long cvtSLu(long x, int rm) { throw todo(); }
    public long cvtSD(long a, int rm) { throw todo(); }
    public long cvtDS(long a, int rm) { throw todo(); }

    public long addD(long a, long b, int rm) { throw todo(); }
    public long subD(long a, long b, int rm) { throw todo(); }
    public long mulD(long a, long b, int rm) { throw todo(); }
    public long divD(long a, long b, int rm) { throw todo(); }
    public long sqrtD(long a, int rm) { throw todo(); }
    public long minD(long a, long b) { throw todo(); }
    public long maxD(long a, long b) { throw todo(); }
    public long maddD(long a, long b, long c, int rm) { throw todo(); }
    public long msubD(long a, long b, long c, int rm) { throw todo(); }
    public long nmsubD(long a, long b, long c, int rm) { throw todo(); }
    public long nmaddD(long a, long b, long c, int rm) { throw todo(); }
    public long sgnjD(long a, long b) { throw todo(); }
    public long sgnjnD(long a, long b) { throw todo(); }
    public long sgnjxD(long a, long b) { throw todo(); }
    public long eqD(long a, long b) { throw todo(); }
    public long ltD(long a, long b) { throw todo(); }
    public long leD(long a, long b) { throw todo(); }
    public long classD(long a) { throw todo(); }
    public long cvtWD(long a, int rm) { throw todo(); }
    public long cvtWuD(long a, int rm) { throw todo(); }
    public long cvtLD(long a, int rm) { throw todo(); }
    public long cvtLuD(long a, int rm) { throw todo(); }
    public long cvtDW(long x, int rm) { throw todo(); }
    public long cvtDWu(long x, int rm) { throw todo(); }
    public long cvtDL(long x, int rm) { throw todo(); }
    public long cvtDLu(long x, int rm) { throw todo(); }
}
