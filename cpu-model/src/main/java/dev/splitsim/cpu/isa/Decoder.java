package dev.splitsim.cpu.isa;

import static dev.splitsim.cpu.isa.Decoded.pack;

/**
 * Turns instruction bits into a packed {@link Decoded} value. Runs once per instruction per code
 * page (the decode cache keeps the result), so it favours plain field extraction over cleverness.
 */
public final class Decoder {
    private Decoder() {}

    private static final long ILLEGAL32 = pack(Op.ILLEGAL, false, 0, 0, 0, 0, 0, 0);
    private static final long ILLEGAL16 = pack(Op.ILLEGAL, true, 0, 0, 0, 0, 0, 0);

    /** Decodes a 32-bit instruction (low two bits 11); unknown bits give {@link Op#ILLEGAL}. */
    public static long decode32(int w) {
        int rd = (w >>> 7) & 31;
        int f3 = (w >>> 12) & 7;
        int rs1 = (w >>> 15) & 31;
        int rs2 = (w >>> 20) & 31;
        int f7 = w >>> 25;
        int immI = w >> 20;
        switch (w & 0x7f) {
            case 0x37: return r(Op.LUI, rd, 0, 0, w & 0xfffff000);
            case 0x17: return r(Op.AUIPC, rd, 0, 0, w & 0xfffff000);
            case 0x6f: return r(Op.JAL, rd, 0, 0, immJ(w));
            case 0x67: return f3 == 0 ? r(Op.JALR, rd, rs1, 0, immI) : ILLEGAL32;
            case 0x63: {
                int op;
                switch (f3) {
                    case 0: op = Op.BEQ; break;
                    case 1: op = Op.BNE; break;
                    case 4: op = Op.BLT; break;
                    case 5: op = Op.BGE; break;
                    case 6: op = Op.BLTU; break;
                    case 7: op = Op.BGEU; break;
                    default: return ILLEGAL32;
                }
                return r(op, 0, rs1, rs2, immB(w));
            }
            case 0x03: {
                int[] ops = {Op.LB, Op.LH, Op.LW, Op.LD, Op.LBU, Op.LHU, Op.LWU, Op.ILLEGAL};
                return ops[f3] == Op.ILLEGAL ? ILLEGAL32 : r(ops[f3], rd, rs1, 0, immI);
            }
            case 0x23: {
                int op = f3 == 0 ? Op.SB : f3 == 1 ? Op.SH : f3 == 2 ? Op.SW : f3 == 3 ? Op.SD : Op.ILLEGAL;
                return op == Op.ILLEGAL ? ILLEGAL32 : r(op, 0, rs1, rs2, immS(w));
            }
            case 0x13: return opImm(w, rd, f3, rs1, immI);
            case 0x1b: return opImm32(w, rd, f3, rs1, immI);
            case 0x33: return op(rd, f3, rs1, rs2, f7);
            case 0x3b: return op32(rd, f3, rs1, rs2, f7);
            case 0x0f:
                if (f3 == 0) {
                    return r(Op.FENCE, rd, rs1, 0, (w >>> 20) & 0xfff);
                }
                return f3 == 1 ? r(Op.FENCE_I, rd, rs1, 0, immI) : ILLEGAL32;
            case 0x73: return system(w, rd, f3, rs1, rs2, f7);
            case 0x2f: return atomic(w, rd, f3, rs1, rs2);
            case 0x07:
                return f3 == 2 ? r(Op.FLW, rd, rs1, 0, immI) : f3 == 3 ? r(Op.FLD, rd, rs1, 0, immI) : ILLEGAL32;
            case 0x27:
                return f3 == 2 ? r(Op.FSW, 0, rs1, rs2, immS(w)) : f3 == 3 ? r(Op.FSD, 0, rs1, rs2, immS(w)) : ILLEGAL32;
            case 0x43: return fused(w, Op.FMADD_S, Op.FMADD_D);
            case 0x47: return fused(w, Op.FMSUB_S, Op.FMSUB_D);
            case 0x4b: return fused(w, Op.FNMSUB_S, Op.FNMSUB_D);
            case 0x4f: return fused(w, Op.FNMADD_S, Op.FNMADD_D);
            case 0x53: return floating(w, rd, f3, rs1, rs2, f7);
            default: return ILLEGAL32;
        }
    }

