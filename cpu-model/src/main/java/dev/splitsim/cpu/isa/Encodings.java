package dev.splitsim.cpu.isa;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Every 32-bit RV64GC encoding, declared once as a (mask, match) pair per opcode: a word is the
 * instruction when {@code (word & mask) == match}. Tests hold the {@link Decoder} and the table to
 * each other (every word decodes to the one row it matches, or to ILLEGAL when it matches none) and
 * check that no two rows overlap. Compressed forms are expansions, listed in {@link Decoder#decode16}.
 */
public final class Encodings {
    private Encodings() {}

    /** One encoding: the opcode, and the bits that identify it. */
    public record Row(int op, int mask, int match) {
        public boolean matches(int word) {
            return (word & mask) == match;
        }
    }

    private static final int OPCODE = 0x7f;
    private static final int F3 = 0x707f;
    private static final int F7F3 = 0xfe00707f;
    private static final int SHIFT64 = 0xfc00707f;
    private static final int AMO = 0xf800707f;
    private static final int FP_RM = 0xfe00007f;
    private static final int FP_RS2_RM = 0xfff0007f;
    private static final int FP_RS2_F3 = 0xfff0707f;

    public static final List<Row> ALL;

    static {
        List<Row> t = new ArrayList<>();
        t.add(new Row(Op.LUI, OPCODE, 0x37));
        t.add(new Row(Op.AUIPC, OPCODE, 0x17));
        t.add(new Row(Op.JAL, OPCODE, 0x6f));
        t.add(new Row(Op.JALR, F3, 0x67));
        int[] branches = {Op.BEQ, Op.BNE, -1, -1, Op.BLT, Op.BGE, Op.BLTU, Op.BGEU};
        addByF3(t, branches, 0x63);
        addByF3(t, new int[] {Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU, -1}, 0x03);
        addByF3(t, new int[] {Op.SB, Op.SH, Op.SW, Op.SD, -1, -1, -1, -1}, 0x23);
        addByF3(t, new int[] {Op.ADDI, -1, Op.SLTI, Op.SLTIU, Op.XORI, -1, Op.ORI, Op.ANDI}, 0x13);
        t.add(new Row(Op.SLLI, SHIFT64, 0x1013));
        t.add(new Row(Op.SRLI, SHIFT64, 0x5013));
        t.add(new Row(Op.SRAI, SHIFT64, 0x40005013));
        t.add(new Row(Op.ADDIW, F3, 0x1b));
        t.add(new Row(Op.SLLIW, F7F3, 0x101b));
        t.add(new Row(Op.SRLIW, F7F3, 0x501b));
        t.add(new Row(Op.SRAIW, F7F3, 0x4000501b));
        int[] base = {Op.ADD, Op.SLL, Op.SLT, Op.SLTU, Op.XOR, Op.SRL, Op.OR, Op.AND};
        int[] mul = {Op.MUL, Op.MULH, Op.MULHSU, Op.MULHU, Op.DIV, Op.DIVU, Op.REM, Op.REMU};
        for (int f3 = 0; f3 < 8; f3++) {
            t.add(new Row(base[f3], F7F3, 0x33 | f3 << 12));
            t.add(new Row(mul[f3], F7F3, 0x02000033 | f3 << 12));
        }
        t.add(new Row(Op.SUB, F7F3, 0x40000033));
        t.add(new Row(Op.SRA, F7F3, 0x40005033));
        t.add(new Row(Op.ADDW, F7F3, 0x3b));
        t.add(new Row(Op.SUBW, F7F3, 0x4000003b));
        t.add(new Row(Op.SLLW, F7F3, 0x103b));
        t.add(new Row(Op.SRLW, F7F3, 0x503b));
        t.add(new Row(Op.SRAW, F7F3, 0x4000503b));
        t.add(new Row(Op.MULW, F7F3, 0x0200003b));
        t.add(new Row(Op.DIVW, F7F3, 0x0200403b));
        t.add(new Row(Op.DIVUW, F7F3, 0x0200503b));
        t.add(new Row(Op.REMW, F7F3, 0x0200603b));
        t.add(new Row(Op.REMUW, F7F3, 0x0200703b));
        t.add(new Row(Op.FENCE, F3, 0x0f));
        t.add(new Row(Op.FENCE_I, F3, 0x100f));
        t.add(new Row(Op.ECALL, -1, 0x73));
        t.add(new Row(Op.EBREAK, -1, 0x00100073));
        t.add(new Row(Op.MRET, -1, 0x30200073));
        t.add(new Row(Op.SRET, -1, 0x10200073));
        t.add(new Row(Op.WFI, -1, 0x10500073));
        t.add(new Row(Op.SFENCE_VMA, 0xfe007fff, 0x12000073));
        addByF3(t, new int[] {-1, Op.CSRRW, Op.CSRRS, Op.CSRRC, -1, Op.CSRRWI, Op.CSRRSI, Op.CSRRCI}, 0x73);
        addAtomics(t, 2, Op.LR_W, Op.SC_W, Op.AMOSWAP_W, Op.AMOADD_W, Op.AMOXOR_W, Op.AMOAND_W, Op.AMOOR_W,
                Op.AMOMIN_W, Op.AMOMAX_W, Op.AMOMINU_W, Op.AMOMAXU_W);
        addAtomics(t, 3, Op.LR_D, Op.SC_D, Op.AMOSWAP_D, Op.AMOADD_D, Op.AMOXOR_D, Op.AMOAND_D, Op.AMOOR_D,
                Op.AMOMIN_D, Op.AMOMAX_D, Op.AMOMINU_D, Op.AMOMAXU_D);
        t.add(new Row(Op.FLW, F3, 0x2007));
        t.add(new Row(Op.FLD, F3, 0x3007));
        t.add(new Row(Op.FSW, F3, 0x2027));
        t.add(new Row(Op.FSD, F3, 0x3027));
        addFloat(t, 0, Op.FMADD_S, Op.FMSUB_S, Op.FNMSUB_S, Op.FNMADD_S, Op.FADD_S, Op.FSUB_S, Op.FMUL_S, Op.FDIV_S,
                Op.FSQRT_S, Op.FSGNJ_S, Op.FSGNJN_S, Op.FSGNJX_S, Op.FMIN_S, Op.FMAX_S, Op.FLE_S, Op.FLT_S, Op.FEQ_S,
                Op.FCVT_W_S, Op.FCVT_WU_S, Op.FCVT_L_S, Op.FCVT_LU_S, Op.FCVT_S_W, Op.FCVT_S_WU, Op.FCVT_S_L,
                Op.FCVT_S_LU, Op.FMV_X_W, Op.FCLASS_S, Op.FMV_W_X);
        addFloat(t, 1, Op.FMADD_D, Op.FMSUB_D, Op.FNMSUB_D, Op.FNMADD_D, Op.FADD_D, Op.FSUB_D, Op.FMUL_D, Op.FDIV_D,
                Op.FSQRT_D, Op.FSGNJ_D, Op.FSGNJN_D, Op.FSGNJX_D, Op.FMIN_D, Op.FMAX_D, Op.FLE_D, Op.FLT_D, Op.FEQ_D,
                Op.FCVT_W_D, Op.FCVT_WU_D, Op.FCVT_L_D, Op.FCVT_LU_D, Op.FCVT_D_W, Op.FCVT_D_WU, Op.FCVT_D_L,
                Op.FCVT_D_LU, Op.FMV_X_D, Op.FCLASS_D, Op.FMV_D_X);
        t.add(new Row(Op.FCVT_S_D, FP_RS2_RM, 0x40100053));
        t.add(new Row(Op.FCVT_D_S, FP_RS2_RM, 0x42000053));
        ALL = Collections.unmodifiableList(t);
    }

    private static void addByF3(List<Row> t, int[] ops, int opcode) {
        for (int f3 = 0; f3 < 8; f3++) {
            if (ops[f3] >= 0) {
                t.add(new Row(ops[f3], F3, opcode | f3 << 12));
            }
        }
    }

    private static void addAtomics(List<Row> t, int width, int lr, int sc, int... amos) {
        int base = 0x2f | width << 12;
        t.add(new Row(lr, 0xf9f0707f, base | 0x02 << 27));
        t.add(new Row(sc, AMO, base | 0x03 << 27));
        int[] funct5 = {0x01, 0x00, 0x04, 0x0c, 0x08, 0x10, 0x14, 0x18, 0x1c};
        for (int i = 0; i < amos.length; i++) {
            t.add(new Row(amos[i], AMO, base | funct5[i] << 27));
        }
    }

    /** The F or D rows; {@code fmt} 0 single, 1 double, in the order of the parameters. */
    private static void addFloat(List<Row> t, int fmt, int... ops) {
        int f = fmt << 25;
        int k = 0;
        for (int opcode : new int[] {0x43, 0x47, 0x4b, 0x4f}) {
            t.add(new Row(ops[k++], 0x0600007f, opcode | f));
        }
        for (int funct5 : new int[] {0x00, 0x01, 0x02, 0x03}) {
            t.add(new Row(ops[k++], FP_RM, 0x53 | funct5 << 27 | f));
        }
        t.add(new Row(ops[k++], FP_RS2_RM, 0x53 | 0x0b << 27 | f));
        for (int f3 = 0; f3 < 3; f3++) {
            t.add(new Row(ops[k++], F7F3, 0x53 | 0x04 << 27 | f | f3 << 12));
        }
        for (int f3 = 0; f3 < 2; f3++) {
            t.add(new Row(ops[k++], F7F3, 0x53 | 0x05 << 27 | f | f3 << 12));
        }
        for (int f3 = 0; f3 < 3; f3++) {
            t.add(new Row(ops[k++], F7F3, 0x53 | 0x14 << 27 | f | f3 << 12));
        }
        for (int rs2 = 0; rs2 < 4; rs2++) {
            t.add(new Row(ops[k++], FP_RS2_RM, 0x53 | 0x18 << 27 | f | rs2 << 20));
        }
        for (int rs2 = 0; rs2 < 4; rs2++) {
            t.add(new Row(ops[k++], FP_RS2_RM, 0x53 | 0x1a << 27 | f | rs2 << 20));
        }
        t.add(new Row(ops[k++], FP_RS2_F3, 0x53 | 0x1c << 27 | f));
        t.add(new Row(ops[k++], FP_RS2_F3, 0x53 | 0x1c << 27 | f | 1 << 12));
        t.add(new Row(ops[k], FP_RS2_F3, 0x53 | 0x1e << 27 | f));
    }
}
