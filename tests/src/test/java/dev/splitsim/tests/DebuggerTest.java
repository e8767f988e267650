package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.machine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code splitsim debug} driven by a script on stdin, as a student would type it: the first
 * fabric message of a program and the ExCache set it fills, then breakpoints by symbol and by
 * source line, stepping, registers, memory, disassembly, backtrace, a watchpoint and finish.
 */
final class DebuggerTest {
    @TempDir
    static Path tmp;

    private static Path probe;

    @BeforeAll
    static void build() throws Exception {
        probe = ProbeProgram.build(tmp);
    }

    private record Session(int status, String out, String err) {}

    private static Session debug(String script, String... programAndArgs) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = new String[programAndArgs.length + 1];
        args[0] = "debug";
        System.arraycopy(programAndArgs, 0, args, 1, programAndArgs.length);
        int status = Main.run(args, new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true), new PrintStream(err, true));
        return new Session(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The output of one command: from its echoed prompt line to the next prompt. */
    private static String answer(Session s, String command) {
        String marker = "(splitsim) " + command + "\n";
        int at = s.out().indexOf(marker);
        assertThat(at).as("command '%s' in:%n%s", command, s.out()).isGreaterThanOrEqualTo(0);
        int from = at + marker.length();
        int next = s.out().indexOf("(splitsim) ", from);
        return s.out().substring(from, next < 0 ? s.out().length() : next);
    }

    @Test
    void stopsAtTheFirstFabricMessageAndExplainsIt() {
        Session s = debug(String.join("\n", "until msg", "msg 4", "excache _start", "quit", ""), probe.toString());
        assertThat(s.err()).isEmpty();
        String until = answer(s, "until msg");
        // The first message the program itself causes: the miss of its entry point's code line.
        assertThat(until).containsPattern("fabric  #4 P2M_PCACHE_MISS pcomp0 -> mcomp0 40 B sent [0-9.]+ us arrived"
                + " [0-9.]+ us handled [0-9.]+ us cause core0 pc 0x10568 <_start> va 0x10000");
        assertThat(until).contains("#5 M2P_PCACHE_LINE mcomp0 -> pcomp0 4104 B").contains("reply to #4");
        assertThat(until).contains("stopped: fabric message");

        String msg = answer(s, "msg 4");
        assertThat(msg).startsWith("message #4 P2M_PCACHE_MISS pcomp0 -> mcomp0, 40 bytes, a request\n");
        assertThat(msg).containsPattern("cause +core0 pc 0x10568 <_start>: jal 0x[0-9a-f]+, va 0x10000");
        for (String stage : new String[] {"sent", "NICs", "wire", "switch", "queueing", "arrived", "handled",
            "payload"}) {
            assertThat(msg).containsPattern("\n  " + stage + " +\\S");
        }
        assertThat(msg).containsPattern("NICs +1\\.620000 us");
        Matcher served = Pattern.compile("serves +miss core0 pc 0x10568 <_start> va 0x10000 exec set (\\d+) way (\\d+)"
                + " remote [0-9.]+ us request #4 \\[trap [0-9.]+ request [0-9.]+ monitor").matcher(msg);
        assertThat(served.find()).as(msg).isTrue();

        // The set the miss filled holds the entry page's line, in the way the miss named.
        String set = answer(s, "excache _start");
        assertThat(set).contains("0x10568 maps to set " + served.group(1) + ", way " + served.group(2) + ", clean");
        assertThat(set).contains("set " + served.group(1) + " (64 ways, fifo):");
        assertThat(set).containsPattern("way +" + served.group(2) + "  pid 1 va 0x10000-0x10fff clean r-x");
        assertThat(set).contains("ways 1-63  empty");
    }

    @Test
    void breaksStepsAndInspects() {
        int printfLine = Tools.lineOf(ProbeProgram.SOURCE, "printf(");
        int callLine = Tools.lineOf(ProbeProgram.SOURCE, "long s = sum(");
        Session s = debug(String.join("\n", "watch counter 8", "continue", "delete", "break sum", "continue", "bt",
                "regs", "x/1dg table+4096", "x/2xw $sp", "disas sum 2", "step 2", "finish",
                "break probe.c:" + printfLine, "info breakpoints", "continue", "time", "continue", ""),
                probe.toString());
        assertThat(s.err()).isEmpty();
        assertThat(s.status()).as("the guest's exit status").isEqualTo(7);

        assertThat(answer(s, "watch counter 8")).startsWith("Watchpoint 1: 8 bytes at 0x");
        assertThat(answer(s, "continue")).containsPattern("stopped: watchpoint 1, 0x[0-9a-f]+ <counter> changed from"
                + " 0x0000000000000000 to 0x0000000000000007\n0x[0-9a-f]+ <main\\+0x[0-9a-f]+> \\(probe.c:" + callLine
                + "\\): ");

        assertThat(answer(s, "break sum")).matches("Breakpoint 2 at 0x[0-9a-f]+ <sum> \\(probe.c:7\\)\n");
        String atSum = s.out().substring(s.out().indexOf("(splitsim) break sum"));
        assertThat(answer(new Session(0, atSum, ""), "continue")).containsPattern(
                "stopped: breakpoint 2\n0x[0-9a-f]+ <sum> \\(probe.c:7\\): add sp,sp,-48 ");

        String bt = answer(s, "bt");
        assertThat(bt).containsPattern("#0  0x[0-9a-f]+ <sum> \\(probe.c:7\\)\n");
        assertThat(bt).containsPattern("#1  0x[0-9a-f]+ <main\\+0x[0-9a-f]+> \\(probe.c:" + callLine + "\\)\n");
        assertThat(bt).containsPattern("#2  0x[0-9a-f]+ <__libc_start_call_main\\+0x[0-9a-f]+>");

        String regs = answer(s, "regs");
        assertThat(regs).as("n = 8192 in the second argument register").contains("a1   0x0000000000002000");
        assertThat(regs).containsPattern("pc   0x[0-9a-f]+ <sum> \\(probe.c:7\\)");

        assertThat(answer(s, "x/1dg table+4096")).matches("0x[0-9a-f]+ <table\\+0x1000>:\t512\n");
        assertThat(answer(s, "x/2xw $sp")).matches("0x3fffff[0-9a-f]+:\t0x[0-9a-f]{8}\t0x[0-9a-f]{8}\n");
        assertThat(answer(s, "disas sum 2")).matches(
                "=> 0x[0-9a-f]+ <sum>:\tadd sp,sp,-48\n   0x[0-9a-f]+ <sum\\+0x2>:\tsd s0,40\\(sp\\)\n");
        assertThat(answer(s, "step 2")).containsPattern("0x[0-9a-f]+ <sum\\+0x4> \\(probe.c:7\\): add s0,sp,48 ");
        assertThat(answer(s, "finish")).containsPattern("run till exit from 0x[0-9a-f]+ <sum\\+0x4>\nstopped: finish\n"
                + "0x[0-9a-f]+ <main\\+0x[0-9a-f]+> \\(probe.c:" + callLine + "\\): ");

        assertThat(answer(s, "break probe.c:" + printfLine))
                .matches("Breakpoint 3 at 0x[0-9a-f]+ <main\\+0x[0-9a-f]+> \\(probe.c:" + printfLine + "\\)\n");
        assertThat(answer(s, "info breakpoints")).matches("2  breakpoint  0x[0-9a-f]+ <sum> \\(probe.c:7\\)\n"
                + "3  breakpoint  0x[0-9a-f]+ <main\\+0x[0-9a-f]+> \\(probe.c:" + printfLine + "\\)\n");
        assertThat(answer(s, "time")).containsPattern("simulated time [0-9.]+ us, \\d+ cycles, \\d+ instructions");
        assertThat(s.out()).contains("stopped: breakpoint 3\n");
        assertThat(s.out()).contains(ProbeProgram.OUTPUT).contains("the program exited with status 7");
    }

    @Test
    void badCommandsAnswerOneLineAndTheSessionGoesOn() {
        Session s = debug(String.join("\n", "frobnicate", "break nosuchsymbol", "break probe.c:9999",
                "break other.c:3", "x/4q main", "x/2xg $nosuchreg", "msg 99999", "continue", ""), probe.toString());
        assertThat(answer(s, "frobnicate")).isEqualTo("unknown command 'frobnicate'; 'help' lists the commands\n");
        assertThat(answer(s, "break nosuchsymbol")).isEqualTo("error: no symbol 'nosuchsymbol'\n");
        assertThat(answer(s, "break probe.c:9999")).isEqualTo("error: no code at or after line 9999 of probe.c\n");
        assertThat(answer(s, "break other.c:3")).isEqualTo("error: no source file 'other.c' in the line information\n");
        assertThat(answer(s, "x/4q main")).isEqualTo("error: unknown format letter 'q'\n");
        assertThat(answer(s, "x/2xg $nosuchreg")).isEqualTo("error: no register '$nosuchreg'\n");
        assertThat(answer(s, "msg 99999")).isEqualTo("error: no message #99999 in the log\n");
        assertThat(s.out()).contains("the program exited with status 7");
        assertThat(s.status()).isEqualTo(7);
    }

    @Test
    void slowestMissNamesItsInstruction() {
        // A tiny ExCache makes the table's lines evict each other: their misses write dirty victims back.
        Session s = debug(String.join("\n", "msg slowest 1", "continue", "msg slowest 3", ""), "--set",
                "excache.size=16KiB", "--set", "excache.ways=1", probe.toString());
        assertThat(answer(s, "msg slowest 1")).isEqualTo("no ExCache miss yet\n");
        String slowest = answer(s, "msg slowest 3");
        assertThat(slowest).containsPattern("the 3 slowest of \\d+ ExCache misses:\n");
        Matcher first = Pattern.compile("\n  ([0-9]+\\.[0-9]+) us  \\S+ (read|write|exec) va 0x[0-9a-f]+ at 0x[0-9a-f]+"
                + "( <[^>]+>)?( \\([^)]+\\))?: [a-z]").matcher(slowest);
        assertThat(first.find()).as(slowest).isTrue();
        double top = Double.parseDouble(first.group(1));
        Matcher rest = Pattern.compile("\n  ([0-9]+\\.[0-9]+) us").matcher(slowest);
        while (rest.find()) {
            assertThat(Double.parseDouble(rest.group(1))).isLessThanOrEqualTo(top);
        }
    }
}
