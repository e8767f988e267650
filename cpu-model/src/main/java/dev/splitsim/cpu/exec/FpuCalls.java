// Generated from src/main/isa/rv64gc.isa by IsaGenerator (cpu-model tests): edit the table, not this.
package dev.splitsim.cpu.exec;

import dev.splitsim.cpu.isa.Op;

/**
 * Which {@link Fpu} method computes each F and D instruction, and how it is called: its sources
 * (rs1, rs2, rs3 from the FP registers in that order, or rs1 from the integer ones), whether it
 * takes the resolved rounding mode, and whether its result goes to an integer register. The
 * interpreter computes through {@link #compute}; compiled blocks call the method by name with
 * the descriptor its shape gives. FP loads, stores and moves are not Fpu calls: their shape is 0.
 */
final class FpuCalls {
    private FpuCalls() {}

    /** The number of FP sources, or SRC_X for one integer source; a shape's SRC_MASK bits. */
    static final int SRC_F1 = 1;
    static final int SRC_F2 = 2;
    static final int SRC_F3 = 3;
    static final int SRC_X = 4;
    static final int SRC_MASK = 7;
    /** Takes the rounding mode, which is resolved (and may trap) even where the method ignores it. */
    static final int ROUNDS = 8;
    /** Writes an integer register. */
    static final int TO_X = 16;

    private static final byte[] SHAPES = new byte[Op.COUNT];
    private static final String[] METHODS = new String[Op.COUNT];

    static {
        call(Op.FMADD_S, "maddS", SRC_F3 | ROUNDS);
        call(Op.FMSUB_S, "msubS", SRC_F3 | ROUNDS);
        call(Op.FNMSUB_S, "nmsubS", SRC_F3 | ROUNDS);
        call(Op.FNMADD_S, "nmaddS", SRC_F3 | ROUNDS);
        call(Op.FADD_S, "addS", SRC_F2 | ROUNDS);
        call(Op.FSUB_S, "subS", SRC_F2 | ROUNDS);
        call(Op.FMUL_S, "mulS", SRC_F2 | ROUNDS);
        call(Op.FDIV_S, "divS", SRC_F2 | ROUNDS);
        call(Op.FSQRT_S, "sqrtS", SRC_F1 | ROUNDS);
        call(Op.FSGNJ_S, "sgnjS", SRC_F2);
        call(Op.FSGNJN_S, "sgnjnS", SRC_F2);
        call(Op.FSGNJX_S, "sgnjxS", SRC_F2);
        call(Op.FMIN_S, "minS", SRC_F2);
        call(Op.FMAX_S, "maxS", SRC_F2);
        call(Op.FCVT_W_S, "cvtWS", SRC_F1 | ROUNDS | TO_X);
        call(Op.FCVT_WU_S, "cvtWuS", SRC_F1 | ROUNDS | TO_X);
        call(Op.FCVT_L_S, "cvtLS", SRC_F1 | ROUNDS | TO_X);
        call(Op.FCVT_LU_S, "cvtLuS", SRC_F1 | ROUNDS | TO_X);
        call(Op.FEQ_S, "eqS", SRC_F2 | TO_X);
        call(Op.FLT_S, "ltS", SRC_F2 | TO_X);
        call(Op.FLE_S, "leS", SRC_F2 | TO_X);
        call(Op.FCLASS_S, "classS", SRC_F1 | TO_X);
        call(Op.FCVT_S_W, "cvtSW", SRC_X | ROUNDS);
        call(Op.FCVT_S_WU, "cvtSWu", SRC_X | ROUNDS);
        call(Op.FCVT_S_L, "cvtSL", SRC_X | ROUNDS);
        call(Op.FCVT_S_LU, "cvtSLu", SRC_X | ROUNDS);
        call(Op.FMADD_D, "maddD", SRC_F3 | ROUNDS);
        call(Op.FMSUB_D, "msubD", SRC_F3 | ROUNDS);
        call(Op.FNMSUB_D, "nmsubD", SRC_F3 | ROUNDS);
        call(Op.FNMADD_D, "nmaddD", SRC_F3 | ROUNDS);
        call(Op.FADD_D, "addD", SRC_F2 | ROUNDS);
        call(Op.FSUB_D, "subD", SRC_F2 | ROUNDS);
        call(Op.FMUL_D, "mulD", SRC_F2 | ROUNDS);
        call(Op.FDIV_D, "divD", SRC_F2 | ROUNDS);
        call(Op.FSQRT_D, "sqrtD", SRC_F1 | ROUNDS);
        call(Op.FSGNJ_D, "sgnjD", SRC_F2);
        call(Op.FSGNJN_D, "sgnjnD", SRC_F2);
        call(Op.FSGNJX_D, "sgnjxD", SRC_F2);
        call(Op.FMIN_D, "minD", SRC_F2);
        call(Op.FMAX_D, "maxD", SRC_F2);
        call(Op.FCVT_S_D, "cvtSD", SRC_F1 | ROUNDS);
        call(Op.FCVT_D_S, "cvtDS", SRC_F1 | ROUNDS);
        call(Op.FCVT_W_D, "cvtWD", SRC_F1 | ROUNDS | TO_X);
        call(Op.FCVT_WU_D, "cvtWuD", SRC_F1 | ROUNDS | TO_X);
        call(Op.FCVT_L_D, "cvtLD", SRC_F1 | ROUNDS | TO_X);
        call(Op.FCVT_LU_D, "cvtLuD", SRC_F1 | ROUNDS | TO_X);
        call(Op.FEQ_D, "eqD", SRC_F2 | TO_X);
        call(Op.FLT_D, "ltD", SRC_F2 | TO_X);
        call(Op.FLE_D, "leD", SRC_F2 | TO_X);
        call(Op.FCLASS_D, "classD", SRC_F1 | TO_X);
        call(Op.FCVT_D_W, "cvtDW", SRC_X | ROUNDS);
        call(Op.FCVT_D_WU, "cvtDWu", SRC_X | ROUNDS);
        call(Op.FCVT_D_L, "cvtDL", SRC_X | ROUNDS);
        call(Op.FCVT_D_LU, "cvtDLu", SRC_X | ROUNDS);
    }

