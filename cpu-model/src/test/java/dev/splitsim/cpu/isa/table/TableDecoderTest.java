package dev.splitsim.cpu.isa.table;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.cpu.isa.Decoded;
import dev.splitsim.cpu.isa.Decoder;
import dev.splitsim.cpu.isa.Op;
import dev.splitsim.cpu.isa.table.IsaTable.Compressed;
import dev.splitsim.cpu.isa.table.IsaTable.Instruction;
import dev.splitsim.cpu.isa.table.IsaTable.Nonzero;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The generated decoder against the table read literally: every row tried on every word, its
 * fields cut out as the table says. Every 16-bit word and two million 32-bit ones.
 */
final class TableDecoderTest {
    private static IsaTable table;

    @BeforeAll
    static void read() throws IOException {
        table = IsaTable.read();
    }

    /** The rows {@code w} matches; the table promises at most one. */
    private static List<Instruction> matches32(int w) {
        List<Instruction> found = new ArrayList<>();
        for (Instruction in : table.instructions) {
            if ((w & in.mask()) == in.match()) {
                found.add(in);
            }
        }
        return found;
    }

    private static long literal32(Instruction in, int w) {
        int rs3 = in.aqrl() ? (w >>> 25) & 3 : in.registers().containsKey("rs3") ? w >>> 27 : 0;
        return Decoded.pack(in.op(), false, field(in, "rd", w >>> 7), field(in, "rs1", w >>> 15),
                field(in, "rs2", w >>> 20), rs3, in.rm() ? (w >>> 12) & 7 : 0, in.imm() == null ? 0 : in.imm().extract(w));
    }

    private static int field(Instruction in, String name, int shifted) {
        return in.registers().containsKey(name) ? shifted & 31 : 0;
    }

    private static List<Compressed> matches16(int h) {
        List<Compressed> found = new ArrayList<>();
        for (Compressed c : table.compressed) {
            if ((h & c.mask()) != c.match()) {
                continue;
            }
            boolean reserved = false;
            for (Nonzero n : c.when()) {
                int v = n.field().equals("imm") ? source(c.assign().get("imm"), h) : source(n.field(), h);
                reserved |= v == n.value();
            }
            if (!reserved) {
                found.add(c);
            }
        }
        return found;
    }

    private static int source(String s, int h) {
        if (s == null) {
            return 0;
        }
        switch (s) {
            case "rd": return (h >>> 7) & 31;
            case "rs2": return (h >>> 2) & 31;
            case "rd'": case "rs2'": return 8 + ((h >>> 2) & 7);
            case "rs1'": return 8 + ((h >>> 7) & 7);
            default:
                IsaTable.Immediate imm = table.immediates.get(s);
                return imm != null ? imm.extract(h) : Integer.parseInt(s);
        }
    }

    @Test
    void everyHalfwordDecodesAsItsOneRowSays() {
        int decodable = 0;
        for (int h = 0; h < 0x10000; h++) {
            if ((h & 3) == 3) {
                continue;
            }
            List<Compressed> rows = matches16(h);
            assertThat(rows).as("rows matching 0x%04x", h).hasSizeLessThanOrEqualTo(1);
            long want = Decoded.pack(Op.ILLEGAL, true, 0, 0, 0, 0, 0, 0);
            if (!rows.isEmpty()) {
                Compressed c = rows.get(0);
                want = Decoded.pack(c.base().op(), true, source(c.assign().get("rd"), h),
                        source(c.assign().get("rs1"), h), source(c.assign().get("rs2"), h), 0, 0,
                        source(c.assign().get("imm"), h));
                decodable++;
            }
            assertThat(Decoder.decode16(h)).as("0x%04x", h).isEqualTo(want);
        }
        assertThat(decodable).isGreaterThan(40_000);
    }

    @Test
    void randomWordsDecodeAsTheirOneRowSays() {
        SplittableRandom random = new SplittableRandom(11);
        int decodable = 0;
        for (int k = 0; k < 2_000_000; k++) {
            int w = random.nextInt() | 3;
            if (k % 2 == 0) {
                // Half of the words get a real row's fixed bits, so most of them decode.
                Instruction near = table.instructions.get(random.nextInt(table.instructions.size()));
                w = (w & ~near.mask()) | near.match();
            }
            List<Instruction> rows = matches32(w);
            assertThat(rows).as("rows matching 0x%08x", w).hasSizeLessThanOrEqualTo(1);
            long want = rows.isEmpty() ? Decoded.pack(Op.ILLEGAL, false, 0, 0, 0, 0, 0, 0) : literal32(rows.get(0), w);
            decodable += rows.isEmpty() ? 0 : 1;
            if (Decoder.decode32(w) != want) {
                assertThat(Decoder.decode32(w)).as("0x%08x", w).isEqualTo(want);
            }
        }
        assertThat(decodable).isGreaterThan(1_000_000);
    }
}
