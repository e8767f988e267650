package dev.splitsim.cpu.timing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.splitsim.cpu.isa.Decoded;
import dev.splitsim.cpu.isa.Decoder;
import dev.splitsim.cpu.isa.Op;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The timing model's fast path reads rs1, rs2, rs3 and rd of every instruction that is not
 * {@link CoreTiming#general}, trusting the decoder to leave an operand the instruction does not
 * have at register 0. Every compressed encoding and two million random 32-bit words check that.
 */
final class OperandFieldsTest {
    private static int checked;

    private static void check(long d, String encoding) {
        int op = Decoded.op(d);
        if (op == Op.ILLEGAL) {
            return;
        }
        int info = InstructionClass.INFO[op];
        if (CoreTiming.general(info)) {
            return;
        }
        checked++;
        int[] kinds = {InstructionClass.src1(info), InstructionClass.src2(info), InstructionClass.src3(info),
            InstructionClass.dest(info)};
        int[] fields = {Decoded.rs1(d), Decoded.rs2(d), Decoded.rs3(d), Decoded.rd(d)};
        String[] names = {"rs1", "rs2", "rs3", "rd"};
        for (int f = 0; f < 4; f++) {
            if (kinds[f] == InstructionClass.NONE) {
                assertEquals(0, fields[f], names[f] + " of op " + op + " from " + encoding + " must decode as 0");
            }
        }
    }

    @Test
    void absentOperandsDecodeAsRegisterZero() {
        checked = 0;
        for (int half = 0; half < 0x10000; half++) {
            if ((half & 3) != 3) {
                check(Decoder.decode16(half), String.format("%04x", half));
            }
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2_000_000; i++) {
            int w = random.nextInt() | 3;
            check(Decoder.decode32(w), String.format("%08x", w));
        }
        assertTrue(checked > 500_000, "too few decodable words checked: " + checked);
    }
}
