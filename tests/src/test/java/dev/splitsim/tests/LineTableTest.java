package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.machine.cli.Main;
import dev.splitsim.machine.debug.LineTable;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The DWARF line table reader on a hand-made unit appended to a stripped program: read right when
 * sound; when damaged (every truncation, random bytes, huge counts and lengths) it keeps what it
 * read, says why in one warning, and never throws, loops or allocates without bound.
 */
final class LineTableTest {
    private static final long PC = 0x10568;

    @TempDir
    Path tmp;

    /** A DWARF 4 unit: directory "src", file "t.c"; rows at PC (line 1), PC+4 (line 11), end at PC+8. */
    static byte[] unit() {
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0); // unit length, set below
        b.putShort((short) 4);
        int headerLengthAt = b.position();
        b.putInt(0);
        int headerStart = b.position();
        b.put((byte) 1).put((byte) 1).put((byte) 1).put((byte) -5).put((byte) 14).put((byte) 13);
        b.put(new byte[] {0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1});
        b.put("src\0".getBytes(StandardCharsets.US_ASCII)).put((byte) 0);
        b.put("t.c\0".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0).put((byte) 0).put((byte) 0);
        int programStart = b.position();
        b.put((byte) 0).put((byte) 9).put((byte) 2).putLong(PC); // DW_LNE_set_address
        b.put((byte) 1); // DW_LNS_copy: line 1
        b.put((byte) 3).put((byte) 9); // DW_LNS_advance_line 9
        b.put((byte) (13 + 4 * 14 + (1 + 5))); // special: pc += 4, line += 1
        b.put((byte) 2).put((byte) 4); // DW_LNS_advance_pc 4
        b.put((byte) 0).put((byte) 1).put((byte) 1); // DW_LNE_end_sequence
        int end = b.position();
        b.putInt(0, end - 4);
        b.putInt(headerLengthAt, programStart - headerStart);
        return Arrays.copyOf(b.array(), end);
    }

    private static ElfFile withLines(byte[] lines) throws IOException {
        return ElfFile.parse(ElfBytes.of(DifferentialTest.BIN.resolve("hello"))
                .append(new String[] {".debug_line"}, new int[] {ElfBytes.SHT_PROGBITS}, new byte[][] {lines})
                .bytes());
    }

    @Test
    void aSoundUnitGivesItsRows() throws IOException {
        LineTable t = LineTable.of(withLines(unit()));
        assertThat(t.warning()).isNull();
        assertThat(t.lineAt(PC)).isEqualTo("t.c:1");
        assertThat(t.lineAt(PC + 4)).isEqualTo("t.c:11");
        assertThat(t.lineAt(PC + 8)).isNull();
        assertThat(t.addressOf("src/t.c", 11)).isEqualTo(PC + 4);
    }

    @Test
    void everyTruncationIsAWarningAndKeepsNothingWrong() throws IOException {
        byte[] whole = unit();
        for (int n = 1; n < whole.length; n++) {
            byte[] cut = Arrays.copyOf(whole, n);
            LineTable t = LineTable.of(withLines(cut));
            assertThat(t.warning()).as("cut at " + n).isNotNull();
            // The unit's own length still says the whole: nothing past the cut is read as rows.
            assertThat(t.lineAt(PC + 4)).as("cut at " + n).isNull();
        }
    }

    @Test
    void hugeCountsAndLengthsEndInAWarning() throws IOException {
        byte[] u = unit();
        byte[] length = u.clone();
        ByteBuffer.wrap(length).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 0xfffffff0);
        assertThat(LineTable.of(withLines(length)).warning()).contains("reserved length");
        byte[] header = u.clone();
        ByteBuffer.wrap(header).order(ByteOrder.LITTLE_ENDIAN).putInt(6, 0x7fffffff);
        assertThat(LineTable.of(withLines(header)).warning()).contains("runs past the end");
        byte[] range = u.clone();
        range[14] = 0; // line_range 0 would divide by zero
        assertThat(LineTable.of(withLines(range)).warning()).contains("line range of 0");
        // A version 5 file table of 2^62 entries with no format: a count that no bytes back.
        ByteBuffer v5 = ByteBuffer.allocate(64).order(ByteOrder.LITTLE_ENDIAN);
        v5.putInt(0).putShort((short) 5).put((byte) 8).put((byte) 0).putInt(0);
        int headerStart = v5.position();
        v5.put(new byte[] {1, 1, 1, -5, 14, 13, 0, 1, 1, 1, 1, 0, 0, 0, 1, 0, 0, 1});
        v5.put((byte) 0); // directory entry format count 0
        v5.put(new byte[] {(byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80, (byte) 0x80,
            (byte) 0x80, 0x40}); // 2^62 directories
        int end = v5.position();
        v5.putInt(0, end - 4).putInt(8, end - headerStart);
        LineTable t = LineTable.of(withLines(Arrays.copyOf(v5.array(), end)));
        assertThat(t.warning()).contains("entry table of 4611686018427387904 entries");
    }

    @Test
    void randomBytesNeverThrow() throws IOException {
        long seed = Long.getLong("fuzz.seed", 0x11e5);
        int cases = Integer.getInteger("fuzz.cases", 2000);
        SplittableRandom r = new SplittableRandom(seed);
        byte[] sound = unit();
        for (int k = 0; k < cases; k++) {
            long caseSeed = r.nextLong();
            SplittableRandom c = new SplittableRandom(caseSeed);
            byte[] b = sound.clone();
            for (int flips = 1 + c.nextInt(4); flips > 0; flips--) {
                b[c.nextInt(b.length)] = (byte) c.nextInt(256);
            }
            if (c.nextInt(4) == 0) {
                b = Arrays.copyOf(b, c.nextInt(b.length + 40));
            }
            try {
                LineTable.of(withLines(b)).lineAt(PC);
            } catch (RuntimeException | Error e) {
                throw new AssertionError("line table case seed " + caseSeed + " (replay: -Dfuzz.seed=" + seed
                        + ", case " + k + ") threw " + e, e);
            }
        }
    }

    @Test
    void theDebuggerWarnsOnceAndRunsOn() throws IOException {
        byte[] damaged = unit();
        ByteBuffer.wrap(damaged).order(ByteOrder.LITTLE_ENDIAN).putInt(6, 0x7fffffff);
        Path p = ElfBytes.of(DifferentialTest.BIN.resolve("hello"))
                .append(new String[] {".debug_line"}, new int[] {ElfBytes.SHT_PROGBITS}, new byte[][] {damaged})
                .write(tmp.resolve("lines"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"debug", p.toString()},
                new ByteArrayInputStream("continue\nquit\n".getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true), new PrintStream(err, true));
        assertThat(status).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("Hello from splitsim!");
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).singleElement().asString()
                .startsWith("splitsim: warning: " + p + ": line information ignored: ");
    }
}
