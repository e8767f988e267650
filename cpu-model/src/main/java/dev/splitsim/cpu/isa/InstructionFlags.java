// Generated from src/main/isa/rv64gc.isa by IsaGenerator (cpu-model tests): edit the table, not this.
package dev.splitsim.cpu.isa;

/**
 * What the instruction table says of each opcode beyond its encoding: whether it sets the pc,
 * accesses data memory, may trap, needs the FP unit, and ends a decoded block.
 */
public final class InstructionFlags {
    private InstructionFlags() {}

    public static final int CONTROL = 1;
    public static final int MEMORY = 2;
    public static final int MAY_TRAP = 4;
    public static final int FP = 8;
    public static final int ENDS_BLOCK = 16;

    private static final byte[] FLAGS = {
        MAY_TRAP | ENDS_BLOCK, // illegal
        0, // lui
        0, // auipc
        CONTROL | ENDS_BLOCK, // jal
        CONTROL | ENDS_BLOCK, // jalr
        CONTROL | ENDS_BLOCK, // beq
        CONTROL | ENDS_BLOCK, // bne
        CONTROL | ENDS_BLOCK, // blt
        CONTROL | ENDS_BLOCK, // bge
        CONTROL | ENDS_BLOCK, // bltu
        CONTROL | ENDS_BLOCK, // bgeu
        MEMORY | MAY_TRAP, // lb
        MEMORY | MAY_TRAP, // lh
        MEMORY | MAY_TRAP, // lw
        MEMORY | MAY_TRAP, // ld
        MEMORY | MAY_TRAP, // lbu
        MEMORY | MAY_TRAP, // lhu
        MEMORY | MAY_TRAP, // lwu
        MEMORY | MAY_TRAP, // sb
        MEMORY | MAY_TRAP, // sh
        MEMORY | MAY_TRAP, // sw
        MEMORY | MAY_TRAP, // sd
        0, // addi
        0, // slti
        0, // sltiu
        0, // xori
        0, // ori
        0, // andi
        0, // slli
        0, // srli
        0, // srai
        0, // add
        0, // sub
        0, // sll
        0, // slt
        0, // sltu
        0, // xor
        0, // srl
        0, // sra
        0, // or
        0, // and
        0, // addiw
        0, // slliw
        0, // srliw
        0, // sraiw
        0, // addw
        0, // subw
        0, // sllw
        0, // srlw
        0, // sraw
        0, // fence
        ENDS_BLOCK, // fence.i
        MAY_TRAP | ENDS_BLOCK, // ecall
        MAY_TRAP | ENDS_BLOCK, // ebreak
        MAY_TRAP | ENDS_BLOCK, // csrrw
        MAY_TRAP | ENDS_BLOCK, // csrrs
        MAY_TRAP | ENDS_BLOCK, // csrrc
        MAY_TRAP | ENDS_BLOCK, // csrrwi
        MAY_TRAP | ENDS_BLOCK, // csrrsi
        MAY_TRAP | ENDS_BLOCK, // csrrci
        CONTROL | MAY_TRAP | ENDS_BLOCK, // mret
        CONTROL | MAY_TRAP | ENDS_BLOCK, // sret
        MAY_TRAP | ENDS_BLOCK, // wfi
        MAY_TRAP | ENDS_BLOCK, // sfence.vma
        0, // mul
        0, // mulh
        0, // mulhsu
        0, // mulhu
        0, // div
        0, // divu
        0, // rem
        0, // remu
        0, // mulw
        0, // divw
        0, // divuw
        0, // remw
        0, // remuw
        MEMORY | MAY_TRAP, // lr.w
        MEMORY | MAY_TRAP, // sc.w
        MEMORY | MAY_TRAP, // amoswap.w
        MEMORY | MAY_TRAP, // amoadd.w
        MEMORY | MAY_TRAP, // amoxor.w
        MEMORY | MAY_TRAP, // amoand.w
        MEMORY | MAY_TRAP, // amoor.w
        MEMORY | MAY_TRAP, // amomin.w
        MEMORY | MAY_TRAP, // amomax.w
        MEMORY | MAY_TRAP, // amominu.w
        MEMORY | MAY_TRAP, // amomaxu.w
        MEMORY | MAY_TRAP, // lr.d
        MEMORY | MAY_TRAP, // sc.d
        MEMORY | MAY_TRAP, // amoswap.d
        MEMORY | MAY_TRAP, // amoadd.d
        MEMORY | MAY_TRAP, // amoxor.d
        MEMORY | MAY_TRAP, // amoand.d
        MEMORY | MAY_TRAP, // amoor.d
        MEMORY | MAY_TRAP, // amomin.d
        MEMORY | MAY_TRAP, // amomax.d
        MEMORY | MAY_TRAP, // amominu.d
        MEMORY | MAY_TRAP, // amomaxu.d
        MEMORY | MAY_TRAP | FP, // flw
        MEMORY | MAY_TRAP | FP, // fsw
        FP, // fmadd.s
        FP, // fmsub.s
        FP, // fnmsub.s
        FP, // fnmadd.s
        FP, // fadd.s
        FP, // fsub.s
        FP, // fmul.s
        FP, // fdiv.s
        FP, // fsqrt.s
        FP, // fsgnj.s
        FP, // fsgnjn.s
        FP, // fsgnjx.s
        FP, // fmin.s
        FP, // fmax.s
        FP, // fcvt.w.s
        FP, // fcvt.wu.s
        FP, // fcvt.l.s
        FP, // fcvt.lu.s
        FP, // fmv.x.w
        FP, // feq.s
        FP, // flt.s
        FP, // fle.s
        FP, // fclass.s
        FP, // fcvt.s.w
        FP, // fcvt.s.wu
        FP, // fcvt.s.l
        FP, // fcvt.s.lu
        FP, // fmv.w.x
        MEMORY | MAY_TRAP | FP, // fld
        MEMORY | MAY_TRAP | FP, // fsd
        FP, // fmadd.d
        FP, // fmsub.d
        FP, // fnmsub.d
        FP, // fnmadd.d
        FP, // fadd.d
        FP, // fsub.d
        FP, // fmul.d
        FP, // fdiv.d
        FP, // fsqrt.d
        FP, // fsgnj.d
        FP, // fsgnjn.d
        FP, // fsgnjx.d
        FP, // fmin.d
        FP, // fmax.d
        FP, // fcvt.s.d
        FP, // fcvt.d.s
        FP, // fcvt.w.d
        FP, // fcvt.wu.d
        FP, // fcvt.l.d
        FP, // fcvt.lu.d
        FP, // fmv.x.d
        FP, // feq.d
        FP, // flt.d
        FP, // fle.d
        FP, // fclass.d
        FP, // fcvt.d.w
        FP, // fcvt.d.wu
        FP, // fcvt.d.l
        FP, // fcvt.d.lu
        FP, // fmv.d.x
    };

    /** The flags of opcode {@code op}, an OR of the constants above. */
    public static int of(int op) {
        return FLAGS[op];
    }

    public static boolean endsBlock(int op) {
        return (FLAGS[op] & ENDS_BLOCK) != 0;
    }
}
