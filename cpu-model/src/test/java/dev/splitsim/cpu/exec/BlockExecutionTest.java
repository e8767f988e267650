package dev.splitsim.cpu.exec;

import static dev.splitsim.cpu.exec.Asm.*;
import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.cpu.mem.FlatMemory;
import dev.splitsim.cpu.timing.CoreTiming;
import dev.splitsim.cpu.timing.TimingParams;
import org.junit.jupiter.api.Test;

/** Blocks of straight-line code run as the instructions would one by one: budgets, traps, code writes, time. */
final class BlockExecutionTest {
    private static final long BASE = 0x8000_0000L;
    private static final long DATA = BASE + 0x8000;

    private static FlatMemory ram(int... words) {
        FlatMemory ram = new FlatMemory(BASE, 1 << 20);
        for (int k = 0; k < words.length; k++) {
            int w = words[k];
            ram.write(BASE + 4L * k, new byte[] {(byte) w, (byte) (w >>> 8), (byte) (w >>> 16), (byte) (w >>> 24)}, 0, 4);
        }
        return ram;
    }

    private static Hart hart(FlatMemory ram) {
        Hart h = new Hart(0, ram);
        h.pc = BASE;
        return h;
    }

    @Test
    void everyControlTransferEndsItsBlock() {
        // The timed loop meets the branch predictor only for a block's last instruction.
        for (int op = 0; op < dev.splitsim.cpu.isa.Op.COUNT; op++) {
            byte kind = OpTraits.kind(op);
            boolean control = (dev.splitsim.cpu.isa.InstructionFlags.of(op) & dev.splitsim.cpu.isa.InstructionFlags.CONTROL) != 0;
            if (kind == OpTraits.BRANCH || kind == OpTraits.JUMP || control) {
                assertThat(OpTraits.endsBlock(op)).as("op %d", op).isTrue();
            }
        }
    }

    @Test
    void aBudgetEndsInsideABlockAtExactlyThatInstruction() {
        Hart h = hart(ram(addi(5, 5, 1), addi(5, 5, 1), addi(5, 5, 1), addi(5, 5, 1), addi(5, 5, 1), addi(5, 5, 1)));
        assertThat(h.run(2)).isEqualTo(2);
        assertThat(h.x[5]).isEqualTo(2);
        assertThat(h.pc).isEqualTo(BASE + 8);
        assertThat(h.run(3)).isEqualTo(3);
        assertThat(h.x[5]).isEqualTo(5);
        assertThat(h.instret()).isEqualTo(5);
        assertThat(h.pc).isEqualTo(BASE + 20);
    }

    @Test
    void aTrapInsideABlockRetiresOnlyTheInstructionsBeforeIt() {
        Hart h = hart(ram(csrrw(0, Csr.MTVEC, 10), addi(5, 0, 1), addi(6, 0, 2), ld(2, 1, 0), addi(7, 0, 3)));
        h.x[1] = 0x10;
        h.x[10] = BASE + 0x100;
        assertThat(h.run(4)).isEqualTo(4);
        assertThat(h.instret()).isEqualTo(3);
        assertThat(h.readCsr(Csr.MCAUSE)).isEqualTo(Trap.LOAD_ACCESS);
        assertThat(h.readCsr(Csr.MEPC)).isEqualTo(BASE + 12);
        assertThat(h.x[6]).isEqualTo(2);
        assertThat(h.x[7]).isZero();
        assertThat(h.pc).isEqualTo(BASE + 0x100);
    }

    @Test
    void aStoreIntoTheRunningBlockChangesTheInstructionsAfterIt() {
        // auipc x1, 0; sw x2, 12(x1); addi x6, x0, 1; addi x5, x0, 1 -- the store rewrites the last one.
        Hart h = hart(ram(auipc(1, 0), sw(2, 1, 12), addi(6, 0, 1), addi(5, 0, 1)));
        h.x[2] = addi(5, 0, 7);
        assertThat(h.run(4)).isEqualTo(4);
        assertThat(h.x[6]).isEqualTo(1);
        assertThat(h.x[5]).isEqualTo(7);
    }

    @Test
    void theDecodeCacheHoldsMemoryOnlyForCodePagesRun() {
        FlatMemory ram = ram(Asm.j(0, 0x1000));
        ram.write(BASE + 0x1000, new byte[] {0x13, 0, 0, 0}, 0, 4);
        Hart h = hart(ram);
        assertThat(h.codePagesHeld()).isZero();
        h.run(1);
        assertThat(h.codePagesHeld()).isEqualTo(1);
        h.run(1);
        assertThat(h.codePagesHeld()).isEqualTo(2);
    }

    /**
     * A loop of loads, stores, a multiply, a divide, FP and a read of mcycle, timed once in whole
     * blocks and once instruction by instruction: the model must see the same accesses in the same
     * order either way, so every cycle, stall and value read from mcycle agrees.
     */
    @Test
    void timingABlockAtOnceEqualsTimingItInstructionByInstruction() {
        int faddD = r(0x53, 7, 1, 1, 1, 2);
        int fld = i(0x07, 3, 3, 2, 16);
        int fsd = s(0x27, 3, 2, 1, 24);
        int[] loop = {
            auipc(2, 8), addi(1, 0, 0), addi(3, 0, 40), addi(9, 0, 0),
            // 16: the loop, 15 instructions
            ld(4, 2, 0), add(4, 4, 1), sd(4, 2, 8), fld, faddD, fsd, mul(5, 4, 3), div(6, 5, 3), sw(6, 2, 512),
            lw(7, 2, 512), addi(2, 2, 64), csrrs(8, Csr.MCYCLE, 0), add(9, 9, 8), addi(1, 1, 1),
            bltu(1, 3, -56), ebreak(),
        };
        FlatMemory one = ram(loop);
        FlatMemory other = ram(loop);
        Hart whole = timed(one);
        Hart stepped = timed(other);
        long steps = 4 + 40 * 15;
        assertThat(whole.run(steps)).isEqualTo(steps);
        for (long k = 0; k < steps; k++) {
            stepped.run(1);
        }
        assertThat(stepped.pc).isEqualTo(whole.pc);
        assertThat(stepped.x).isEqualTo(whole.x);
        assertThat(stepped.f).isEqualTo(whole.f);
        assertThat(stepped.cycles()).isEqualTo(whole.cycles());
        assertThat(stepped.baseCycles()).isEqualTo(whole.baseCycles());
        assertThat(whole.pc).isEqualTo(BASE + 76);
        assertThat(whole.x[9]).isPositive();
        assertThat(whole.cycles()).isGreaterThan(steps);
    }

    private static Hart timed(FlatMemory ram) {
        Hart h = hart(ram);
        int[] latencies = TimingParams.latencies(1, 1, 1, 3, 20, 5, 4, 4, 5, 15, 20, 3, 2, 1);
        h.setTiming(new CoreTiming(new TimingParams(latencies, 3, 12, 100, 4096, 2, 4096, 2, 16384, 4, 64,
                true, 64, 256, 6, 4, 7, 1, 50)));
        return h;
    }
}
