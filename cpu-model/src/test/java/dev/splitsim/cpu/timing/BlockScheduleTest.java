package dev.splitsim.cpu.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitsim.cpu.isa.Decoded;
import dev.splitsim.cpu.isa.Op;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A whole block timed through its schedule must leave the model exactly as timing it instruction
 * by instruction does: the same next cycle, the same published cycle, the same stalls by cause and
 * the same cache and TLB contents, whatever hits or misses and whichever inputs are late.
 */
final class BlockScheduleTest {
    private static final int[] OPS = {Op.ADD, Op.ADDI, Op.MUL, Op.LD, Op.SD, Op.FLD, Op.FADD_D, Op.FMADD_D, Op.LW};

    private static CoreTiming model(boolean tlb) {
        int[] latencies = TimingParams.latencies(1, 1, 1, 3, 20, 5, 4, 4, 5, 15, 20, 3, 2, 1);
        CoreTiming t = new CoreTiming(new TimingParams(latencies, 3, 12, 100, 1024, 2, 2048, 2, 8192, 4, 64,
                true, 64, 256, 6, 4, 7, 1, 50));
        if (tlb) {
            t.setDataTlb(8, 2, 30);
        }
        return t;
    }

    @Test
    void scheduledBlocksTimeExactlyAsReplayedOnes() {
        for (boolean tlb : new boolean[] {false, true}) {
            CoreTiming scheduled = model(tlb);
            CoreTiming stepped = model(tlb);
            Random random = new Random(tlb ? 7 : 11);
            long a = 0;
            long b = 0;
            int used = 0;
            for (int block = 0; block < 20_000; block++) {
                int count = 1 + random.nextInt(12);
                long[] insns = new long[count];
                byte[] then = new byte[count];
                long[] addresses = new long[count];
                for (int j = 0; j < count; j++) {
                    int op = OPS[random.nextInt(OPS.length)];
                    insns[j] = Decoded.pack(op, random.nextBoolean(), random.nextInt(8), random.nextInt(8),
                            random.nextInt(8), random.nextInt(8), 0, 0);
                    then[j] = (byte) (op == Op.LD || op == Op.LW || op == Op.FLD ? CoreTiming.THEN_LOAD
                            : op == Op.SD ? CoreTiming.THEN_STORE
                            : op == Op.FADD_D || op == Op.FMADD_D ? CoreTiming.THEN_PUBLISH : CoreTiming.THEN_NOTHING);
                    // A few lines and pages, so that accesses hit and miss in every cache.
                    addresses[j] = (long) random.nextInt(1 << 16) * 8;
                }
                long pc = 0x10000 + (long) random.nextInt(512) * 2;
                long[] resolved = scheduled.resolveBlock(pc, insns, then, count, null);
                BlockSchedule plan = scheduled.schedule(resolved, count);
                used += plan != null ? 1 : 0;
                a = scheduled.replayBlock(resolved, plan, addresses, count, pc, a);
                b = stepped.replay(stepped.resolveBlock(pc, insns, then, count, null), addresses, 0, count, pc, b);
                assertEquals(b, a, "next cycle after block " + block);
                assertEquals(stepped.cycles(), scheduled.cycles(), "published cycle after block " + block);
                // Now and then the next block starts late or early against its inputs.
                a += random.nextInt(3) == 0 ? random.nextInt(8) : 0;
                b = a;
            }
            for (int cause = 0; cause < StallCause.NAMES.length; cause++) {
                assertEquals(stepped.stallCycles(cause), scheduled.stallCycles(cause), StallCause.NAMES[cause]);
            }
            assertEquals(stepped.tlbMisses(), scheduled.tlbMisses());
            assertTrue(used > 10_000, "most blocks have a schedule: " + used);
            assertTrue(scheduled.stallCycles(StallCause.L2_MISS) > 0 && scheduled.stallCycles(StallCause.DEPENDENCY) > 0);
        }
    }

    @Test
    void blocksWithTheDividerOrShortOnesHaveNone() {
        CoreTiming t = model(false);
        long[] insns = {Decoded.pack(Op.ADD, false, 1, 2, 3, 0, 0, 0), Decoded.pack(Op.DIV, false, 4, 1, 2, 0, 0, 0),
            Decoded.pack(Op.ADD, false, 5, 4, 4, 0, 0, 0)};
        byte[] then = new byte[3];
        assertNull(t.schedule(t.resolveBlock(0x1000, insns, then, 3, null), 3));
        assertNull(t.schedule(t.resolveBlock(0x1000, insns, then, 1, null), 1));
    }
}
