package dev.splitsim.cpu.timing;

import dev.splitsim.cpu.isa.Op;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;

/**
 * What the timing model needs to know of each opcode, derived once from the opcode names: its
 * pipeline class (which latency it pays), which register files its sources and destination are
 * in, and whether it touches data memory.
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
    static final int[] INFO = new int[Op.COUNT];

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

    static {
        for (Field f : Op.class.getFields()) {
            if (!Modifier.isStatic(f.getModifiers()) || f.getType() != int.class || f.getName().equals("COUNT")) {
                continue;
            }
            try {
                INFO[f.getInt(null)] = classify(f.getName());
            } catch (IllegalAccessException e) {
                throw new AssertionError(e);
            }
        }
    }

    private static int classify(String n) {
        boolean single = n.endsWith("_S") || n.endsWith("_W") && n.startsWith("FMV_X");
        if (n.equals("LUI") || n.equals("AUIPC")) {
            return info(ALU, NONE, NONE, NONE, X);
        }
        if (n.equals("JAL")) {
            return info(JUMP, NONE, NONE, NONE, X);
        }
        if (n.equals("JALR")) {
            return info(JUMP, X, NONE, NONE, X);
        }
        if (n.matches("B(EQ|NE|LT|GE|LTU|GEU)")) {
            return info(BRANCH, X, X, NONE, NONE);
        }
        if (n.matches("L[BHWD]U?")) {
            return info(LOAD, X, NONE, NONE, X);
        }
        if (n.matches("S[BHWD]")) {
            return info(STORE, X, X, NONE, NONE);
        }
        if (n.equals("FLW") || n.equals("FLD")) {
            return info(LOAD, X, NONE, NONE, F);
        }
        if (n.equals("FSW") || n.equals("FSD")) {
            return info(STORE, X, F, NONE, NONE);
        }
        if (n.startsWith("MUL")) {
            return info(MUL, X, X, NONE, X);
        }
        if (n.startsWith("DIV") || n.startsWith("REM")) {
            return info(DIV, X, X, NONE, X);
        }
        if (n.startsWith("LR_")) {
            return info(AMO, X, NONE, NONE, X);
        }
        if (n.startsWith("SC_") || n.startsWith("AMO")) {
            return info(AMO, X, X, NONE, X);
        }
        if (n.matches("FN?M(ADD|SUB)_[SD]")) {
            return info(FMA, F, F, F, F);
        }
        if (n.matches("F(ADD|SUB)_[SD]")) {
            return info(FADD, F, F, NONE, F);
        }
        if (n.matches("FMUL_[SD]")) {
            return info(FMUL, F, F, NONE, F);
        }
        if (n.matches("FDIV_[SD]")) {
            return info(FDIV, F, F, NONE, F);
        }
        if (n.matches("FSQRT_[SD]")) {
            return info(FSQRT, F, NONE, NONE, F);
        }
        if (n.matches("F(SGNJN?|SGNJX|MIN|MAX)_[SD]")) {
            return info(FMISC, F, F, NONE, F);
        }
        if (n.matches("F(EQ|LT|LE)_[SD]")) {
            return info(FMISC, F, F, NONE, X);
        }
        if (n.matches("FCLASS_[SD]") || n.startsWith("FMV_X_")) {
            return info(FMISC, F, NONE, NONE, X);
        }
        if (n.startsWith("FMV_") && n.endsWith("_X")) {
            return info(FMISC, X, NONE, NONE, F);
        }
        if (n.matches("FCVT_(W|WU|L|LU)_[SD]")) {
            return info(FCVT, F, NONE, NONE, X);
        }
        if (n.matches("FCVT_[SD]_(W|WU|L|LU)")) {
            return info(FCVT, X, NONE, NONE, F);
        }
        if (n.matches("FCVT_[SD]_[SD]")) {
            return info(FCVT, F, NONE, NONE, F);
        }
        if (n.equals("CSRRW") || n.equals("CSRRS") || n.equals("CSRRC")) {
            return info(SYSTEM, X, NONE, NONE, X);
        }
        if (n.startsWith("CSRR")) {
            return info(SYSTEM, NONE, NONE, NONE, X);
        }
        if (n.equals("ECALL")) {
            return info(SYSCALL, NONE, NONE, NONE, NONE);
        }
        if (n.matches("FENCE|FENCE_I|EBREAK|MRET|SRET|WFI|SFENCE_VMA|ILLEGAL")) {
            return info(SYSTEM, NONE, NONE, NONE, NONE);
        }
        if (n.matches("(ADD|SLT|SLTU|XOR|OR|AND|SLL|SRL|SRA)I|SLTIU|(ADD|SLL|SRL|SRA)IW")) {
            return info(ALU, X, NONE, NONE, X);
        }
        if (n.matches("ADD|SUB|SLL|SLT|SLTU|XOR|SRL|SRA|OR|AND|ADDW|SUBW|SLLW|SRLW|SRAW")) {
            return info(ALU, X, X, NONE, X);
        }
        throw new AssertionError("no timing class for " + n + (single ? "" : ""));
    }
}
