// Generated from src/main/isa/rv64gc.isa by IsaGenerator (cpu-model tests): edit the table, not this.
package dev.splitsim.cpu.isa;

/**
 * The instruction table's part of the {@link Disassembler}: mnemonics, each instruction's operands
 * in objdump's syntax, the pseudo-instructions objdump prints instead, and the CSR names.
 */
final class InstructionText {
    private InstructionText() {}

    /** Mnemonic per opcode. */
    static final String[] MNEMONICS = {
        "illegal", "lui", "auipc", "jal", "jalr", "beq", "bne", "blt", "bge", "bltu", "bgeu", "lb", "lh",
        "lw", "ld", "lbu", "lhu", "lwu", "sb", "sh", "sw", "sd", "addi", "slti", "sltiu", "xori", "ori",
        "andi", "slli", "srli", "srai", "add", "sub", "sll", "slt", "sltu", "xor", "srl", "sra", "or", "and",
        "addiw", "slliw", "srliw", "sraiw", "addw", "subw", "sllw", "srlw", "sraw", "fence", "fence.i",
        "ecall", "ebreak", "csrrw", "csrrs", "csrrc", "csrrwi", "csrrsi", "csrrci", "mret", "sret", "wfi",
        "sfence.vma", "mul", "mulh", "mulhsu", "mulhu", "div", "divu", "rem", "remu", "mulw", "divw", "divuw",
        "remw", "remuw", "lr.w", "sc.w", "amoswap.w", "amoadd.w", "amoxor.w", "amoand.w", "amoor.w",
        "amomin.w", "amomax.w", "amominu.w", "amomaxu.w", "lr.d", "sc.d", "amoswap.d", "amoadd.d", "amoxor.d",
        "amoand.d", "amoor.d", "amomin.d", "amomax.d", "amominu.d", "amomaxu.d", "flw", "fsw", "fmadd.s",
        "fmsub.s", "fnmsub.s", "fnmadd.s", "fadd.s", "fsub.s", "fmul.s", "fdiv.s", "fsqrt.s", "fsgnj.s",
        "fsgnjn.s", "fsgnjx.s", "fmin.s", "fmax.s", "fcvt.w.s", "fcvt.wu.s", "fcvt.l.s", "fcvt.lu.s",
        "fmv.x.w", "feq.s", "flt.s", "fle.s", "fclass.s", "fcvt.s.w", "fcvt.s.wu", "fcvt.s.l", "fcvt.s.lu",
        "fmv.w.x", "fld", "fsd", "fmadd.d", "fmsub.d", "fnmsub.d", "fnmadd.d", "fadd.d", "fsub.d", "fmul.d",
        "fdiv.d", "fsqrt.d", "fsgnj.d", "fsgnjn.d", "fsgnjx.d", "fmin.d", "fmax.d", "fcvt.s.d", "fcvt.d.s",
        "fcvt.w.d", "fcvt.wu.d", "fcvt.l.d", "fcvt.lu.d", "fmv.x.d", "feq.d", "flt.d", "fle.d", "fclass.d",
        "fcvt.d.w", "fcvt.d.wu", "fcvt.d.l", "fcvt.d.lu", "fmv.d.x",
    };

