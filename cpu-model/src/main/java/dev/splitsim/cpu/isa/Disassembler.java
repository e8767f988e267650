package dev.splitsim.cpu.isa;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.Locale;

/**
 * Instruction text in the style of GNU objdump: mnemonic, a tab, operands with ABI register names,
 * the common pseudo-instructions (li, mv, nop, j, ret, beqz, ...) and branch targets as absolute hex
 * addresses. Compressed instructions print as the base instruction they expand to.
 */
public final class Disassembler {
    private Disassembler() {}

    private static final String[] X = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
        "t5", "t6"};
    private static final String[] F = {"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0",
        "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
        "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};
    private static final String[] ROUNDING = {"rne", "rtz", "rdn", "rup", "rmm", "", "", "dyn"};
    /** Mnemonic per opcode, derived from the constant names of {@link Op}. */
    private static final String[] NAMES = new String[Op.COUNT];

    static {
        for (Field f : Op.class.getFields()) {
            if (f.getType() == int.class && Modifier.isStatic(f.getModifiers()) && !f.getName().equals("COUNT")) {
                try {
                    NAMES[f.getInt(null)] = f.getName().toLowerCase(Locale.ROOT).replace('_', '.');
                } catch (IllegalAccessException e) {
                    throw new IllegalStateException(e);
                }
            }
        }
    }

    /** The mnemonic of an opcode, e.g. "fcvt.w.s". */
    /** The ABI name of integer register {@code r} ({@code a0}, {@code sp}, ...). */
    public static String xName(int r) {
        return X[r];
    }

    /** The ABI name of FP register {@code r} ({@code fa0}, {@code ft0}, ...). */
    public static String fName(int r) {
        return F[r];
    }

    public static String mnemonic(int op) {
        return NAMES[op];
    }

    /**
     * The text for {@code insn} at {@code pc}. {@code insn} holds 16 bits for a compressed
     * instruction (low bits != 11) or 32 bits.
     */
    public static String disassemble(long pc, int insn) {
        if ((insn & 0x1f) == 0x1f) {
            // The length encoding of a 48-bit or longer instruction, which RV64GC has none of:
            // objdump shows its first parcel alone.
            return String.format(".2byte\t0x%04x", insn & 0xffff);
        }
        boolean compressed = (insn & 3) != 3;
        long d = compressed ? Decoder.decode16(insn & 0xffff) : Decoder.decode32(insn);
        int op = Decoded.op(d);
        if (op == Op.ILLEGAL) {
            if (compressed && (insn & 0xffff) == 0) {
                return "unimp";
            }
            return compressed ? String.format(".short\t0x%04x", insn & 0xffff) : String.format(".word\t0x%08x", insn);
        }
        String m = printedName(op);
        int rd = Decoded.rd(d);
        int rs1 = Decoded.rs1(d);
        int rs2 = Decoded.rs2(d);
        int imm = Decoded.imm(d);
        switch (op) {
            case Op.LUI: case Op.AUIPC: return m + "\t" + X[rd] + "," + hex(imm >>> 12);
            case Op.JAL:
                if (rd == 0) {
                    return "j\t" + target(pc, imm);
                }
                return rd == 1 ? "jal\t" + target(pc, imm) : "jal\t" + X[rd] + "," + target(pc, imm);
            case Op.JALR:
                if (rd == 0 && rs1 == 1 && imm == 0) {
                    return "ret";
                }
                if (rd == 0 && imm == 0) {
                    return "jr\t" + X[rs1];
                }
                return rd == 1 && imm == 0 ? "jalr\t" + X[rs1] : m + "\t" + X[rd] + "," + imm + "(" + X[rs1] + ")";
            case Op.BEQ: case Op.BNE: case Op.BLT: case Op.BGE: case Op.BLTU: case Op.BGEU:
                if (rs2 == 0 && (op == Op.BEQ || op == Op.BNE || op == Op.BLT || op == Op.BGE)) {
                    String z = op == Op.BEQ ? "beqz" : op == Op.BNE ? "bnez" : op == Op.BLT ? "bltz" : "bgez";
                    return z + "\t" + X[rs1] + "," + target(pc, imm);
                }
                if (rs1 == 0 && (op == Op.BLT || op == Op.BGE)) {
                    return (op == Op.BLT ? "bgtz\t" : "blez\t") + X[rs2] + "," + target(pc, imm);
                }
                return m + "\t" + X[rs1] + "," + X[rs2] + "," + target(pc, imm);
            case Op.LB: case Op.LH: case Op.LW: case Op.LD: case Op.LBU: case Op.LHU: case Op.LWU:
                return m + "\t" + X[rd] + "," + imm + "(" + X[rs1] + ")";
            case Op.FLW: case Op.FLD: return m + "\t" + F[rd] + "," + imm + "(" + X[rs1] + ")";
            case Op.SB: case Op.SH: case Op.SW: case Op.SD: return m + "\t" + X[rs2] + "," + imm + "(" + X[rs1] + ")";
            case Op.FSW: case Op.FSD: return m + "\t" + F[rs2] + "," + imm + "(" + X[rs1] + ")";
            case Op.ADD:
                if (compressed && rs1 == 0) {
                    return "mv\t" + X[rd] + "," + X[rs2];
                }
                return m + "\t" + X[rd] + "," + X[rs1] + "," + X[rs2];
            case Op.ADDI:
                if (rd == 0 && rs1 == 0 && imm == 0) {
                    return "nop";
                }
                if (compressed && rs1 == rd && rs1 != 0) {
                    return m + "\t" + X[rd] + "," + X[rs1] + "," + imm;
                }
                if (rs1 == 0) {
                    return "li\t" + X[rd] + "," + imm;
                }
                return imm == 0 ? "mv\t" + X[rd] + "," + X[rs1] : m + "\t" + X[rd] + "," + X[rs1] + "," + imm;
            case Op.ADDIW:
                return imm == 0 ? "sext.w\t" + X[rd] + "," + X[rs1] : m + "\t" + X[rd] + "," + X[rs1] + "," + imm;
            case Op.XORI:
                return imm == -1 ? "not\t" + X[rd] + "," + X[rs1] : m + "\t" + X[rd] + "," + X[rs1] + "," + imm;
            case Op.SLTIU:
                return imm == 1 ? "seqz\t" + X[rd] + "," + X[rs1] : m + "\t" + X[rd] + "," + X[rs1] + "," + imm;
            case Op.ANDI:
                return imm == 255 ? "zext.b\t" + X[rd] + "," + X[rs1] : m + "\t" + X[rd] + "," + X[rs1] + "," + imm;
            case Op.SLTI: case Op.ORI: case Op.SLLI: case Op.SRLI: case Op.SRAI: case Op.SLLIW:
            case Op.SRLIW: case Op.SRAIW:
                return m + "\t" + X[rd] + "," + X[rs1] + "," + (op >= Op.SLLI && op <= Op.SRAI || op >= Op.SLLIW
                        ? hex(imm) : Integer.toString(imm));
            case Op.SUB: case Op.SUBW:
                if (rs1 == 0) {
                    return (op == Op.SUB ? "neg\t" : "negw\t") + X[rd] + "," + X[rs2];
                }
                return m + "\t" + X[rd] + "," + X[rs1] + "," + X[rs2];
            case Op.SLT:
                if (rs1 == 0) {
                    return "sgtz\t" + X[rd] + "," + X[rs2];
                }
                return rs2 == 0 ? "sltz\t" + X[rd] + "," + X[rs1] : m + "\t" + X[rd] + "," + X[rs1] + "," + X[rs2];
            case Op.SLTU:
                return rs1 == 0 ? "snez\t" + X[rd] + "," + X[rs2] : m + "\t" + X[rd] + "," + X[rs1] + "," + X[rs2];
            case Op.FENCE: return fence(imm);
            case Op.FENCE_I: case Op.ECALL: case Op.EBREAK: case Op.MRET: case Op.SRET: case Op.WFI: return m;
            case Op.SFENCE_VMA: return m + "\t" + X[rs1] + "," + X[rs2];
            case Op.CSRRW: case Op.CSRRS: case Op.CSRRC: case Op.CSRRWI: case Op.CSRRSI: case Op.CSRRCI:
                return csrText(m, op, rd, rs1, imm & 0xfff);
            default:
                break;
        }
        if (op >= Op.LR_W && op <= Op.AMOMAXU_D) {
            int aqrl = Decoded.rs3(d) & 3;
            String suffix = aqrl == 3 ? ".aqrl" : aqrl == 2 ? ".aq" : aqrl == 1 ? ".rl" : "";
            if (op == Op.LR_W || op == Op.LR_D) {
                return m + suffix + "\t" + X[rd] + ",(" + X[rs1] + ")";
            }
            return m + suffix + "\t" + X[rd] + "," + X[rs2] + ",(" + X[rs1] + ")";
        }
        if (op >= Op.ADD && op <= Op.REMUW) {
            return m + "\t" + X[rd] + "," + X[rs1] + "," + X[rs2];
        }
        return floating(m, op, d);
    }

    private static String floating(String m, int op, long d) {
        int rd = Decoded.rd(d);
        int rs1 = Decoded.rs1(d);
        int rs2 = Decoded.rs2(d);
        // Conversions that are always exact print no rounding mode.
        boolean exact = op == Op.FCVT_D_S || op == Op.FCVT_D_W || op == Op.FCVT_D_WU;
        String rm = Decoded.rm(d) == 7 || exact ? "" : "," + ROUNDING[Decoded.rm(d)];
        switch (op) {
            case Op.FMADD_S: case Op.FMSUB_S: case Op.FNMSUB_S: case Op.FNMADD_S:
            case Op.FMADD_D: case Op.FMSUB_D: case Op.FNMSUB_D: case Op.FNMADD_D:
                return m + "\t" + F[rd] + "," + F[rs1] + "," + F[rs2] + "," + F[Decoded.rs3(d)] + rm;
            case Op.FADD_S: case Op.FSUB_S: case Op.FMUL_S: case Op.FDIV_S:
            case Op.FADD_D: case Op.FSUB_D: case Op.FMUL_D: case Op.FDIV_D:
                return m + "\t" + F[rd] + "," + F[rs1] + "," + F[rs2] + rm;
            case Op.FSQRT_S: case Op.FSQRT_D: case Op.FCVT_S_D: case Op.FCVT_D_S:
                return m + "\t" + F[rd] + "," + F[rs1] + rm;
            case Op.FSGNJ_S: case Op.FSGNJ_D:
                return rs1 == rs2 ? "fmv." + m.substring(6) + "\t" + F[rd] + "," + F[rs1] : three(m, rd, rs1, rs2);
            case Op.FSGNJN_S: case Op.FSGNJN_D:
                return rs1 == rs2 ? "fneg." + m.substring(7) + "\t" + F[rd] + "," + F[rs1] : three(m, rd, rs1, rs2);
            case Op.FSGNJX_S: case Op.FSGNJX_D:
                return rs1 == rs2 ? "fabs." + m.substring(7) + "\t" + F[rd] + "," + F[rs1] : three(m, rd, rs1, rs2);
            case Op.FMIN_S: case Op.FMAX_S: case Op.FMIN_D: case Op.FMAX_D:
                return three(m, rd, rs1, rs2);
            case Op.FEQ_S: case Op.FLT_S: case Op.FLE_S: case Op.FEQ_D: case Op.FLT_D: case Op.FLE_D:
                return m + "\t" + X[rd] + "," + F[rs1] + "," + F[rs2];
            case Op.FCVT_W_S: case Op.FCVT_WU_S: case Op.FCVT_L_S: case Op.FCVT_LU_S:
            case Op.FCVT_W_D: case Op.FCVT_WU_D: case Op.FCVT_L_D: case Op.FCVT_LU_D:
                return m + "\t" + X[rd] + "," + F[rs1] + rm;
            case Op.FMV_X_W: case Op.FMV_X_D: case Op.FCLASS_S: case Op.FCLASS_D:
                return m + "\t" + X[rd] + "," + F[rs1];
            case Op.FMV_W_X: case Op.FMV_D_X:
                return m + "\t" + F[rd] + "," + X[rs1];
            default:
                return m + "\t" + F[rd] + "," + X[rs1] + rm;
        }
    }

    /** objdump (binutils 2.40) names register-immediate ALU forms by their register-register cousin. */
    private static String printedName(int op) {
        switch (op) {
            case Op.ADDI: return "add";
            case Op.ADDIW: return "addw";
            case Op.ANDI: return "and";
            case Op.ORI: return "or";
            case Op.XORI: return "xor";
            case Op.SLLI: return "sll";
            case Op.SRLI: return "srl";
            case Op.SRAI: return "sra";
            case Op.SLLIW: return "sllw";
            case Op.SRLIW: return "srlw";
            case Op.SRAIW: return "sraw";
            default: return NAMES[op];
        }
    }

    /** The Zicsr pseudo-instructions objdump prefers: csrr, csrw, frflags, rdcycle, ... */
    private static String csrText(String m, int op, int rd, int rs1, int number) {
        boolean imm = op >= Op.CSRRWI;
        String src = imm ? Integer.toString(rs1) : X[rs1];
        String name = csr(number);
        if (op == Op.CSRRS && rs1 == 0) {
            String alias = number == 0x001 ? "frflags" : number == 0x002 ? "frrm" : number == 0x003 ? "frcsr"
                    : number == 0xc00 ? "rdcycle" : number == 0xc01 ? "rdtime" : number == 0xc02 ? "rdinstret" : null;
            return alias != null ? alias + "\t" + X[rd] : "csrr\t" + X[rd] + "," + name;
        }
        if (op == Op.CSRRW && (number == 0x001 || number == 0x002 || number == 0x003)) {
            String alias = number == 0x001 ? "fsflags" : number == 0x002 ? "fsrm" : "fscsr";
            return rd == 0 ? alias + "\t" + X[rs1] : alias + "\t" + X[rd] + "," + X[rs1];
        }
        if (op == Op.CSRRWI && rd != 0 && (number == 0x001 || number == 0x002)) {
            return (number == 0x001 ? "fsflagsi\t" : "fsrmi\t") + X[rd] + "," + rs1;
        }
        if (op == Op.CSRRWI && rd == 0 && (number == 0x001 || number == 0x002)) {
            return (number == 0x001 ? "fsflagsi\t" : "fsrmi\t") + rs1;
        }
        if (rd == 0) {
            String shortName = op == Op.CSRRW ? "csrw" : op == Op.CSRRS ? "csrs" : op == Op.CSRRC ? "csrc"
                    : op == Op.CSRRWI ? "csrwi" : op == Op.CSRRSI ? "csrsi" : "csrci";
            if (op == Op.CSRRSI || op == Op.CSRRCI || op == Op.CSRRWI) {
                shortName = shortName.substring(0, 4);
            }
            return shortName + "\t" + name + "," + src;
        }
        return m + "\t" + X[rd] + "," + name + "," + src;
    }

    private static String fence(int bits) {
        int pred = (bits >>> 4) & 15;
        int succ = bits & 15;
        if (((bits >>> 8) & 15) == 8 && pred == 3 && succ == 3) {
            return "fence.tso";
        }
        if (pred == 15 && succ == 15) {
            return "fence";
        }
        return "fence\t" + accesses(pred) + "," + accesses(succ);
    }

    private static String accesses(int set) {
        StringBuilder sb = new StringBuilder();
        String letters = "iorw";
        for (int i = 0; i < 4; i++) {
            if ((set & (8 >>> i)) != 0) {
                sb.append(letters.charAt(i));
            }
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    private static String three(String m, int rd, int rs1, int rs2) {
        return m + "\t" + F[rd] + "," + F[rs1] + "," + F[rs2];
    }

    private static String target(long pc, int offset) {
        return "0x" + Long.toHexString(pc + offset);
    }

    private static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }

    private static String csr(int number) {
        switch (number) {
            case 0x001: return "fflags";
            case 0x002: return "frm";
            case 0x003: return "fcsr";
            case 0xc00: return "cycle";
            case 0xc01: return "time";
            case 0xc02: return "instret";
            case 0x300: return "mstatus";
            case 0x301: return "misa";
            case 0x304: return "mie";
            case 0x305: return "mtvec";
            case 0x340: return "mscratch";
            case 0x341: return "mepc";
            case 0x342: return "mcause";
            case 0x343: return "mtval";
            case 0x344: return "mip";
            case 0xf14: return "mhartid";
            default: return hex(number);
        }
    }
}
