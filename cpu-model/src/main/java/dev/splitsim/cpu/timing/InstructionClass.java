// Generated from src/main/isa/rv64gc.isa by IsaGenerator (cpu-model tests): edit the table, not this.
package dev.splitsim.cpu.timing;

/**
 * What the timing model needs to know of each opcode, from the instruction table: its pipeline
 * class (which latency it pays), and which register file each of rs1, rs2, rs3 and rd reads or
 * writes (X, F, or NONE when the field names no register).
 */
final class InstructionClass {
    private InstructionClass() {}

    static final int ALU = 0;
    static final int BRANCH = 1;
    static final int JUMP = 2;
    static final int LOAD = 3;
    static final int STORE = 4;
    static final int MUL = 5;
    static final int DIV = 6;
    static final int AMO = 7;
    static final int FADD = 8;
    static final int FMUL = 9;
    static final int FMA = 10;
    static final int FDIV = 11;
    static final int FSQRT = 12;
    static final int FCVT = 13;
    static final int FMISC = 14;
    static final int SYSTEM = 15;
    static final int SYSCALL = 16;
    static final int CLASSES = 17;

    static final int NONE = 0;
    static final int X = 1;
    static final int F = 2;

    /** Per opcode: class | src1 kind << 8 | src2 kind << 10 | src3 kind << 12 | dest kind << 14. */
    static final int[] INFO = {
        info(SYSTEM, NONE, NONE, NONE, NONE), // illegal
        info(ALU, NONE, NONE, NONE, X), // lui
        info(ALU, NONE, NONE, NONE, X), // auipc
        info(JUMP, NONE, NONE, NONE, X), // jal
        info(JUMP, X, NONE, NONE, X), // jalr
        info(BRANCH, X, X, NONE, NONE), // beq
        info(BRANCH, X, X, NONE, NONE), // bne
        info(BRANCH, X, X, NONE, NONE), // blt
        info(BRANCH, X, X, NONE, NONE), // bge
        info(BRANCH, X, X, NONE, NONE), // bltu
        info(BRANCH, X, X, NONE, NONE), // bgeu
        info(LOAD, X, NONE, NONE, X), // lb
        info(LOAD, X, NONE, NONE, X), // lh
        info(LOAD, X, NONE, NONE, X), // lw
        info(LOAD, X, NONE, NONE, X), // ld
        info(LOAD, X, NONE, NONE, X), // lbu
        info(LOAD, X, NONE, NONE, X), // lhu
        info(LOAD, X, NONE, NONE, X), // lwu
        info(STORE, X, X, NONE, NONE), // sb
        info(STORE, X, X, NONE, NONE), // sh
        info(STORE, X, X, NONE, NONE), // sw
        info(STORE, X, X, NONE, NONE), // sd
        info(ALU, X, NONE, NONE, X), // addi
        info(ALU, X, NONE, NONE, X), // slti
        info(ALU, X, NONE, NONE, X), // sltiu
        info(ALU, X, NONE, NONE, X), // xori
        info(ALU, X, NONE, NONE, X), // ori
        info(ALU, X, NONE, NONE, X), // andi
        info(ALU, X, NONE, NONE, X), // slli
        info(ALU, X, NONE, NONE, X), // srli
        info(ALU, X, NONE, NONE, X), // srai
        info(ALU, X, X, NONE, X), // add
        info(ALU, X, X, NONE, X), // sub
        info(ALU, X, X, NONE, X), // sll
        info(ALU, X, X, NONE, X), // slt
        info(ALU, X, X, NONE, X), // sltu
        info(ALU, X, X, NONE, X), // xor
        info(ALU, X, X, NONE, X), // srl
        info(ALU, X, X, NONE, X), // sra
        info(ALU, X, X, NONE, X), // or
        info(ALU, X, X, NONE, X), // and
        info(ALU, X, NONE, NONE, X), // addiw
        info(ALU, X, NONE, NONE, X), // slliw
        info(ALU, X, NONE, NONE, X), // srliw
        info(ALU, X, NONE, NONE, X), // sraiw
        info(ALU, X, X, NONE, X), // addw
        info(ALU, X, X, NONE, X), // subw
        info(ALU, X, X, NONE, X), // sllw
        info(ALU, X, X, NONE, X), // srlw
        info(ALU, X, X, NONE, X), // sraw
        info(SYSTEM, NONE, NONE, NONE, NONE), // fence
        info(SYSTEM, NONE, NONE, NONE, NONE), // fence.i
        info(SYSCALL, NONE, NONE, NONE, NONE), // ecall
        info(SYSTEM, NONE, NONE, NONE, NONE), // ebreak
        info(SYSTEM, X, NONE, NONE, X), // csrrw
        info(SYSTEM, X, NONE, NONE, X), // csrrs
        info(SYSTEM, X, NONE, NONE, X), // csrrc
        info(SYSTEM, NONE, NONE, NONE, X), // csrrwi
        info(SYSTEM, NONE, NONE, NONE, X), // csrrsi
        info(SYSTEM, NONE, NONE, NONE, X), // csrrci
        info(SYSTEM, NONE, NONE, NONE, NONE), // mret
        info(SYSTEM, NONE, NONE, NONE, NONE), // sret
        info(SYSTEM, NONE, NONE, NONE, NONE), // wfi
        info(SYSTEM, X, X, NONE, NONE), // sfence.vma
        info(MUL, X, X, NONE, X), // mul
        info(MUL, X, X, NONE, X), // mulh
        info(MUL, X, X, NONE, X), // mulhsu
        info(MUL, X, X, NONE, X), // mulhu
        info(DIV, X, X, NONE, X), // div
        info(DIV, X, X, NONE, X), // divu
        info(DIV, X, X, NONE, X), // rem
        info(DIV, X, X, NONE, X), // remu
        info(MUL, X, X, NONE, X), // mulw
        info(DIV, X, X, NONE, X), // divw
        info(DIV, X, X, NONE, X), // divuw
        info(DIV, X, X, NONE, X), // remw
        info(DIV, X, X, NONE, X), // remuw
        info(AMO, X, NONE, NONE, X), // lr.w
        info(AMO, X, X, NONE, X), // sc.w
        info(AMO, X, X, NONE, X), // amoswap.w
        info(AMO, X, X, NONE, X), // amoadd.w
        info(AMO, X, X, NONE, X), // amoxor.w
        info(AMO, X, X, NONE, X), // amoand.w
        info(AMO, X, X, NONE, X), // amoor.w
        info(AMO, X, X, NONE, X), // amomin.w
        info(AMO, X, X, NONE, X), // amomax.w
        info(AMO, X, X, NONE, X), // amominu.w
        info(AMO, X, X, NONE, X), // amomaxu.w
        info(AMO, X, NONE, NONE, X), // lr.d
        info(AMO, X, X, NONE, X), // sc.d
        info(AMO, X, X, NONE, X), // amoswap.d
        info(AMO, X, X, NONE, X), // amoadd.d
        info(AMO, X, X, NONE, X), // amoxor.d
        info(AMO, X, X, NONE, X), // amoand.d
        info(AMO, X, X, NONE, X), // amoor.d
        info(AMO, X, X, NONE, X), // amomin.d
        info(AMO, X, X, NONE, X), // amomax.d
        info(AMO, X, X, NONE, X), // amominu.d
        info(AMO, X, X, NONE, X), // amomaxu.d
        info(LOAD, X, NONE, NONE, F), // flw
        info(STORE, X, F, NONE, NONE), // fsw
        info(FMA, F, F, F, F), // fmadd.s
        info(FMA, F, F, F, F), // fmsub.s
        info(FMA, F, F, F, F), // fnmsub.s
        info(FMA, F, F, F, F), // fnmadd.s
        info(FADD, F, F, NONE, F), // fadd.s
        info(FADD, F, F, NONE, F), // fsub.s
        info(FMUL, F, F, NONE, F), // fmul.s
        info(FDIV, F, F, NONE, F), // fdiv.s
        info(FSQRT, F, NONE, NONE, F), // fsqrt.s
        info(FMISC, F, F, NONE, F), // fsgnj.s
        info(FMISC, F, F, NONE, F), // fsgnjn.s
        info(FMISC, F, F, NONE, F), // fsgnjx.s
        info(FMISC, F, F, NONE, F), // fmin.s
        info(FMISC, F, F, NONE, F), // fmax.s
        info(FCVT, F, NONE, NONE, X), // fcvt.w.s
        info(FCVT, F, NONE, NONE, X), // fcvt.wu.s
        info(FCVT, F, NONE, NONE, X), // fcvt.l.s
        info(FCVT, F, NONE, NONE, X), // fcvt.lu.s
        info(FMISC, F, NONE, NONE, X), // fmv.x.w
        info(FMISC, F, F, NONE, X), // feq.s
        info(FMISC, F, F, NONE, X), // flt.s
        info(FMISC, F, F, NONE, X), // fle.s
        info(FMISC, F, NONE, NONE, X), // fclass.s
        info(FCVT, X, NONE, NONE, F), // fcvt.s.w
        info(FCVT, X, NONE, NONE, F), // fcvt.s.wu
        info(FCVT, X, NONE, NONE, F), // fcvt.s.l
        info(FCVT, X, NONE, NONE, F), // fcvt.s.lu
        info(FMISC, X, NONE, NONE, F), // fmv.w.x
        info(LOAD, X, NONE, NONE, F), // fld
        info(STORE, X, F, NONE, NONE), // fsd
        info(FMA, F, F, F, F), // fmadd.d
        info(FMA, F, F, F, F), // fmsub.d
        info(FMA, F, F, F, F), // fnmsub.d
        info(FMA, F, F, F, F), // fnmadd.d
        info(FADD, F, F, NONE, F), // fadd.d
        info(FADD, F, F, NONE, F), // fsub.d
        info(FMUL, F, F, NONE, F), // fmul.d
        info(FDIV, F, F, NONE, F), // fdiv.d
        info(FSQRT, F, NONE, NONE, F), // fsqrt.d
        info(FMISC, F, F, NONE, F), // fsgnj.d
        info(FMISC, F, F, NONE, F), // fsgnjn.d
        info(FMISC, F, F, NONE, F), // fsgnjx.d
        info(FMISC, F, F, NONE, F), // fmin.d
        info(FMISC, F, F, NONE, F), // fmax.d
        info(FCVT, F, NONE, NONE, F), // fcvt.s.d
        info(FCVT, F, NONE, NONE, F), // fcvt.d.s
        info(FCVT, F, NONE, NONE, X), // fcvt.w.d
        info(FCVT, F, NONE, NONE, X), // fcvt.wu.d
        info(FCVT, F, NONE, NONE, X), // fcvt.l.d
        info(FCVT, F, NONE, NONE, X), // fcvt.lu.d
        info(FMISC, F, NONE, NONE, X), // fmv.x.d
        info(FMISC, F, F, NONE, X), // feq.d
        info(FMISC, F, F, NONE, X), // flt.d
        info(FMISC, F, F, NONE, X), // fle.d
        info(FMISC, F, NONE, NONE, X), // fclass.d
        info(FCVT, X, NONE, NONE, F), // fcvt.d.w
        info(FCVT, X, NONE, NONE, F), // fcvt.d.wu
        info(FCVT, X, NONE, NONE, F), // fcvt.d.l
        info(FCVT, X, NONE, NONE, F), // fcvt.d.lu
        info(FMISC, X, NONE, NONE, F), // fmv.d.x
    };

    static int pipelineClass(int info) {
        return info & 0xff;
    }

    static int src1(int info) {
        return (info >>> 8) & 3;
    }

    static int src2(int info) {
        return (info >>> 10) & 3;
    }

    static int src3(int info) {
        return (info >>> 12) & 3;
    }

    static int dest(int info) {
        return (info >>> 14) & 3;
    }

    private static int info(int cls, int s1, int s2, int s3, int d) {
        return cls | (s1 << 8) | (s2 << 10) | (s3 << 12) | (d << 14);
    }
}
