package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random and malformed lines to the debugger, scripted sessions on both layouts: every line is
 * answered (a result, an error line or the help), the session ends when its input does, and the
 * debugger never fails with an internal error or a Java exception.
 */
final class DebuggerFuzzTest {
    private static final String HELLO = DifferentialTest.BIN.resolve("hello").toString();
    private static final int LINES = 50;
    private static final String[] COMMANDS = {"step", "s", "si", "next", "n", "finish", "continue", "c", "break", "b",
        "delete", "d", "info", "watch", "until", "msg", "excache", "pt", "regs", "x", "disas", "bt", "threads", "stats",
        "time", "help", "?", "quitx", "", "#"};
    private static final String[] WORDS = {"main", "_start", "sum+0x10", "$sp", "$a0+8", "$pc-4", "$zz", "$", "$x31",
        "$f1", "hello.c:3", "x.c:0", "t.c:1", "t.c:11", "src/t.c:11", "t.c:99999", "t.c:-1", "entry_here",
        "entry_here+0x4", "other-0x8", "a:b:c", ":", "+", "-", "0x", "0x10568", "0x10000+0xfffffffffffffffff", "-1",
        "0", "1", "4096", "4097", "4294967296", "9223372036854775807", "9223372036854775808",
        "99999999999999999999999", "-9223372036854775808", "0x8000000000000000", "1e9", "NaN", "msg", "slowest",
        "set", "fp", "breakpoints", "P2M_PCACHE_MISS", "mcomp0", "pcomp0", "scomp0", "NO_SUCH_TYPE", "#12x", "#4",
        "\u00e9\u4e2d", "\t", "\\", "'", "\"", "%s%n", "${x}", "/", "x/", "x/0", "x/-1x", "x/4q", "x/99999999999xg",
        "x/4xw", "x/2s", "x/3i", "x/ub", "x/4096c", "x/2d"};

    static String line(SplittableRandom r) {
        StringBuilder b = new StringBuilder();
        switch (r.nextInt(12)) {
            case 0: // bytes of anything but a line end
                for (int n = r.nextInt(40); n > 0; n--) {
                    char c = (char) (1 + r.nextInt(0x2ff));
                    b.append(c == '\n' || c == '\r' ? ' ' : c);
                }
                return b.toString();
            case 1: // a very long line
                return "x/4xg " + "9".repeat(1 + r.nextInt(20000));
            case 2: // an examine with random count, format and unit
                return "x/" + r.nextInt(-5, 10000) + "xduicsq".charAt(r.nextInt(7)) + "bhwgq".charAt(r.nextInt(5)) + " "
                        + WORDS[r.nextInt(WORDS.length)];
            default: {
                String cmd = r.nextInt(10) == 0 ? WORDS[r.nextInt(WORDS.length)] : COMMANDS[r.nextInt(COMMANDS.length)];
                // Few steps far and few runs on: a session should stop now and then with the program still alive.
                if ((cmd.equals("continue") || cmd.equals("c")) && r.nextInt(3) != 0) {
                    cmd = "step";
                }
                b.append(cmd);
                for (int n = r.nextInt(4); n > 0; n--) {
                    b.append(r.nextInt(8) == 0 ? "  " : " ").append(WORDS[r.nextInt(WORDS.length)]);
                }
                return b.toString();
            }
        }
    }

    @TempDir
    java.nio.file.Path tmp;

    @Test
    void randomLinesAreAnsweredAndTheDebuggerLives() throws java.io.IOException {
        // hello with a symbol table and a line table, so that symbols and file:line have something to find.
        ElfBytes e = ElfBytes.of(DifferentialTest.BIN.resolve("hello"));
        long entry = dev.splitsim.core.elf.ElfFile.parse(e.bytes()).entry();
        String withSymbols = e.withSymbols(new String[] {"entry_here", "other"}, new long[] {entry, entry + 0x40})
                .append(new String[] {".debug_line"}, new int[] {ElfBytes.SHT_PROGBITS},
                        new byte[][] {LineTableTest.unit()})
                .write(tmp.resolve("hello-symbols")).toString();
        long[] lines = new long[1];
        Fuzz.Report report = Fuzz.campaign("debugger lines", 0xdeb_0661L, 400, 60_000).run((r, seed) -> {
            StringBuilder script = new StringBuilder();
            for (int i = 0; i < LINES; i++) {
                script.append(line(r)).append('\n');
            }
            String profile = r.nextBoolean() ? "legoos" : "local";
            Fuzz.Outcome o = Fuzz.main(script.toString().getBytes(StandardCharsets.UTF_8), "debug", "--profile",
                    profile, r.nextBoolean() ? HELLO : withSymbols);
            lines[0] += LINES;
            String failure = Fuzz.hostFailure(o);
            if (failure == null && Fuzz.hostFailure(new Fuzz.Outcome(o.status(), "", o.stdout())) != null) {
                failure = "the debugger printed a Java exception: "
                        + Fuzz.hostFailure(new Fuzz.Outcome(o.status(), "", o.stdout()));
            }
            if (failure != null) {
                return profile + ": " + failure;
            }
            if (o.status() != 0) {
                return profile + ": status " + o.status() + ": " + Fuzz.firstLine(o.stderr());
            }
            if (o.stdout().lines().filter(l -> l.startsWith("(splitsim) ")).count() < 1) {
                return profile + ": no prompt echoed";
            }
            return null;
        });
        System.out.printf("fuzz debugger lines: %d lines%n", lines[0]);
        assertThat(report.failures()).as(report.summary()).isEmpty();
    }
}