    private static long r(int op, int rd, int rs1, int rs2, int imm) {
        return pack(op, false, rd, rs1, rs2, 0, 0, imm);
    }

    private static int immS(int w) {
        return ((w >> 25) << 5) | ((w >>> 7) & 31);
    }

    private static int immB(int w) {
        return ((w >> 31) << 12) | (((w >>> 7) & 1) << 11) | (((w >>> 25) & 0x3f) << 5) | (((w >>> 8) & 0xf) << 1);
    }

    private static int immJ(int w) {
        return ((w >> 31) << 20) | (w & 0xff000) | (((w >>> 20) & 1) << 11) | (((w >>> 21) & 0x3ff) << 1);
    }

    private static long opImm(int w, int rd, int f3, int rs1, int imm) {
        int shamt = (w >>> 20) & 63;
        int top = w >>> 26;
        switch (f3) {
            case 0: return r(Op.ADDI, rd, rs1, 0, imm);
            case 2: return r(Op.SLTI, rd, rs1, 0, imm);
            case 3: return r(Op.SLTIU, rd, rs1, 0, imm);
            case 4: return r(Op.XORI, rd, rs1, 0, imm);
            case 6: return r(Op.ORI, rd, rs1, 0, imm);
            case 7: return r(Op.ANDI, rd, rs1, 0, imm);
            case 1: return top == 0 ? r(Op.SLLI, rd, rs1, 0, shamt) : ILLEGAL32;
            default:
                if (top == 0) {
                    return r(Op.SRLI, rd, rs1, 0, shamt);
                }
                return top == 0x10 ? r(Op.SRAI, rd, rs1, 0, shamt) : ILLEGAL32;
        }
    }

    private static long opImm32(int w, int rd, int f3, int rs1, int imm) {
        int shamt = (w >>> 20) & 31;
        int f7 = w >>> 25;
        switch (f3) {
            case 0: return r(Op.ADDIW, rd, rs1, 0, imm);
            case 1: return f7 == 0 ? r(Op.SLLIW, rd, rs1, 0, shamt) : ILLEGAL32;
            case 5:
                if (f7 == 0) {
                    return r(Op.SRLIW, rd, rs1, 0, shamt);
                }
                return f7 == 0x20 ? r(Op.SRAIW, rd, rs1, 0, shamt) : ILLEGAL32;
            default: return ILLEGAL32;
        }
    }

    private static final int[] OP_BASE = {Op.ADD, Op.SLL, Op.SLT, Op.SLTU, Op.XOR, Op.SRL, Op.OR, Op.AND};
    private static final int[] OP_MUL = {Op.MUL, Op.MULH, Op.MULHSU, Op.MULHU, Op.DIV, Op.DIVU, Op.REM, Op.REMU};
    private static final int[] OP32_MUL = {Op.MULW, 0, 0, 0, Op.DIVW, Op.DIVUW, Op.REMW, Op.REMUW};

    private static long op(int rd, int f3, int rs1, int rs2, int f7) {
        if (f7 == 0) {
            return r(OP_BASE[f3], rd, rs1, rs2, 0);
        }
        if (f7 == 1) {
            return r(OP_MUL[f3], rd, rs1, rs2, 0);
        }
        if (f7 == 0x20) {
            if (f3 == 0) {
                return r(Op.SUB, rd, rs1, rs2, 0);
            }
            if (f3 == 5) {
                return r(Op.SRA, rd, rs1, rs2, 0);
            }
        }
        return ILLEGAL32;
    }

