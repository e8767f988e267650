package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.machine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What the debugger answers to numbers it cannot use: one {@code error:} line in its own words (never
 * the JDK's parser message), and a count too large to show is capped with one note. Runs on a
 * stripped program, so it needs no cross compiler.
 */
final class DebuggerInputTest {
    private static final String HELLO = DifferentialTest.BIN.resolve("hello").toString();

    /** The lines the debugger printed for each command of {@code script}, the echoed prompt left out. */
    private static List<String> answer(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String script = command + "\nquit\n";
        int status = Main.run(new String[] {"debug", HELLO}, new ByteArrayInputStream(
                script.getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true), new PrintStream(err, true));
        assertThat(status).isZero();
        assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
        String text = out.toString(StandardCharsets.UTF_8);
        String marker = "(splitsim) " + command + "\n";
        int from = text.indexOf(marker) + marker.length();
        return text.substring(from, text.indexOf("(splitsim) quit")).lines().toList();
    }

    @Test
    void aHugeExamineCountIsCappedWithOneNote() {
        List<String> lines = answer("x/99999999999xg 0x10000");
        assertThat(lines.get(0)).isEqualTo("count capped at 4096");
        // Two 8-byte units a line: 4096 units are 2048 lines, from 0x10000 on.
        assertThat(lines).hasSize(1 + 2048);
        assertThat(lines.get(1)).startsWith("0x10000:\t0x");
        assertThat(lines.get(2048)).startsWith("0x17ff0:\t0x");
        assertThat(lines.stream().filter(l -> l.contains("capped"))).hasSize(1);
        // Digits beyond what a long holds are a large count too, not a parser's complaint.
        assertThat(answer("x/99999999999999999999999xb 0x10000").get(0)).isEqualTo("count capped at 4096");
        assertThat(answer("disas 0x10000 99999999")).hasSize(1 + 4096).first().isEqualTo("count capped at 4096");
        assertThat(answer("x/4096xb 0x10000")).noneMatch(l -> l.contains("capped"));
    }

    @Test
    void badNumbersAreOneErrorLineInTheDebuggersWords() {
        assertThat(answer("step abc")).containsExactly("error: not a number: 'abc'");
        assertThat(answer("step 0")).containsExactly("error: step count must be at least 1, got 0");
        assertThat(answer("step 99999999999999999999"))
                .containsExactly("error: number out of range: '99999999999999999999'");
        assertThat(answer("disas $pc 0")).containsExactly("error: instruction count must be at least 1, got 0");
        assertThat(answer("msg slowest -1")).containsExactly("error: number of misses must be at least 1, got -1");
        // Counts that an int cast would have wrapped into range.
        assertThat(answer("watch $sp 4294967304"))
                .containsExactly("error: watch length must be 1..4096, got 4294967304");
        assertThat(answer("excache set 4294967296")).containsExactly("error: set must be 0..1023, got 4294967296");
        assertThat(answer("delete 4294967297")).containsExactly("error: no breakpoint or watchpoint 4294967297");
        assertThat(answer("break probe.c:99999999999"))
                .containsExactly("error: line must be 1..2147483647, got 99999999999");
        assertThat(answer("x/4xg $zz")).containsExactly("error: no register '$zz'");
        assertThat(answer("x/4xg $sp+")).containsExactly("error: not a number: ''");
        assertThat(answer("x/4xg 0x10000+0xfffffffffffffffff"))
                .containsExactly("error: number out of range: '0xfffffffffffffffff'");
        assertThat(answer("msg #12x")).containsExactly("error: not a number: '12x'");
    }
}