    private static void call(int op, String method, int shape) {
        METHODS[op] = method;
        SHAPES[op] = (byte) shape;
    }

    /** How opcode {@code op} calls its Fpu method, an OR of the constants above; 0 when it has none. */
    static int shape(int op) {
        return SHAPES[op];
    }

    /** The name of the Fpu method behind opcode {@code op}, or null. */
    static String method(int op) {
        return METHODS[op];
    }

    /**
     * The result of opcode {@code op}, one with a method: {@code a}, {@code b}, {@code c} are its
     * sources in order and {@code rm} the resolved rounding mode, each ignored when its shape does
     * not take it.
     */
    static long compute(Fpu u, int op, long a, long b, long c, int rm) {
        switch (op) {
            case Op.FMADD_S: return u.maddS(a, b, c, rm);
            case Op.FMSUB_S: return u.msubS(a, b, c, rm);
            case Op.FNMSUB_S: return u.nmsubS(a, b, c, rm);
            case Op.FNMADD_S: return u.nmaddS(a, b, c, rm);
            case Op.FADD_S: return u.addS(a, b, rm);
            case Op.FSUB_S: return u.subS(a, b, rm);
            case Op.FMUL_S: return u.mulS(a, b, rm);
            case Op.FDIV_S: return u.divS(a, b, rm);
            case Op.FSQRT_S: return u.sqrtS(a, rm);
            case Op.FSGNJ_S: return u.sgnjS(a, b);
            case Op.FSGNJN_S: return u.sgnjnS(a, b);
            case Op.FSGNJX_S: return u.sgnjxS(a, b);
            case Op.FMIN_S: return u.minS(a, b);
            case Op.FMAX_S: return u.maxS(a, b);
            case Op.FCVT_W_S: return u.cvtWS(a, rm);
            case Op.FCVT_WU_S: return u.cvtWuS(a, rm);
            case Op.FCVT_L_S: return u.cvtLS(a, rm);
            case Op.FCVT_LU_S: return u.cvtLuS(a, rm);
            case Op.FEQ_S: return u.eqS(a, b);
            case Op.FLT_S: return u.ltS(a, b);
            case Op.FLE_S: return u.leS(a, b);
            case Op.FCLASS_S: return u.classS(a);
            case Op.FCVT_S_W: return u.cvtSW(a, rm);
            case Op.FCVT_S_WU: return u.cvtSWu(a, rm);
            case Op.FCVT_S_L: return u.cvtSL(a, rm);
            case Op.FCVT_S_LU: return u.cvtSLu(a, rm);
            case Op.FMADD_D: return u.maddD(a, b, c, rm);
            case Op.FMSUB_D: return u.msubD(a, b, c, rm);
            case Op.FNMSUB_D: return u.nmsubD(a, b, c, rm);
            case Op.FNMADD_D: return u.nmaddD(a, b, c, rm);
            case Op.FADD_D: return u.addD(a, b, rm);
            case Op.FSUB_D: return u.subD(a, b, rm);
            case Op.FMUL_D: return u.mulD(a, b, rm);
            case Op.FDIV_D: return u.divD(a, b, rm);
            case Op.FSQRT_D: return u.sqrtD(a, rm);
            case Op.FSGNJ_D: return u.sgnjD(a, b);
            case Op.FSGNJN_D: return u.sgnjnD(a, b);
            case Op.FSGNJX_D: return u.sgnjxD(a, b);
            case Op.FMIN_D: return u.minD(a, b);
            case Op.FMAX_D: return u.maxD(a, b);
            case Op.FCVT_S_D: return u.cvtSD(a, rm);
            case Op.FCVT_D_S: return u.cvtDS(a, rm);
            case Op.FCVT_W_D: return u.cvtWD(a, rm);
            case Op.FCVT_WU_D: return u.cvtWuD(a, rm);
            case Op.FCVT_L_D: return u.cvtLD(a, rm);
            case Op.FCVT_LU_D: return u.cvtLuD(a, rm);
            case Op.FEQ_D: return u.eqD(a, b);
            case Op.FLT_D: return u.ltD(a, b);
            case Op.FLE_D: return u.leD(a, b);
            case Op.FCLASS_D: return u.classD(a);
            case Op.FCVT_D_W: return u.cvtDW(a, rm);
            case Op.FCVT_D_WU: return u.cvtDWu(a, rm);
            case Op.FCVT_D_L: return u.cvtDL(a, rm);
            case Op.FCVT_D_LU: return u.cvtDLu(a, rm);
            default: throw new IllegalArgumentException("no Fpu method computes opcode " + op);
        }
    }
}