    private static long op32(int rd, int f3, int rs1, int rs2, int f7) {
        if (f7 == 1) {
            return OP32_MUL[f3] == 0 ? ILLEGAL32 : r(OP32_MUL[f3], rd, rs1, rs2, 0);
        }
        if (f7 == 0) {
            switch (f3) {
                case 0: return r(Op.ADDW, rd, rs1, rs2, 0);
                case 1: return r(Op.SLLW, rd, rs1, rs2, 0);
                case 5: return r(Op.SRLW, rd, rs1, rs2, 0);
                default: return ILLEGAL32;
            }
        }
        if (f7 == 0x20) {
            if (f3 == 0) {
                return r(Op.SUBW, rd, rs1, rs2, 0);
            }
            if (f3 == 5) {
                return r(Op.SRAW, rd, rs1, rs2, 0);
            }
        }
        return ILLEGAL32;
    }

    private static long system(int w, int rd, int f3, int rs1, int rs2, int f7) {
        int csr = (w >>> 20) & 0xfff;
        switch (f3) {
            case 0:
                if (f7 == 0x09 && rd == 0) {
                    return r(Op.SFENCE_VMA, 0, rs1, rs2, 0);
                }
                if (rd != 0 || rs1 != 0) {
                    return ILLEGAL32;
                }
                switch (csr) {
                    case 0x000: return r(Op.ECALL, 0, 0, 0, 0);
                    case 0x001: return r(Op.EBREAK, 0, 0, 0, 0);
                    case 0x302: return r(Op.MRET, 0, 0, 0, 0);
                    case 0x102: return r(Op.SRET, 0, 0, 0, 0);
                    case 0x105: return r(Op.WFI, 0, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            case 1: return r(Op.CSRRW, rd, rs1, 0, csr);
            case 2: return r(Op.CSRRS, rd, rs1, 0, csr);
            case 3: return r(Op.CSRRC, rd, rs1, 0, csr);
            case 5: return r(Op.CSRRWI, rd, rs1, 0, csr);
            case 6: return r(Op.CSRRSI, rd, rs1, 0, csr);
            case 7: return r(Op.CSRRCI, rd, rs1, 0, csr);
            default: return ILLEGAL32;
        }
    }

    private static long atomic(int w, int rd, int f3, int rs1, int rs2) {
        int f5 = w >>> 27;
        int aqrl = (w >>> 25) & 3;
        boolean word = f3 == 2;
        if (f3 != 2 && f3 != 3) {
            return ILLEGAL32;
        }
        int op;
        switch (f5) {
            case 0x02: if (rs2 != 0) { return ILLEGAL32; } op = word ? Op.LR_W : Op.LR_D; break;
            case 0x03: op = word ? Op.SC_W : Op.SC_D; break;
            case 0x01: op = word ? Op.AMOSWAP_W : Op.AMOSWAP_D; break;
            case 0x00: op = word ? Op.AMOADD_W : Op.AMOADD_D; break;
            case 0x04: op = word ? Op.AMOXOR_W : Op.AMOXOR_D; break;
            case 0x0c: op = word ? Op.AMOAND_W : Op.AMOAND_D; break;
            case 0x08: op = word ? Op.AMOOR_W : Op.AMOOR_D; break;
            case 0x10: op = word ? Op.AMOMIN_W : Op.AMOMIN_D; break;
            case 0x14: op = word ? Op.AMOMAX_W : Op.AMOMAX_D; break;
            case 0x18: op = word ? Op.AMOMINU_W : Op.AMOMINU_D; break;
            case 0x1c: op = word ? Op.AMOMAXU_W : Op.AMOMAXU_D; break;
            default: return ILLEGAL32;
        }
        // aq/rl kept in rs3 for the disassembler; the hart executes atomics in order anyway.
        return pack(op, false, rd, rs1, rs2, aqrl, 0, 0);
    }

    private static long fused(int w, int single, int dbl) {
        int fmt = (w >>> 25) & 3;
        if (fmt > 1) {
            return ILLEGAL32;
        }
        return pack(fmt == 0 ? single : dbl, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, w >>> 27,
                (w >>> 12) & 7, 0);
    }

    private static long fp(int op, int rd, int rs1, int rs2, int rm) {
        return pack(op, false, rd, rs1, rs2, 0, rm, 0);
    }

    private static long floating(int w, int rd, int rm, int rs1, int rs2, int f7) {
        boolean d = (f7 & 1) != 0;
        switch (f7 >>> 2) {
            case 0x00: return fmtOk(f7) ? fp(d ? Op.FADD_D : Op.FADD_S, rd, rs1, rs2, rm) : ILLEGAL32;
            case 0x01: return fmtOk(f7) ? fp(d ? Op.FSUB_D : Op.FSUB_S, rd, rs1, rs2, rm) : ILLEGAL32;
            case 0x02: return fmtOk(f7) ? fp(d ? Op.FMUL_D : Op.FMUL_S, rd, rs1, rs2, rm) : ILLEGAL32;
            case 0x03: return fmtOk(f7) ? fp(d ? Op.FDIV_D : Op.FDIV_S, rd, rs1, rs2, rm) : ILLEGAL32;
            case 0x0b:
                return fmtOk(f7) && rs2 == 0 ? fp(d ? Op.FSQRT_D : Op.FSQRT_S, rd, rs1, 0, rm) : ILLEGAL32;
            case 0x04: {
                if (!fmtOk(f7) || rm > 2) {
                    return ILLEGAL32;
                }
                int[] ops = d ? new int[] {Op.FSGNJ_D, Op.FSGNJN_D, Op.FSGNJX_D}
                        : new int[] {Op.FSGNJ_S, Op.FSGNJN_S, Op.FSGNJX_S};
                return fp(ops[rm], rd, rs1, rs2, 0);
            }
            case 0x05:
                if (!fmtOk(f7) || rm > 1) {
                    return ILLEGAL32;
                }
                return fp(rm == 0 ? (d ? Op.FMIN_D : Op.FMIN_S) : (d ? Op.FMAX_D : Op.FMAX_S), rd, rs1, rs2, 0);
            case 0x08:
                if (f7 == 0x20 && rs2 == 1) {
                    return fp(Op.FCVT_S_D, rd, rs1, 0, rm);
                }
                if (f7 == 0x21 && rs2 == 0) {
                    return fp(Op.FCVT_D_S, rd, rs1, 0, rm);
                }
                return ILLEGAL32;
            case 0x14: {
                if (!fmtOk(f7) || rm > 2) {
                    return ILLEGAL32;
                }
                int op = rm == 0 ? (d ? Op.FLE_D : Op.FLE_S) : rm == 1 ? (d ? Op.FLT_D : Op.FLT_S) : (d ? Op.FEQ_D : Op.FEQ_S);
                return fp(op, rd, rs1, rs2, 0);
            }
            case 0x18: {
                if (!fmtOk(f7) || rs2 > 3) {
                    return ILLEGAL32;
                }
                int[] ops = d ? new int[] {Op.FCVT_W_D, Op.FCVT_WU_D, Op.FCVT_L_D, Op.FCVT_LU_D}
                        : new int[] {Op.FCVT_W_S, Op.FCVT_WU_S, Op.FCVT_L_S, Op.FCVT_LU_S};
                return fp(ops[rs2], rd, rs1, 0, rm);
            }
            case 0x1a: {
                if (!fmtOk(f7) || rs2 > 3) {
                    return ILLEGAL32;
                }
                int[] ops = d ? new int[] {Op.FCVT_D_W, Op.FCVT_D_WU, Op.FCVT_D_L, Op.FCVT_D_LU}
                        : new int[] {Op.FCVT_S_W, Op.FCVT_S_WU, Op.FCVT_S_L, Op.FCVT_S_LU};
                return fp(ops[rs2], rd, rs1, 0, rm);
            }
            case 0x1c:
                if (!fmtOk(f7) || rs2 != 0) {
                    return ILLEGAL32;
                }
                if (rm == 0) {
                    return fp(d ? Op.FMV_X_D : Op.FMV_X_W, rd, rs1, 0, 0);
                }
                return rm == 1 ? fp(d ? Op.FCLASS_D : Op.FCLASS_S, rd, rs1, 0, 0) : ILLEGAL32;
            case 0x1e:
                if (!fmtOk(f7) || rs2 != 0 || rm != 0) {
                    return ILLEGAL32;
                }
                return fp(d ? Op.FMV_D_X : Op.FMV_W_X, rd, rs1, 0, 0);
            default: return ILLEGAL32;
        }
    }

    /** Only the S (00) and D (01) formats exist in RV64GC. */
    private static boolean fmtOk(int f7) {
        return (f7 & 3) < 2;
    }

    /** Decodes and expands a 16-bit RVC instruction (low 16 bits of {@code half}). */
    public static long decode16(int half) {
        int h = half & 0xffff;
        int f3 = h >>> 13;
        int rdFull = (h >>> 7) & 31;
        int rs2Full = (h >>> 2) & 31;
        int rdP = 8 + ((h >>> 2) & 7);
        int rs1P = 8 + ((h >>> 7) & 7);
        switch (h & 3) {
            case 0:
                switch (f3) {
                    case 0: {
                        int imm = (((h >>> 7) & 0xf) << 6) | (((h >>> 11) & 3) << 4) | (((h >>> 5) & 1) << 3)
                                | (((h >>> 6) & 1) << 2);
                        return imm == 0 ? ILLEGAL16 : c(Op.ADDI, rdP, 2, 0, imm);
                    }
                    case 1: return c(Op.FLD, rdP, rs1P, 0, offD(h));
                    case 2: return c(Op.LW, rdP, rs1P, 0, offW(h));
                    case 3: return c(Op.LD, rdP, rs1P, 0, offD(h));
                    case 5: return c(Op.FSD, 0, rs1P, rdP, offD(h));
                    case 6: return c(Op.SW, 0, rs1P, rdP, offW(h));
                    case 7: return c(Op.SD, 0, rs1P, rdP, offD(h));
                    default: return ILLEGAL16;
                }
            case 1: {
                int imm6 = (((h >>> 12) & 1) != 0 ? -32 : 0) | ((h >>> 2) & 31);
                switch (f3) {
                    case 0: return c(Op.ADDI, rdFull, rdFull, 0, imm6);
                    case 1: return rdFull == 0 ? ILLEGAL16 : c(Op.ADDIW, rdFull, rdFull, 0, imm6);
                    case 2: return c(Op.ADDI, rdFull, 0, 0, imm6);
                    case 3:
                        if (rdFull == 2) {
                            int imm = (((h >>> 12) & 1) != 0 ? -512 : 0) | (((h >>> 3) & 3) << 7)
                                    | (((h >>> 5) & 1) << 6) | (((h >>> 2) & 1) << 5) | (((h >>> 6) & 1) << 4);
                            return imm == 0 ? ILLEGAL16 : c(Op.ADDI, 2, 2, 0, imm);
                        }
                        return imm6 == 0 ? ILLEGAL16 : c(Op.LUI, rdFull, 0, 0, imm6 << 12);
                    case 4: return arith16(h, rs1P, rdP, imm6);
                    case 5: return c(Op.JAL, 0, 0, 0, offJ(h));
                    case 6: return c(Op.BEQ, 0, rs1P, 0, offB(h));
                    default: return c(Op.BNE, 0, rs1P, 0, offB(h));
                }
            }
            case 2: {
                int shamt = (((h >>> 12) & 1) << 5) | rs2Full;
                switch (f3) {
                    case 0: return c(Op.SLLI, rdFull, rdFull, 0, shamt);
                    case 1: return c(Op.FLD, rdFull, 2, 0, spD(h));
                    case 2: return rdFull == 0 ? ILLEGAL16 : c(Op.LW, rdFull, 2, 0, spW(h));
                    case 3: return rdFull == 0 ? ILLEGAL16 : c(Op.LD, rdFull, 2, 0, spD(h));
                    case 4:
                        if (((h >>> 12) & 1) == 0) {
                            if (rs2Full == 0) {
                                return rdFull == 0 ? ILLEGAL16 : c(Op.JALR, 0, rdFull, 0, 0);
                            }
                            return c(Op.ADD, rdFull, 0, rs2Full, 0);
                        }
                        if (rs2Full == 0) {
                            return rdFull == 0 ? c(Op.EBREAK, 0, 0, 0, 0) : c(Op.JALR, 1, rdFull, 0, 0);
                        }
                        return c(Op.ADD, rdFull, rdFull, rs2Full, 0);
                    case 5: return c(Op.FSD, 0, 2, rs2Full, ssD(h));
                    case 6: return c(Op.SW, 0, 2, rs2Full, ssW(h));
                    default: return c(Op.SD, 0, 2, rs2Full, ssD(h));
                }
            }
            default:
                return ILLEGAL16;
        }
    }

    private static long c(int op, int rd, int rs1, int rs2, int imm) {
        return pack(op, true, rd, rs1, rs2, 0, 0, imm);
    }

    private static long arith16(int h, int rs1P, int rs2P, int imm6) {
        int shamt = (((h >>> 12) & 1) << 5) | ((h >>> 2) & 31);
        switch ((h >>> 10) & 3) {
            case 0: return c(Op.SRLI, rs1P, rs1P, 0, shamt);
            case 1: return c(Op.SRAI, rs1P, rs1P, 0, shamt);
            case 2: return c(Op.ANDI, rs1P, rs1P, 0, imm6);
            default:
                int sel = (((h >>> 12) & 1) << 2) | ((h >>> 5) & 3);
                switch (sel) {
                    case 0: return c(Op.SUB, rs1P, rs1P, rs2P, 0);
                    case 1: return c(Op.XOR, rs1P, rs1P, rs2P, 0);
                    case 2: return c(Op.OR, rs1P, rs1P, rs2P, 0);
                    case 3: return c(Op.AND, rs1P, rs1P, rs2P, 0);
                    case 4: return c(Op.SUBW, rs1P, rs1P, rs2P, 0);
                    case 5: return c(Op.ADDW, rs1P, rs1P, rs2P, 0);
                    default: return ILLEGAL16;
                }
        }
    }

    private static int offW(int h) {
        return (((h >>> 10) & 7) << 3) | (((h >>> 6) & 1) << 2) | (((h >>> 5) & 1) << 6);
    }

    private static int offD(int h) {
        return (((h >>> 10) & 7) << 3) | (((h >>> 5) & 3) << 6);
    }

    private static int spW(int h) {
        return (((h >>> 12) & 1) << 5) | (((h >>> 4) & 7) << 2) | (((h >>> 2) & 3) << 6);
    }

    private static int spD(int h) {
        return (((h >>> 12) & 1) << 5) | (((h >>> 5) & 3) << 3) | (((h >>> 2) & 7) << 6);
    }

    private static int ssW(int h) {
        return (((h >>> 9) & 0xf) << 2) | (((h >>> 7) & 3) << 6);
    }

    private static int ssD(int h) {
        return (((h >>> 10) & 7) << 3) | (((h >>> 7) & 7) << 6);
    }

    private static int offJ(int h) {
        int v = (((h >>> 12) & 1) << 11) | (((h >>> 11) & 1) << 4) | (((h >>> 9) & 3) << 8) | (((h >>> 8) & 1) << 10)
                | (((h >>> 7) & 1) << 6) | (((h >>> 6) & 1) << 7) | (((h >>> 3) & 7) << 1) | (((h >>> 2) & 1) << 5);
        return (v << 20) >> 20;
    }

    private static int offB(int h) {
        int v = (((h >>> 12) & 1) << 8) | (((h >>> 10) & 3) << 3) | (((h >>> 5) & 3) << 6) | (((h >>> 3) & 3) << 1)
                | (((h >>> 2) & 1) << 5);
        return (v << 23) >> 23;
    }
}
