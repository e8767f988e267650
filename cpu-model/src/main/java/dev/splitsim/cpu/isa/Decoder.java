// Generated from src/main/isa/rv64gc.isa by IsaGenerator (cpu-model tests): edit the table, not this.
package dev.splitsim.cpu.isa;

import static dev.splitsim.cpu.isa.Decoded.pack;

/**
 * Turns instruction bits into a packed {@link Decoded} value. Runs once per instruction per code
 * page (the decode cache keeps the result). Generated from the instruction table: each switch
 * is on a field every row under it fixes, and a row's other fixed bits are checked at its leaf.
 */
public final class Decoder {
    private Decoder() {}

    private static final long ILLEGAL32 = pack(Op.ILLEGAL, false, 0, 0, 0, 0, 0, 0);
    private static final long ILLEGAL16 = pack(Op.ILLEGAL, true, 0, 0, 0, 0, 0, 0);

    /** Decodes a 32-bit instruction (low two bits 11); unknown bits give {@link Op#ILLEGAL}. */
    public static long decode32(int w) {
        switch (w & 0x7f) {
            case 0x37: return pack(Op.LUI, false, (w >>> 7) & 31, 0, 0, 0, 0, immU(w));
            case 0x17: return pack(Op.AUIPC, false, (w >>> 7) & 31, 0, 0, 0, 0, immU(w));
            case 0x6f: return pack(Op.JAL, false, (w >>> 7) & 31, 0, 0, 0, 0, immJ(w));
            case 0x67: return (w & 0x7000) == 0x0 ? pack(Op.JALR, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w)) : ILLEGAL32;
            case 0x63: return branch(w);
            case 0x3: return load(w);
            case 0x23: return store(w);
            case 0x13: return opImm(w);
            case 0x33: return op(w);
            case 0x1b: return opImm32(w);
            case 0x3b: return op32(w);
            case 0xf: return miscMem(w);
            case 0x73: return system(w);
            case 0x2f: return amo(w);
            case 0x7: return loadFp(w);
            case 0x27: return storeFp(w);
            case 0x43: return madd(w);
            case 0x47: return msub(w);
            case 0x4b: return nmsub(w);
            case 0x4f: return nmadd(w);
            case 0x53: return opFp(w);
            default: return ILLEGAL32;
        }
    }

    /** Decodes and expands a 16-bit RVC instruction (low 16 bits of {@code half}). */
    public static long decode16(int half) {
        int h = half & 0xffff;
        switch (h & 0x3) {
            case 0x0: return quadrant0(h);
            case 0x1: return quadrant1(h);
            case 0x2: return quadrant2(h);
            default: return ILLEGAL16;
        }
    }

    private static long branch(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x0: return pack(Op.BEQ, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immB(w));
            case 0x1: return pack(Op.BNE, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immB(w));
            case 0x4: return pack(Op.BLT, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immB(w));
            case 0x5: return pack(Op.BGE, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immB(w));
            case 0x6: return pack(Op.BLTU, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immB(w));
            case 0x7: return pack(Op.BGEU, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immB(w));
            default: return ILLEGAL32;
        }
    }

    private static long load(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x0: return pack(Op.LB, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x1: return pack(Op.LH, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x2: return pack(Op.LW, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x3: return pack(Op.LD, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x4: return pack(Op.LBU, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x5: return pack(Op.LHU, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x6: return pack(Op.LWU, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            default: return ILLEGAL32;
        }
    }

    private static long store(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x0: return pack(Op.SB, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immS(w));
            case 0x1: return pack(Op.SH, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immS(w));
            case 0x2: return pack(Op.SW, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immS(w));
            case 0x3: return pack(Op.SD, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immS(w));
            default: return ILLEGAL32;
        }
    }

    private static long opImm(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x0: return pack(Op.ADDI, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x2: return pack(Op.SLTI, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x3: return pack(Op.SLTIU, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x4: return pack(Op.XORI, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x6: return pack(Op.ORI, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x7: return pack(Op.ANDI, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x1: return (w & 0xfc000000) == 0x0 ? pack(Op.SLLI, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immShamt6(w)) : ILLEGAL32;
            case 0x5: {
                switch (w >>> 27) {
                    case 0x0: return (w & 0x4000000) == 0x0 ? pack(Op.SRLI, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immShamt6(w)) : ILLEGAL32;
                    case 0x8: return (w & 0x4000000) == 0x0 ? pack(Op.SRAI, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immShamt6(w)) : ILLEGAL32;
                    default: return ILLEGAL32;
                }
            }
            default: return ILLEGAL32;
        }
    }

    private static long op(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x0: {
                switch (w >>> 25) {
                    case 0x0: return pack(Op.ADD, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x20: return pack(Op.SUB, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.MUL, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x1: {
                switch (w >>> 25) {
                    case 0x0: return pack(Op.SLL, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.MULH, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x2: {
                switch (w >>> 25) {
                    case 0x0: return pack(Op.SLT, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.MULHSU, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x3: {
                switch (w >>> 25) {
                    case 0x0: return pack(Op.SLTU, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.MULHU, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x4: {
                switch (w >>> 25) {
                    case 0x0: return pack(Op.XOR, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.DIV, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x5: {
                switch (w >>> 25) {
                    case 0x0: return pack(Op.SRL, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x20: return pack(Op.SRA, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.DIVU, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x6: {
                switch (w >>> 25) {
                    case 0x0: return pack(Op.OR, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.REM, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x7: {
                switch (w >>> 25) {
                    case 0x0: return pack(Op.AND, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.REMU, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            default: return ILLEGAL32;
        }
    }

    private static long opImm32(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x0: return pack(Op.ADDIW, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x1: return (w & 0xfe000000) == 0x0 ? pack(Op.SLLIW, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immShamt5(w)) : ILLEGAL32;
            case 0x5: {
                switch (w >>> 25) {
                    case 0x0: return pack(Op.SRLIW, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immShamt5(w));
                    case 0x20: return pack(Op.SRAIW, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immShamt5(w));
                    default: return ILLEGAL32;
                }
            }
            default: return ILLEGAL32;
        }
    }

    private static long op32(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x0: {
                switch (w >>> 25) {
                    case 0x0: return pack(Op.ADDW, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x20: return pack(Op.SUBW, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.MULW, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x1: return (w & 0xfe000000) == 0x0 ? pack(Op.SLLW, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0) : ILLEGAL32;
            case 0x5: {
                switch (w >>> 25) {
                    case 0x0: return pack(Op.SRLW, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x20: return pack(Op.SRAW, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.DIVUW, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x4: return (w & 0xfe000000) == 0x2000000 ? pack(Op.DIVW, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0) : ILLEGAL32;
            case 0x6: return (w & 0xfe000000) == 0x2000000 ? pack(Op.REMW, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0) : ILLEGAL32;
            case 0x7: return (w & 0xfe000000) == 0x2000000 ? pack(Op.REMUW, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0) : ILLEGAL32;
            default: return ILLEGAL32;
        }
    }

    private static long miscMem(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x0: return pack(Op.FENCE, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immU12(w));
            case 0x1: return pack(Op.FENCE_I, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            default: return ILLEGAL32;
        }
    }

    private static long system(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x0: {
                switch (w >>> 25) {
                    case 0x0: {
                        switch ((w >>> 20) & 0x1f) {
                            case 0x0: return (w & 0xf8f80) == 0x0 ? pack(Op.ECALL, false, 0, 0, 0, 0, 0, 0) : ILLEGAL32;
                            case 0x1: return (w & 0xf8f80) == 0x0 ? pack(Op.EBREAK, false, 0, 0, 0, 0, 0, 0) : ILLEGAL32;
                            default: return ILLEGAL32;
                        }
                    }
                    case 0x18: return (w & 0x1ff8f80) == 0x200000 ? pack(Op.MRET, false, 0, 0, 0, 0, 0, 0) : ILLEGAL32;
                    case 0x8: {
                        switch ((w >>> 20) & 0x1f) {
                            case 0x2: return (w & 0xf8f80) == 0x0 ? pack(Op.SRET, false, 0, 0, 0, 0, 0, 0) : ILLEGAL32;
                            case 0x5: return (w & 0xf8f80) == 0x0 ? pack(Op.WFI, false, 0, 0, 0, 0, 0, 0) : ILLEGAL32;
                            default: return ILLEGAL32;
                        }
                    }
                    case 0x9: return (w & 0xf80) == 0x0 ? pack(Op.SFENCE_VMA, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0) : ILLEGAL32;
                    default: return ILLEGAL32;
                }
            }
            case 0x1: return pack(Op.CSRRW, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immU12(w));
            case 0x2: return pack(Op.CSRRS, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immU12(w));
            case 0x3: return pack(Op.CSRRC, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immU12(w));
            case 0x5: return pack(Op.CSRRWI, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immU12(w));
            case 0x6: return pack(Op.CSRRSI, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immU12(w));
            case 0x7: return pack(Op.CSRRCI, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immU12(w));
            default: return ILLEGAL32;
        }
    }

    private static long amo(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x2: {
                switch (w >>> 27) {
                    case 0x2: return (w & 0x1f00000) == 0x0 ? pack(Op.LR_W, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, (w >>> 25) & 3, 0, 0) : ILLEGAL32;
                    case 0x3: return pack(Op.SC_W, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x1: return pack(Op.AMOSWAP_W, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x0: return pack(Op.AMOADD_W, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x4: return pack(Op.AMOXOR_W, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0xc: return pack(Op.AMOAND_W, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x8: return pack(Op.AMOOR_W, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x10: return pack(Op.AMOMIN_W, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x14: return pack(Op.AMOMAX_W, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x18: return pack(Op.AMOMINU_W, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x1c: return pack(Op.AMOMAXU_W, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x3: {
                switch (w >>> 27) {
                    case 0x2: return (w & 0x1f00000) == 0x0 ? pack(Op.LR_D, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, (w >>> 25) & 3, 0, 0) : ILLEGAL32;
                    case 0x3: return pack(Op.SC_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x1: return pack(Op.AMOSWAP_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x0: return pack(Op.AMOADD_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x4: return pack(Op.AMOXOR_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0xc: return pack(Op.AMOAND_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x8: return pack(Op.AMOOR_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x10: return pack(Op.AMOMIN_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x14: return pack(Op.AMOMAX_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x18: return pack(Op.AMOMINU_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    case 0x1c: return pack(Op.AMOMAXU_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, (w >>> 25) & 3, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            default: return ILLEGAL32;
        }
    }

    private static long loadFp(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x2: return pack(Op.FLW, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            case 0x3: return pack(Op.FLD, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, immI(w));
            default: return ILLEGAL32;
        }
    }

    private static long storeFp(int w) {
        switch ((w >>> 12) & 0x7) {
            case 0x2: return pack(Op.FSW, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immS(w));
            case 0x3: return pack(Op.FSD, false, 0, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, immS(w));
            default: return ILLEGAL32;
        }
    }

    private static long madd(int w) {
        switch ((w >>> 25) & 0x3) {
            case 0x0: return pack(Op.FMADD_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, w >>> 27, (w >>> 12) & 7, 0);
            case 0x1: return pack(Op.FMADD_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, w >>> 27, (w >>> 12) & 7, 0);
            default: return ILLEGAL32;
        }
    }

    private static long msub(int w) {
        switch ((w >>> 25) & 0x3) {
            case 0x0: return pack(Op.FMSUB_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, w >>> 27, (w >>> 12) & 7, 0);
            case 0x1: return pack(Op.FMSUB_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, w >>> 27, (w >>> 12) & 7, 0);
            default: return ILLEGAL32;
        }
    }

    private static long nmsub(int w) {
        switch ((w >>> 25) & 0x3) {
            case 0x0: return pack(Op.FNMSUB_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, w >>> 27, (w >>> 12) & 7, 0);
            case 0x1: return pack(Op.FNMSUB_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, w >>> 27, (w >>> 12) & 7, 0);
            default: return ILLEGAL32;
        }
    }

    private static long nmadd(int w) {
        switch ((w >>> 25) & 0x3) {
            case 0x0: return pack(Op.FNMADD_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, w >>> 27, (w >>> 12) & 7, 0);
            case 0x1: return pack(Op.FNMADD_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, w >>> 27, (w >>> 12) & 7, 0);
            default: return ILLEGAL32;
        }
    }

    private static long opFp(int w) {
        switch (w >>> 25) {
            case 0x0: return pack(Op.FADD_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, (w >>> 12) & 7, 0);
            case 0x4: return pack(Op.FSUB_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, (w >>> 12) & 7, 0);
            case 0x8: return pack(Op.FMUL_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, (w >>> 12) & 7, 0);
            case 0xc: return pack(Op.FDIV_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, (w >>> 12) & 7, 0);
            case 0x2c: return (w & 0x1f00000) == 0x0 ? pack(Op.FSQRT_S, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0) : ILLEGAL32;
            case 0x10: {
                switch ((w >>> 12) & 0x7) {
                    case 0x0: return pack(Op.FSGNJ_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.FSGNJN_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x2: return pack(Op.FSGNJX_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x14: {
                switch ((w >>> 12) & 0x7) {
                    case 0x0: return pack(Op.FMIN_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.FMAX_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x60: {
                switch ((w >>> 20) & 0x1f) {
                    case 0x0: return pack(Op.FCVT_W_S, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x1: return pack(Op.FCVT_WU_S, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x2: return pack(Op.FCVT_L_S, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x3: return pack(Op.FCVT_LU_S, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x70: {
                switch ((w >>> 12) & 0x7) {
                    case 0x0: return (w & 0x1f00000) == 0x0 ? pack(Op.FMV_X_W, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, 0) : ILLEGAL32;
                    case 0x1: return (w & 0x1f00000) == 0x0 ? pack(Op.FCLASS_S, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, 0) : ILLEGAL32;
                    default: return ILLEGAL32;
                }
            }
            case 0x50: {
                switch ((w >>> 12) & 0x7) {
                    case 0x2: return pack(Op.FEQ_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.FLT_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x0: return pack(Op.FLE_S, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x68: {
                switch ((w >>> 20) & 0x1f) {
                    case 0x0: return pack(Op.FCVT_S_W, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x1: return pack(Op.FCVT_S_WU, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x2: return pack(Op.FCVT_S_L, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x3: return pack(Op.FCVT_S_LU, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x78: return (w & 0x1f07000) == 0x0 ? pack(Op.FMV_W_X, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, 0) : ILLEGAL32;
            case 0x1: return pack(Op.FADD_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, (w >>> 12) & 7, 0);
            case 0x5: return pack(Op.FSUB_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, (w >>> 12) & 7, 0);
            case 0x9: return pack(Op.FMUL_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, (w >>> 12) & 7, 0);
            case 0xd: return pack(Op.FDIV_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, (w >>> 12) & 7, 0);
            case 0x2d: return (w & 0x1f00000) == 0x0 ? pack(Op.FSQRT_D, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0) : ILLEGAL32;
            case 0x11: {
                switch ((w >>> 12) & 0x7) {
                    case 0x0: return pack(Op.FSGNJ_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.FSGNJN_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x2: return pack(Op.FSGNJX_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x15: {
                switch ((w >>> 12) & 0x7) {
                    case 0x0: return pack(Op.FMIN_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.FMAX_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x20: return (w & 0x1f00000) == 0x100000 ? pack(Op.FCVT_S_D, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0) : ILLEGAL32;
            case 0x21: return (w & 0x1f00000) == 0x0 ? pack(Op.FCVT_D_S, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0) : ILLEGAL32;
            case 0x61: {
                switch ((w >>> 20) & 0x1f) {
                    case 0x0: return pack(Op.FCVT_W_D, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x1: return pack(Op.FCVT_WU_D, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x2: return pack(Op.FCVT_L_D, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x3: return pack(Op.FCVT_LU_D, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x71: {
                switch ((w >>> 12) & 0x7) {
                    case 0x0: return (w & 0x1f00000) == 0x0 ? pack(Op.FMV_X_D, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, 0) : ILLEGAL32;
                    case 0x1: return (w & 0x1f00000) == 0x0 ? pack(Op.FCLASS_D, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, 0) : ILLEGAL32;
                    default: return ILLEGAL32;
                }
            }
            case 0x51: {
                switch ((w >>> 12) & 0x7) {
                    case 0x2: return pack(Op.FEQ_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x1: return pack(Op.FLT_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    case 0x0: return pack(Op.FLE_D, false, (w >>> 7) & 31, (w >>> 15) & 31, (w >>> 20) & 31, 0, 0, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x69: {
                switch ((w >>> 20) & 0x1f) {
                    case 0x0: return pack(Op.FCVT_D_W, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x1: return pack(Op.FCVT_D_WU, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x2: return pack(Op.FCVT_D_L, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    case 0x3: return pack(Op.FCVT_D_LU, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, (w >>> 12) & 7, 0);
                    default: return ILLEGAL32;
                }
            }
            case 0x79: return (w & 0x1f07000) == 0x0 ? pack(Op.FMV_D_X, false, (w >>> 7) & 31, (w >>> 15) & 31, 0, 0, 0, 0) : ILLEGAL32;
            default: return ILLEGAL32;
        }
    }

    private static long quadrant0(int h) {
        switch ((h >>> 13) & 0x7) {
            case 0x0: {
                if (immCiw(h) != 0) {
                    return pack(Op.ADDI, true, 8 + ((h >>> 2) & 7), 2, 0, 0, 0, immCiw(h));
                }
                return ILLEGAL16;
            }
            case 0x1: return pack(Op.FLD, true, 8 + ((h >>> 2) & 7), 8 + ((h >>> 7) & 7), 0, 0, 0, immCld(h));
            case 0x2: return pack(Op.LW, true, 8 + ((h >>> 2) & 7), 8 + ((h >>> 7) & 7), 0, 0, 0, immClw(h));
            case 0x3: return pack(Op.LD, true, 8 + ((h >>> 2) & 7), 8 + ((h >>> 7) & 7), 0, 0, 0, immCld(h));
            case 0x5: return pack(Op.FSD, true, 0, 8 + ((h >>> 7) & 7), 8 + ((h >>> 2) & 7), 0, 0, immCld(h));
            case 0x6: return pack(Op.SW, true, 0, 8 + ((h >>> 7) & 7), 8 + ((h >>> 2) & 7), 0, 0, immClw(h));
            case 0x7: return pack(Op.SD, true, 0, 8 + ((h >>> 7) & 7), 8 + ((h >>> 2) & 7), 0, 0, immCld(h));
            default: return ILLEGAL16;
        }
    }

    private static long quadrant1(int h) {
        switch ((h >>> 13) & 0x7) {
            case 0x0: return pack(Op.ADDI, true, (h >>> 7) & 31, (h >>> 7) & 31, 0, 0, 0, immCi(h));
            case 0x1: {
                if (((h >>> 7) & 31) != 0) {
                    return pack(Op.ADDIW, true, (h >>> 7) & 31, (h >>> 7) & 31, 0, 0, 0, immCi(h));
                }
                return ILLEGAL16;
            }
            case 0x2: return pack(Op.ADDI, true, (h >>> 7) & 31, 0, 0, 0, 0, immCi(h));
            case 0x3: {
                if ((h & 0xf80) == 0x100 && immCi16sp(h) != 0) {
                    return pack(Op.ADDI, true, 2, 2, 0, 0, 0, immCi16sp(h));
                }
                if (((h >>> 7) & 31) != 2 && immCilui(h) != 0) {
                    return pack(Op.LUI, true, (h >>> 7) & 31, 0, 0, 0, 0, immCilui(h));
                }
                return ILLEGAL16;
            }
            case 0x4: {
                switch ((h >>> 10) & 0x3) {
                    case 0x0: return pack(Op.SRLI, true, 8 + ((h >>> 7) & 7), 8 + ((h >>> 7) & 7), 0, 0, 0, immCishamt(h));
                    case 0x1: return pack(Op.SRAI, true, 8 + ((h >>> 7) & 7), 8 + ((h >>> 7) & 7), 0, 0, 0, immCishamt(h));
                    case 0x2: return pack(Op.ANDI, true, 8 + ((h >>> 7) & 7), 8 + ((h >>> 7) & 7), 0, 0, 0, immCi(h));
                    case 0x3: {
                        switch ((h >>> 12) & 0x1) {
                            case 0x0: {
                                switch ((h >>> 5) & 0x3) {
                                    case 0x0: return pack(Op.SUB, true, 8 + ((h >>> 7) & 7), 8 + ((h >>> 7) & 7), 8 + ((h >>> 2) & 7), 0, 0, 0);
                                    case 0x1: return pack(Op.XOR, true, 8 + ((h >>> 7) & 7), 8 + ((h >>> 7) & 7), 8 + ((h >>> 2) & 7), 0, 0, 0);
                                    case 0x2: return pack(Op.OR, true, 8 + ((h >>> 7) & 7), 8 + ((h >>> 7) & 7), 8 + ((h >>> 2) & 7), 0, 0, 0);
                                    case 0x3: return pack(Op.AND, true, 8 + ((h >>> 7) & 7), 8 + ((h >>> 7) & 7), 8 + ((h >>> 2) & 7), 0, 0, 0);
                                    default: return ILLEGAL16;
                                }
                            }
                            case 0x1: {
                                switch ((h >>> 5) & 0x3) {
                                    case 0x0: return pack(Op.SUBW, true, 8 + ((h >>> 7) & 7), 8 + ((h >>> 7) & 7), 8 + ((h >>> 2) & 7), 0, 0, 0);
                                    case 0x1: return pack(Op.ADDW, true, 8 + ((h >>> 7) & 7), 8 + ((h >>> 7) & 7), 8 + ((h >>> 2) & 7), 0, 0, 0);
                                    default: return ILLEGAL16;
                                }
                            }
                            default: return ILLEGAL16;
                        }
                    }
                    default: return ILLEGAL16;
                }
            }
            case 0x5: return pack(Op.JAL, true, 0, 0, 0, 0, 0, immCj(h));
            case 0x6: return pack(Op.BEQ, true, 0, 8 + ((h >>> 7) & 7), 0, 0, 0, immCb(h));
            case 0x7: return pack(Op.BNE, true, 0, 8 + ((h >>> 7) & 7), 0, 0, 0, immCb(h));
            default: return ILLEGAL16;
        }
    }

    private static long quadrant2(int h) {
        switch ((h >>> 13) & 0x7) {
            case 0x0: return pack(Op.SLLI, true, (h >>> 7) & 31, (h >>> 7) & 31, 0, 0, 0, immCishamt(h));
            case 0x1: return pack(Op.FLD, true, (h >>> 7) & 31, 2, 0, 0, 0, immCildsp(h));
            case 0x2: {
                if (((h >>> 7) & 31) != 0) {
                    return pack(Op.LW, true, (h >>> 7) & 31, 2, 0, 0, 0, immCilwsp(h));
                }
                return ILLEGAL16;
            }
            case 0x3: {
                if (((h >>> 7) & 31) != 0) {
                    return pack(Op.LD, true, (h >>> 7) & 31, 2, 0, 0, 0, immCildsp(h));
                }
                return ILLEGAL16;
            }
            case 0x4: {
                switch ((h >>> 12) & 0x1) {
                    case 0x0: {
                        if ((h & 0x7c) == 0x0 && ((h >>> 7) & 31) != 0) {
                            return pack(Op.JALR, true, 0, (h >>> 7) & 31, 0, 0, 0, 0);
                        }
                        if (((h >>> 2) & 31) != 0) {
                            return pack(Op.ADD, true, (h >>> 7) & 31, 0, (h >>> 2) & 31, 0, 0, 0);
                        }
                        return ILLEGAL16;
                    }
                    case 0x1: {
                        if ((h & 0xffc) == 0x0) {
                            return pack(Op.EBREAK, true, 0, 0, 0, 0, 0, 0);
                        }
                        if ((h & 0x7c) == 0x0 && ((h >>> 7) & 31) != 0) {
                            return pack(Op.JALR, true, 1, (h >>> 7) & 31, 0, 0, 0, 0);
                        }
                        if (((h >>> 2) & 31) != 0) {
                            return pack(Op.ADD, true, (h >>> 7) & 31, (h >>> 7) & 31, (h >>> 2) & 31, 0, 0, 0);
                        }
                        return ILLEGAL16;
                    }
                    default: return ILLEGAL16;
                }
            }
            case 0x5: return pack(Op.FSD, true, 0, 2, (h >>> 2) & 31, 0, 0, immCsssdsp(h));
            case 0x6: return pack(Op.SW, true, 0, 2, (h >>> 2) & 31, 0, 0, immCsswsp(h));
            case 0x7: return pack(Op.SD, true, 0, 2, (h >>> 2) & 31, 0, 0, immCsssdsp(h));
            default: return ILLEGAL16;
        }
    }

    /** Immediate U, sign-extended. */
    private static int immU(int w) {
        return (w >>> 12) << 12;
    }

    /** Immediate J, sign-extended. */
    private static int immJ(int w) {
        return ((w >>> 31) << 20 | (w & 0xff000) | ((w >>> 20) & 0x1) << 11 | ((w >>> 21) & 0x3ff) << 1) << 11 >> 11;
    }

    /** Immediate I, sign-extended. */
    private static int immI(int w) {
        return (w >>> 20) << 20 >> 20;
    }

    /** Immediate B, sign-extended. */
    private static int immB(int w) {
        return ((w >>> 31) << 12 | ((w >>> 7) & 0x1) << 11 | ((w >>> 25) & 0x3f) << 5 | ((w >>> 8) & 0xf) << 1) << 19 >> 19;
    }

    /** Immediate S, sign-extended. */
    private static int immS(int w) {
        return ((w >>> 25) << 5 | ((w >>> 7) & 0x1f)) << 20 >> 20;
    }

    /** Immediate shamt6. */
    private static int immShamt6(int w) {
        return ((w >>> 20) & 0x3f);
    }

    /** Immediate shamt5. */
    private static int immShamt5(int w) {
        return ((w >>> 20) & 0x1f);
    }

    /** Immediate U12. */
    private static int immU12(int w) {
        return w >>> 20;
    }

    /** Immediate ciw. */
    private static int immCiw(int h) {
        return ((h >>> 7) & 0xf) << 6 | ((h >>> 11) & 0x3) << 4 | ((h >>> 5) & 0x1) << 3 | ((h >>> 6) & 0x1) << 2;
    }

    /** Immediate cld. */
    private static int immCld(int h) {
        return ((h >>> 10) & 0x7) << 3 | ((h >>> 5) & 0x3) << 6;
    }

    /** Immediate clw. */
    private static int immClw(int h) {
        return ((h >>> 10) & 0x7) << 3 | ((h >>> 6) & 0x1) << 2 | ((h >>> 5) & 0x1) << 6;
    }

    /** Immediate ci, sign-extended. */
    private static int immCi(int h) {
        return (((h >>> 12) & 0x1) << 5 | ((h >>> 2) & 0x1f)) << 26 >> 26;
    }

    /** Immediate ci16sp, sign-extended. */
    private static int immCi16sp(int h) {
        return (((h >>> 12) & 0x1) << 9 | ((h >>> 3) & 0x3) << 7 | ((h >>> 5) & 0x1) << 6 | ((h >>> 2) & 0x1) << 5 | ((h >>> 6) & 0x1) << 4) << 22 >> 22;
    }

    /** Immediate cilui, sign-extended. */
    private static int immCilui(int h) {
        return (((h >>> 12) & 0x1) << 17 | ((h >>> 2) & 0x1f) << 12) << 14 >> 14;
    }

    /** Immediate cishamt. */
    private static int immCishamt(int h) {
        return ((h >>> 12) & 0x1) << 5 | ((h >>> 2) & 0x1f);
    }

    /** Immediate cj, sign-extended. */
    private static int immCj(int h) {
        return (((h >>> 12) & 0x1) << 11 | ((h >>> 11) & 0x1) << 4 | ((h >>> 9) & 0x3) << 8 | ((h >>> 8) & 0x1) << 10 | ((h >>> 7) & 0x1) << 6 | ((h >>> 6) & 0x1) << 7 | ((h >>> 3) & 0x7) << 1 | ((h >>> 2) & 0x1) << 5) << 20 >> 20;
    }

    /** Immediate cb, sign-extended. */
    private static int immCb(int h) {
        return (((h >>> 12) & 0x1) << 8 | ((h >>> 10) & 0x3) << 3 | ((h >>> 5) & 0x3) << 6 | ((h >>> 3) & 0x3) << 1 | ((h >>> 2) & 0x1) << 5) << 23 >> 23;
    }

    /** Immediate cildsp. */
    private static int immCildsp(int h) {
        return ((h >>> 12) & 0x1) << 5 | ((h >>> 5) & 0x3) << 3 | ((h >>> 2) & 0x7) << 6;
    }

    /** Immediate cilwsp. */
    private static int immCilwsp(int h) {
        return ((h >>> 12) & 0x1) << 5 | ((h >>> 4) & 0x7) << 2 | ((h >>> 2) & 0x3) << 6;
    }

    /** Immediate csssdsp. */
    private static int immCsssdsp(int h) {
        return ((h >>> 10) & 0x7) << 3 | ((h >>> 7) & 0x7) << 6;
    }

    /** Immediate csswsp. */
    private static int immCsswsp(int h) {
        return ((h >>> 9) & 0xf) << 2 | ((h >>> 7) & 0x3) << 6;
    }
}
