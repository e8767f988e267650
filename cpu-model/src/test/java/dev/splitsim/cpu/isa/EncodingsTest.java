package dev.splitsim.cpu.isa;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The encodings table is complete, unambiguous, and the decoder agrees with it. */
final class EncodingsTest {
    @Test
    void everyOpcodeHasExactlyOneRow() {
        int[] rows = new int[Op.COUNT];
        for (Encodings.Row r : Encodings.ALL) {
            rows[r.op()]++;
        }
        for (int op = 1; op < Op.COUNT; op++) {
            assertThat(rows[op]).as(Disassembler.mnemonic(op)).isEqualTo(1);
        }
        assertThat(rows[Op.ILLEGAL]).isZero();
    }

    @Test
    void noTwoRowsOverlap() {
        List<String> overlaps = new ArrayList<>();
        List<Encodings.Row> all = Encodings.ALL;
        for (int i = 0; i < all.size(); i++) {
            for (int j = i + 1; j < all.size(); j++) {
                Encodings.Row a = all.get(i);
                Encodings.Row b = all.get(j);
                // Two rows share a word when they agree on every bit both of them fix.
                int common = a.mask() & b.mask();
                if ((a.match() & common) == (b.match() & common)) {
                    overlaps.add(Disassembler.mnemonic(a.op()) + " / " + Disassembler.mnemonic(b.op()));
                }
            }
        }
        assertThat(overlaps).isEmpty();
    }

    @Test
    void eachRowsMatchDecodesToItsOpcode() {
        for (Encodings.Row r : Encodings.ALL) {
            assertThat(Decoded.op(Decoder.decode32(r.match()))).as(Disassembler.mnemonic(r.op())).isEqualTo(r.op());
        }
    }

    @Test
    void decoderAgreesWithTheTableOnRandomWords() {
        SplittableRandom rng = new SplittableRandom(7);
        for (int k = 0; k < 400_000; k++) {
            int word = rng.nextInt() | 3;
            if (k % 2 == 0) {
                // Bias toward defined major opcodes so most words exercise a real row.
                Encodings.Row near = Encodings.ALL.get(rng.nextInt(Encodings.ALL.size()));
                word = (word & ~near.mask()) | near.match();
            }
            int expected = Op.ILLEGAL;
            for (Encodings.Row r : Encodings.ALL) {
                if (r.matches(word)) {
                    expected = r.op();
                }
            }
            assertThat(Decoded.op(Decoder.decode32(word))).as("word 0x%08x", word).isEqualTo(expected);
        }
    }
}
