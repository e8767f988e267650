package dev.splitsim.cpu.isa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A golden characteristic of decoding and disassembly, recorded from the hand-written decoder and
 * disassembler the instruction table replaced: a hash over every 16-bit word and three million
 * seeded 32-bit words (most given a real major opcode), of the decoded value and of the text. Any
 * change to what some word decodes or prints to changes it; a deliberate change records the new value.
 */
final class DecoderCharacteristicTest {
    private static final int[] MAJORS = {0x03, 0x07, 0x0f, 0x13, 0x17, 0x1b, 0x23, 0x27, 0x2f, 0x33, 0x37, 0x3b, 0x43,
        0x47, 0x4b, 0x4f, 0x53, 0x63, 0x67, 0x6f, 0x73};

    static long[] characteristic() {
        long decoded = 17;
        long text = 17;
        for (int h = 0; h < 0x10000; h++) {
            if ((h & 3) != 3) {
                decoded = decoded * 31 + Decoder.decode16(h);
                text = text * 31 + Disassembler.disassemble(0x1000 + 2L * h, h).hashCode();
            }
        }
        SplittableRandom random = new SplittableRandom(2024);
        for (int k = 0; k < 3_000_000; k++) {
            int w = random.nextInt();
            w = k % 4 == 3 ? w | 3 : (w & ~0x7f) | MAJORS[random.nextInt(MAJORS.length)];
            decoded = decoded * 31 + Decoder.decode32(w);
            if (k % 4 == 0) {
                text = text * 31 + Disassembler.disassemble(0x8000_0000L + 4L * k, w).hashCode();
            }
        }
        return new long[] {decoded, text};
    }

    @Test
    void decodingAndTextAreAsRecorded() {
        long[] c = characteristic();
        assertThat(c[0]).as("decoded values' hash").isEqualTo(6308622159546082871L);
        assertThat(c[1]).as("disassembly's hash").isEqualTo(3710771464282163661L);
    }
}