    /** The text of {@code d}, decoded at {@code pc}; null for {@link Op#ILLEGAL}. */
    static String format(long d, long pc) {
        int op = Decoded.op(d);
        int rd = Decoded.rd(d);
        int rs1 = Decoded.rs1(d);
        int rs2 = Decoded.rs2(d);
        int rs3 = Decoded.rs3(d);
        int imm = Decoded.imm(d);
        boolean c = Decoded.compressed(d);
        switch (op) {
            case Op.JAL:
                if (rd == 0) {
                    return "j\t" + Disassembler.target(pc, imm);
                }
                if (rd == 1) {
                    return "jal\t" + Disassembler.target(pc, imm);
                }
                return "jal\t" + Disassembler.xName(rd) + "," + Disassembler.target(pc, imm);
            case Op.JALR:
                if (rd == 0 && rs1 == 1 && imm == 0) {
                    return "ret";
                }
                if (rd == 0 && imm == 0) {
                    return "jr\t" + Disassembler.xName(rs1);
                }
                if (rd == 1 && imm == 0) {
                    return "jalr\t" + Disassembler.xName(rs1);
                }
                return "jalr\t" + Disassembler.xName(rd) + "," + imm + "(" + Disassembler.xName(rs1) + ")";
            case Op.BEQ:
                if (rs2 == 0) {
                    return "beqz\t" + Disassembler.xName(rs1) + "," + Disassembler.target(pc, imm);
                }
                return "beq\t" + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2) + "," + Disassembler.target(pc, imm);
            case Op.BNE:
                if (rs2 == 0) {
                    return "bnez\t" + Disassembler.xName(rs1) + "," + Disassembler.target(pc, imm);
                }
                return "bne\t" + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2) + "," + Disassembler.target(pc, imm);
            case Op.BLT:
                if (rs2 == 0) {
                    return "bltz\t" + Disassembler.xName(rs1) + "," + Disassembler.target(pc, imm);
                }
                if (rs1 == 0) {
                    return "bgtz\t" + Disassembler.xName(rs2) + "," + Disassembler.target(pc, imm);
                }
                return "blt\t" + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2) + "," + Disassembler.target(pc, imm);
            case Op.BGE:
                if (rs2 == 0) {
                    return "bgez\t" + Disassembler.xName(rs1) + "," + Disassembler.target(pc, imm);
                }
                if (rs1 == 0) {
                    return "blez\t" + Disassembler.xName(rs2) + "," + Disassembler.target(pc, imm);
                }
                return "bge\t" + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2) + "," + Disassembler.target(pc, imm);
            case Op.ADDI:
                if (rd == 0 && rs1 == 0 && imm == 0) {
                    return "nop";
                }
                if (c && rs1 == rd && rd != 0) {
                    return "add\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + imm;
                }
                if (rs1 == 0) {
                    return "li\t" + Disassembler.xName(rd) + "," + imm;
                }
                if (imm == 0) {
                    return "mv\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1);
                }
                return "add\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + imm;
            case Op.SLTIU:
                if (imm == 1) {
                    return "seqz\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1);
                }
                return "sltiu\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + imm;
            case Op.XORI:
                if (imm == -1) {
                    return "not\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1);
                }
                return "xor\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + imm;
            case Op.ORI:
                return "or\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + imm;
            case Op.ANDI:
                if (imm == 0xff) {
                    return "zext.b\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1);
                }
                return "and\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + imm;
            case Op.SLLI:
                return "sll\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.hex(imm);
            case Op.SRLI:
                return "srl\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.hex(imm);
            case Op.SRAI:
                return "sra\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.hex(imm);
            case Op.ADD:
                if (c && rs1 == 0) {
                    return "mv\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs2);
                }
                return "add\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2);
            case Op.SUB:
                if (rs1 == 0) {
                    return "neg\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs2);
                }
                return "sub\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2);
            case Op.SLT:
                if (rs1 == 0) {
                    return "sgtz\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs2);
                }
                if (rs2 == 0) {
                    return "sltz\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1);
                }
                return "slt\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2);
            case Op.SLTU:
                if (rs1 == 0) {
                    return "snez\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs2);
                }
                return "sltu\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2);
            case Op.ADDIW:
                if (imm == 0) {
                    return "sext.w\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1);
                }
                return "addw\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + imm;
            case Op.SLLIW:
                return "sllw\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.hex(imm);
            case Op.SRLIW:
                return "srlw\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.hex(imm);
            case Op.SRAIW:
                return "sraw\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.hex(imm);
            case Op.SUBW:
                if (rs1 == 0) {
                    return "negw\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs2);
                }
                return "subw\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2);
            case Op.FENCE:
                if (imm == 0x833) {
                    return "fence.tso";
                }
                if ((imm & 0xff) == 0xff) {
                    return "fence";
                }
                return "fence\t" + Disassembler.accesses((imm >>> 4) & 15) + "," + Disassembler.accesses(imm & 15);
            case Op.CSRRW:
                if (rd == 0 && imm == 1) {
                    return "fsflags\t" + Disassembler.xName(rs1);
                }
                if (imm == 1) {
                    return "fsflags\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1);
                }
                if (rd == 0 && imm == 2) {
                    return "fsrm\t" + Disassembler.xName(rs1);
                }
                if (imm == 2) {
                    return "fsrm\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1);
                }
                if (rd == 0 && imm == 3) {
                    return "fscsr\t" + Disassembler.xName(rs1);
                }
                if (imm == 3) {
                    return "fscsr\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1);
                }
                if (rd == 0) {
                    return "csrw\t" + csr(imm & 0xfff) + "," + Disassembler.xName(rs1);
                }
                return "csrrw\t" + Disassembler.xName(rd) + "," + csr(imm & 0xfff) + "," + Disassembler.xName(rs1);
            case Op.CSRRS:
                if (rs1 == 0 && imm == 1) {
                    return "frflags\t" + Disassembler.xName(rd);
                }
                if (rs1 == 0 && imm == 2) {
                    return "frrm\t" + Disassembler.xName(rd);
                }
                if (rs1 == 0 && imm == 3) {
                    return "frcsr\t" + Disassembler.xName(rd);
                }
                if (rs1 == 0 && imm == 0xc00) {
                    return "rdcycle\t" + Disassembler.xName(rd);
                }
                if (rs1 == 0 && imm == 0xc01) {
                    return "rdtime\t" + Disassembler.xName(rd);
                }
                if (rs1 == 0 && imm == 0xc02) {
                    return "rdinstret\t" + Disassembler.xName(rd);
                }
                if (rs1 == 0) {
                    return "csrr\t" + Disassembler.xName(rd) + "," + csr(imm & 0xfff);
                }
                if (rd == 0) {
                    return "csrs\t" + csr(imm & 0xfff) + "," + Disassembler.xName(rs1);
                }
                return "csrrs\t" + Disassembler.xName(rd) + "," + csr(imm & 0xfff) + "," + Disassembler.xName(rs1);
            case Op.CSRRC:
                if (rd == 0) {
                    return "csrc\t" + csr(imm & 0xfff) + "," + Disassembler.xName(rs1);
                }
                return "csrrc\t" + Disassembler.xName(rd) + "," + csr(imm & 0xfff) + "," + Disassembler.xName(rs1);
            case Op.CSRRWI:
                if (rd == 0 && imm == 1) {
                    return "fsflagsi\t" + rs1;
                }
                if (imm == 1) {
                    return "fsflagsi\t" + Disassembler.xName(rd) + "," + rs1;
                }
                if (rd == 0 && imm == 2) {
                    return "fsrmi\t" + rs1;
                }
                if (imm == 2) {
                    return "fsrmi\t" + Disassembler.xName(rd) + "," + rs1;
                }
                if (rd == 0) {
                    return "csrw\t" + csr(imm & 0xfff) + "," + rs1;
                }
                return "csrrwi\t" + Disassembler.xName(rd) + "," + csr(imm & 0xfff) + "," + rs1;
            case Op.CSRRSI:
                if (rd == 0) {
                    return "csrs\t" + csr(imm & 0xfff) + "," + rs1;
                }
                return "csrrsi\t" + Disassembler.xName(rd) + "," + csr(imm & 0xfff) + "," + rs1;
            case Op.CSRRCI:
                if (rd == 0) {
                    return "csrc\t" + csr(imm & 0xfff) + "," + rs1;
                }
                return "csrrci\t" + Disassembler.xName(rd) + "," + csr(imm & 0xfff) + "," + rs1;
            case Op.FSGNJ_S:
                if (rs1 == rs2) {
                    return "fmv.s\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1);
                }
                return "fsgnj.s\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1) + "," + Disassembler.fName(rs2);
            case Op.FSGNJN_S:
                if (rs1 == rs2) {
                    return "fneg.s\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1);
                }
                return "fsgnjn.s\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1) + "," + Disassembler.fName(rs2);
            case Op.FSGNJX_S:
                if (rs1 == rs2) {
                    return "fabs.s\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1);
                }
                return "fsgnjx.s\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1) + "," + Disassembler.fName(rs2);
            case Op.FSGNJ_D:
                if (rs1 == rs2) {
                    return "fmv.d\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1);
                }
                return "fsgnj.d\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1) + "," + Disassembler.fName(rs2);
            case Op.FSGNJN_D:
                if (rs1 == rs2) {
                    return "fneg.d\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1);
                }
                return "fsgnjn.d\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1) + "," + Disassembler.fName(rs2);
            case Op.FSGNJX_D:
                if (rs1 == rs2) {
                    return "fabs.d\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1);
                }
                return "fsgnjx.d\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1) + "," + Disassembler.fName(rs2);
            case Op.LUI:
            case Op.AUIPC:
                return MNEMONICS[op] + "\t" + Disassembler.xName(rd) + "," + Disassembler.hex(imm >>> 12);
            case Op.BLTU:
            case Op.BGEU:
                return MNEMONICS[op] + "\t" + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2) + "," + Disassembler.target(pc, imm);
            case Op.LB:
            case Op.LH:
            case Op.LW:
            case Op.LD:
            case Op.LBU:
            case Op.LHU:
            case Op.LWU:
                return MNEMONICS[op] + "\t" + Disassembler.xName(rd) + "," + imm + "(" + Disassembler.xName(rs1) + ")";
            case Op.SB:
            case Op.SH:
            case Op.SW:
            case Op.SD:
                return MNEMONICS[op] + "\t" + Disassembler.xName(rs2) + "," + imm + "(" + Disassembler.xName(rs1) + ")";
            case Op.SLTI:
                return MNEMONICS[op] + "\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + imm;
            case Op.SLL:
            case Op.XOR:
            case Op.SRL:
            case Op.SRA:
            case Op.OR:
            case Op.AND:
            case Op.ADDW:
            case Op.SLLW:
            case Op.SRLW:
            case Op.SRAW:
            case Op.MUL:
            case Op.MULH:
            case Op.MULHSU:
            case Op.MULHU:
            case Op.DIV:
            case Op.DIVU:
            case Op.REM:
            case Op.REMU:
            case Op.MULW:
            case Op.DIVW:
            case Op.DIVUW:
            case Op.REMW:
            case Op.REMUW:
                return MNEMONICS[op] + "\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2);
            case Op.FENCE_I:
            case Op.ECALL:
            case Op.EBREAK:
            case Op.MRET:
            case Op.SRET:
            case Op.WFI:
                return MNEMONICS[op];
            case Op.SFENCE_VMA:
                return MNEMONICS[op] + "\t" + Disassembler.xName(rs1) + "," + Disassembler.xName(rs2);
            case Op.LR_W:
            case Op.LR_D:
                return MNEMONICS[op] + Disassembler.ordering(rs3) + "\t" + Disassembler.xName(rd) + ",(" + Disassembler.xName(rs1) + ")";
            case Op.SC_W:
            case Op.AMOSWAP_W:
            case Op.AMOADD_W:
            case Op.AMOXOR_W:
            case Op.AMOAND_W:
            case Op.AMOOR_W:
            case Op.AMOMIN_W:
            case Op.AMOMAX_W:
            case Op.AMOMINU_W:
            case Op.AMOMAXU_W:
            case Op.SC_D:
            case Op.AMOSWAP_D:
            case Op.AMOADD_D:
            case Op.AMOXOR_D:
            case Op.AMOAND_D:
            case Op.AMOOR_D:
            case Op.AMOMIN_D:
            case Op.AMOMAX_D:
            case Op.AMOMINU_D:
            case Op.AMOMAXU_D:
                return MNEMONICS[op] + Disassembler.ordering(rs3) + "\t" + Disassembler.xName(rd) + "," + Disassembler.xName(rs2) + ",(" + Disassembler.xName(rs1) + ")";
            case Op.FLW:
            case Op.FLD:
                return MNEMONICS[op] + "\t" + Disassembler.fName(rd) + "," + imm + "(" + Disassembler.xName(rs1) + ")";
            case Op.FSW:
            case Op.FSD:
                return MNEMONICS[op] + "\t" + Disassembler.fName(rs2) + "," + imm + "(" + Disassembler.xName(rs1) + ")";
            case Op.FMADD_S:
            case Op.FMSUB_S:
            case Op.FNMSUB_S:
            case Op.FNMADD_S:
            case Op.FMADD_D:
            case Op.FMSUB_D:
            case Op.FNMSUB_D:
            case Op.FNMADD_D:
                return MNEMONICS[op] + "\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1) + "," + Disassembler.fName(rs2) + "," + Disassembler.fName(rs3) + Disassembler.rounding(Decoded.rm(d));
            case Op.FADD_S:
            case Op.FSUB_S:
            case Op.FMUL_S:
            case Op.FDIV_S:
            case Op.FADD_D:
            case Op.FSUB_D:
            case Op.FMUL_D:
            case Op.FDIV_D:
                return MNEMONICS[op] + "\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1) + "," + Disassembler.fName(rs2) + Disassembler.rounding(Decoded.rm(d));
            case Op.FSQRT_S:
            case Op.FSQRT_D:
            case Op.FCVT_S_D:
                return MNEMONICS[op] + "\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1) + Disassembler.rounding(Decoded.rm(d));
            case Op.FMIN_S:
            case Op.FMAX_S:
            case Op.FMIN_D:
            case Op.FMAX_D:
                return MNEMONICS[op] + "\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1) + "," + Disassembler.fName(rs2);
            case Op.FCVT_W_S:
            case Op.FCVT_WU_S:
            case Op.FCVT_L_S:
            case Op.FCVT_LU_S:
            case Op.FCVT_W_D:
            case Op.FCVT_WU_D:
            case Op.FCVT_L_D:
            case Op.FCVT_LU_D:
                return MNEMONICS[op] + "\t" + Disassembler.xName(rd) + "," + Disassembler.fName(rs1) + Disassembler.rounding(Decoded.rm(d));
            case Op.FMV_X_W:
            case Op.FCLASS_S:
            case Op.FMV_X_D:
            case Op.FCLASS_D:
                return MNEMONICS[op] + "\t" + Disassembler.xName(rd) + "," + Disassembler.fName(rs1);
            case Op.FEQ_S:
            case Op.FLT_S:
            case Op.FLE_S:
            case Op.FEQ_D:
            case Op.FLT_D:
            case Op.FLE_D:
                return MNEMONICS[op] + "\t" + Disassembler.xName(rd) + "," + Disassembler.fName(rs1) + "," + Disassembler.fName(rs2);
            case Op.FCVT_S_W:
            case Op.FCVT_S_WU:
            case Op.FCVT_S_L:
            case Op.FCVT_S_LU:
            case Op.FCVT_D_L:
            case Op.FCVT_D_LU:
                return MNEMONICS[op] + "\t" + Disassembler.fName(rd) + "," + Disassembler.xName(rs1) + Disassembler.rounding(Decoded.rm(d));
            case Op.FMV_W_X:
            case Op.FCVT_D_W:
            case Op.FCVT_D_WU:
            case Op.FMV_D_X:
                return MNEMONICS[op] + "\t" + Disassembler.fName(rd) + "," + Disassembler.xName(rs1);
            case Op.FCVT_D_S:
                return MNEMONICS[op] + "\t" + Disassembler.fName(rd) + "," + Disassembler.fName(rs1);
            default:
                return null;
        }
    }

    /** The name objdump gives CSR {@code number}, or the number in hex. */
    static String csr(int number) {
        switch (number) {
            case 0x1: return "fflags";
            case 0x2: return "frm";
            case 0x3: return "fcsr";
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
            default: return Disassembler.hex(number);
        }
    }
}
