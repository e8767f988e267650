package dev.splitsim.cpu.exec;

import dev.splitsim.cpu.isa.Decoded;
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
    /** Each instruction's issue, resolved by the timing model that ran the block last (or null). */
    long[] steps;
    private CoreTiming stepsOf;

    Block(long startPc, long[] insns, int count) {
        this.startPc = startPc;
        this.insns = insns;
        this.count = count;
        this.kinds = new byte[count];
        for (int i = 0; i < count; i++) {
            kinds[i] = OpTraits.kind(Decoded.op(insns[i]));
        }
    }

    /**
     * Makes this one-instruction block hold {@code d} at {@code pc}: an instruction that straddles
     * two pages is decoded on every visit and run from a block reused for it, with no allocation.
     */
    void holdSingle(long pc, long d) {
        startPc = pc;
        insns[0] = d;
        kinds[0] = OpTraits.kind(Decoded.op(d));
        stepsOf = null;
    }

    /** The per-instruction issue steps for {@code timing}, resolved once per block and model. */
    long[] steps(CoreTiming timing) {
        if (stepsOf != timing) {
            long[] s = steps != null && steps.length >= count ? steps : new long[count];
            for (int i = 0; i < count; i++) {
                s[i] = timing.resolve(insns[i]);
            }
            steps = s;
            stepsOf = timing;
        }
        return steps;
    }
}
