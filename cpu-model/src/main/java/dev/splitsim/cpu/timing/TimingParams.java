package dev.splitsim.cpu.timing;

/**
 * The core timing model's parameters. Latencies are in core cycles; {@code classLatency} is
 * indexed by {@link InstructionClass}. Load latencies are load-to-use totals for a hit at that
 * level; {@code dramCycles} is added after an L2 miss (local DRAM, or an ExCache hit on the split
 * machine).
 */
public record TimingParams(int[] classLatency, int l1Latency, int l2Latency, long dramCycles,
        long l1iSize, int l1iWays, long l1dSize, int l1dWays, long l2Size, int l2Ways, int lineBytes,
        boolean gshare, int btbEntries, int tableEntries, int historyBits, int rasEntries,
        int mispredictPenalty, int takenPenalty, int syscallCycles) {

    /** Class latencies in {@link InstructionClass} order, from named values. */
    public static int[] latencies(int alu, int branch, int store, int mul, int div, int amo, int fadd, int fmul,
            int fma, int fdiv, int fsqrt, int fcvt, int fmisc, int system) {
        int[] l = new int[InstructionClass.CLASSES];
        l[InstructionClass.ALU] = alu;
        l[InstructionClass.BRANCH] = branch;
        l[InstructionClass.JUMP] = branch;
        l[InstructionClass.LOAD] = 0;
        l[InstructionClass.STORE] = store;
        l[InstructionClass.MUL] = mul;
        l[InstructionClass.DIV] = div;
        l[InstructionClass.AMO] = amo;
        l[InstructionClass.FADD] = fadd;
        l[InstructionClass.FMUL] = fmul;
        l[InstructionClass.FMA] = fma;
        l[InstructionClass.FDIV] = fdiv;
        l[InstructionClass.FSQRT] = fsqrt;
        l[InstructionClass.FCVT] = fcvt;
        l[InstructionClass.FMISC] = fmisc;
        l[InstructionClass.SYSTEM] = system;
        l[InstructionClass.SYSCALL] = system;
        return l;
    }
}
