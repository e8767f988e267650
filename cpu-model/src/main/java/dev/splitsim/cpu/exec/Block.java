package dev.splitsim.cpu.exec;

import dev.splitsim.cpu.isa.Decoded;
import dev.splitsim.cpu.timing.BlockSchedule;
import dev.splitsim.cpu.timing.CoreTiming;

/**
 * Straight-line code decoded once: the instructions from a start address up to and including the
 * first that ends a block ({@link OpTraits#endsBlock}), or up to the end of the page. The
 * interpreter runs a block without looking at the decode cache, the budget or the epoch between
 * its instructions; the timing model times it afterwards from what it records.
 */
final class Block {
    long startPc;
    /** Decoded instructions ({@link Decoded}), in program order. */
    final long[] insns;
    /** {@link OpTraits} kind of each instruction. */
    final byte[] kinds;
    final int count;
    /** Byte offset of each instruction from the start, and of the end after the last. */
    final short[] offsets;
    /** Each instruction's issue, resolved by the timing model that ran the block last (or null). */
    long[] steps;
    /** The common case of {@link #steps}, worked out once ({@link CoreTiming#schedule}); null when the block has none. */
    BlockSchedule schedule;
    private CoreTiming stepsOf;
    /** The block as bytecode once it has run often enough, dropped with the block. */
    CompiledBlock compiled;
    /** Interpreted runs so far, counted towards compiling it. */
    int runs;

    /** What the timing model does after each kind's issue. */
    private static final byte[] THEN = new byte[OpTraits.FLOATING + 1];

    static {
        THEN[OpTraits.LOAD] = (byte) CoreTiming.THEN_LOAD;
        THEN[OpTraits.STORE] = (byte) CoreTiming.THEN_STORE;
        THEN[OpTraits.OUT_OF_LINE] = (byte) CoreTiming.THEN_PUBLISH;
        THEN[OpTraits.FLOATING] = (byte) CoreTiming.THEN_PUBLISH;
    }

    Block(long startPc, long[] insns, int count) {
        this.startPc = startPc;
        this.insns = insns;
        this.count = count;
        this.kinds = new byte[count];
        this.offsets = new short[count + 1];
        for (int i = 0; i < count; i++) {
            kinds[i] = OpTraits.kind(Decoded.op(insns[i]));
            offsets[i + 1] = (short) (offsets[i] + Decoded.length(insns[i]));
        }
    }

    /** The pc of instruction {@code i}, or with {@code i == count} of the instruction after the block. */
    long pcAt(int i) {
        return startPc + offsets[i];
    }

    /**
     * Makes this one-instruction block hold {@code d} at {@code pc}: an instruction that straddles
     * two pages is decoded on every visit and run from a block reused for it, with no allocation.
     */
    void holdSingle(long pc, long d) {
        startPc = pc;
        insns[0] = d;
        kinds[0] = OpTraits.kind(Decoded.op(d));
        offsets[1] = (short) Decoded.length(d);
        stepsOf = null;
        // Its instruction changes from visit to visit: never compiled.
        runs = Integer.MIN_VALUE;
        compiled = null;
    }

    /** The per-instruction issue steps for {@code timing}, resolved once per block and model. */
    long[] steps(CoreTiming timing) {
        if (stepsOf != timing) {
            byte[] then = new byte[count];
            for (int i = 0; i < count; i++) {
                then[i] = THEN[kinds[i]];
            }
            steps = timing.resolveBlock(startPc, insns, then, count, steps);
            schedule = timing.schedule(steps, count);
            stepsOf = timing;
        }
        return steps;
    }
}
