package dev.splitsim.cpu.exec;

import dev.splitsim.cpu.isa.InstructionFlags;
import dev.splitsim.cpu.isa.Op;

/**
 * How the block interpreter treats each opcode: where a block ends (the instruction table's
 * ends-block flag) and how the timing model meets it. The kinds follow the interpreter's own split: the loads and
 * stores (integer and FP) have their addresses recorded for the timing model, control
 * instructions report where they went, and everything executed out of line (system instructions,
 * atomics, floating point) sees the timing model brought up to date first, as they read the time
 * or make their own timed accesses.
 */
final class OpTraits {
    private OpTraits() {}

    /** Executed inline, timed by its issue alone. */
    static final byte PLAIN = 0;
    /** An inline load: its address is recorded, the timing model charges it after the issue. */
    static final byte LOAD = 1;
    /** An inline store, recorded as a load is. */
    static final byte STORE = 2;
    /** A conditional branch, which meets the branch predictor once its outcome is known. */
    static final byte BRANCH = 3;
    /** jal and jalr, which meet the predictor and the return-address stack. */
    static final byte JUMP = 4;
    /** Executed out of line: the timing model is brought up to date before it runs. */
    static final byte OUT_OF_LINE = 5;
    /**
     * Floating-point arithmetic, executed out of line but neither reading the time nor making an
     * access, so the timing model need not be brought up to date first; it times it in turn.
     */
    static final byte FLOATING = 6;

    private static final byte[] KIND = new byte[Op.COUNT];

    static {
        java.util.Arrays.fill(KIND, OUT_OF_LINE);
        for (int op = Op.LUI; op <= Op.REMUW; op++) {
            KIND[op] = PLAIN;
        }
        for (int op = Op.LB; op <= Op.LWU; op++) {
            KIND[op] = LOAD;
        }
        for (int op = Op.SB; op <= Op.SD; op++) {
            KIND[op] = STORE;
        }
        for (int op = Op.BEQ; op <= Op.BGEU; op++) {
            KIND[op] = BRANCH;
        }
        KIND[Op.JAL] = JUMP;
        KIND[Op.JALR] = JUMP;
        // The system instructions between FENCE and SFENCE_VMA; only FENCE, FENCE_I and EBREAK run inline.
        for (int op = Op.ECALL; op <= Op.SFENCE_VMA; op++) {
            KIND[op] = op == Op.EBREAK ? PLAIN : OUT_OF_LINE;
        }
        KIND[Op.FENCE] = PLAIN;
        KIND[Op.FENCE_I] = PLAIN;
        for (int op = Op.FLW; op <= Op.FMV_D_X; op++) {
            KIND[op] = FLOATING;
        }
        // FP loads and stores record their addresses as the integer ones do, and are timed alike.
        KIND[Op.FLW] = LOAD;
        KIND[Op.FLD] = LOAD;
        KIND[Op.FSW] = STORE;
        KIND[Op.FSD] = STORE;
        KIND[Op.ILLEGAL] = OUT_OF_LINE;
    }

    static byte kind(int op) {
        return KIND[op];
    }

    /**
     * Whether a block ends after this instruction: control transfers (the next pc is not the next
     * instruction), and system instructions, which may change what the following ones do (fence.i
     * drops decoded code, CSRs change privilege or FP state, ecall may end the turn).
     */
    static boolean endsBlock(int op) {
        return InstructionFlags.endsBlock(op);
    }
}
