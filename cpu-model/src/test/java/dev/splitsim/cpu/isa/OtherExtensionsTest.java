package dev.splitsim.cpu.isa;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Instructions of extensions past RV64GC are illegal here and named with their extension; RV64GC's are not named. */
final class OtherExtensionsTest {
    /** Words as riscv64-linux-gnu-as assembles them with -march=rv64gcv_zba_zbb_zbc_zbs. */
    private static final Object[][] OTHERS = {
        {"sh1add", 0x20c5a533, "Zba"}, {"sh2add", 0x20c5c533, "Zba"}, {"sh3add", 0x20c5e533, "Zba"},
        {"add.uw", 0x08c5853b, "Zba"}, {"sh3add.uw", 0x20c5e53b, "Zba"}, {"slli.uw", 0x0835951b, "Zba"},
        {"andn", 0x40c5f533, "Zbb"}, {"orn", 0x40c5e533, "Zbb"}, {"xnor", 0x40c5c533, "Zbb"},
        {"clz", 0x60059513, "Zbb"}, {"ctz", 0x60159513, "Zbb"}, {"cpop", 0x60259513, "Zbb"},
        {"clzw", 0x6005951b, "Zbb"}, {"cpopw", 0x6025951b, "Zbb"}, {"max", 0x0ac5e533, "Zbb"},
        {"minu", 0x0ac5d533, "Zbb"}, {"sext.b", 0x60459513, "Zbb"}, {"sext.h", 0x60559513, "Zbb"},
        {"zext.h", 0x0805c53b, "Zbb"}, {"rol", 0x60c59533, "Zbb"}, {"rorw", 0x60c5d53b, "Zbb"},
        {"rori", 0x6055d513, "Zbb"}, {"roriw", 0x6055d51b, "Zbb"}, {"orc.b", 0x2875d513, "Zbb"},
        {"rev8", 0x6b85d513, "Zbb"}, {"clmul", 0x0ac59533, "Zbc"}, {"bset", 0x28c59533, "Zbs"},
        {"bexti", 0x4875d513, "Zbs"}, {"vector instruction", 0x022180d7, "V"},
    };

    @Test
    void eachIsIllegalHereAndNamedWithItsExtension() {
        for (Object[] o : OTHERS) {
            int word = (int) o[1];
            assertThat(Decoded.op(Decoder.decode32(word))).as((String) o[0]).isEqualTo(Op.ILLEGAL);
            assertThat(OtherExtensions.describe(word & 0xffffffffL)).isEqualTo(o[0] + ", of the " + o[2] + " extension");
        }
    }

    @Test
    void rv64gcInstructionsAreNotNamed() {
        // add, sub, mul, addiw, slli, srai, sraiw, a compressed addi, an unreadable word.
        for (long word : new long[] {0x00c58533L, 0x40c58533L, 0x02c58533L, 0x0035851bL, 0x00359513L, 0x4035d513L,
            0x4035d51bL, 0x0505L, 0xffffffffL}) {
            assertThat(OtherExtensions.describe(word)).as(Long.toHexString(word)).isNull();
        }
    }
}
