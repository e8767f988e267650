package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.machine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code splitsim debug --process}: two programs on two CPU components under one debugger. A
 * breakpoint and a watchpoint set in the second process stop there and name its component; the
 * registers, backtrace and memory shown are the focused process's, in its own program's symbols;
 * {@code process N} moves the focus; each process's end is reported, and the session's status is
 * the first one's.
 */
final class DebuggerProcessesTest {
    @TempDir
    static Path tmp;

    private static Path probe;
    private static Path peer;

    static final String PEER = String.join("\n",
            "#include <stdio.h>",
            "",
            "long peer_value = 3;",
            "",
            "long triple(long v) {",
            "    return 3 * v;",
            "}",
            "",
            "int main(int argc, char **argv) {",
            "    long r = triple(peer_value + argc);",
            "    peer_value = r;",
            "    printf(\"peer %ld\\n\", r);",
            "    return 5;",
            "}",
            "");

    @BeforeAll
    static void build() throws Exception {
        probe = ProbeProgram.build(tmp);
        peer = Tools.compileDebugProgram(tmp, "peer", PEER);
    }

    private record Session(int status, String out, String err) {}

    private static Session debug(String script) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"debug", "--set", "topology.cpu=pcomp0 pcomp1", "--process", peer + " one", probe.toString()};
        int status = Main.run(args, new ByteArrayInputStream(script.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true), new PrintStream(err, true));
        return new Session(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** The output of the {@code nth} (from 1) command {@code command}: from its echoed line to the next prompt. */
    private static String answer(Session s, String command, int nth) {
        String marker = "(splitsim) " + command + "\n";
        int at = -1;
        for (int i = 0; i < nth; i++) {
            at = s.out().indexOf(marker, at + 1);
            assertThat(at).as("command '%s' #%d in:%n%s", command, i + 1, s.out()).isGreaterThanOrEqualTo(0);
        }
        int from = at + marker.length();
        int next = s.out().indexOf("(splitsim) ", from);
        return s.out().substring(from, next < 0 ? s.out().length() : next);
    }

    private static String answer(Session s, String command) {
        return answer(s, command, 1);
    }

    @Test
    void breakpointsWatchpointsAndInspectionFollowTheProcessTheyNamed() {
        int tripleLine = Tools.lineOf(PEER, "return 3 * v;") - 1;
        Session s = debug(String.join("\n", "info processes", "process 9", "break triple process nowhere",
                "break triple process pcomp1", "info breakpoints",
                "continue", "regs", "bt", "x/1dg peer_value", "process 0", "x/1dg peer_value", "x/1dg counter",
                "watch peer_value 8 process 1", "continue", "delete", "msg slowest 400", "continue", "continue",
                "info processes", ""));
        assertThat(s.err()).isEmpty();
        assertThat(s.status()).as("the first process's exit status").isEqualTo(7);

        assertThat(answer(s, "info processes")).matches("\\* 0  pcomp0  pid 1  at 0x[0-9a-f]+ <_start>\n"
                + "  1  pcomp1  pid 65537  at 0x[0-9a-f]+ <_start>\n");
        assertThat(answer(s, "process 9")).isEqualTo("error: process must be 0..1, got 9\n");
        assertThat(answer(s, "break triple process nowhere"))
                .isEqualTo("error: no process 'nowhere': 'info processes' lists them\n");
        assertThat(answer(s, "break triple process pcomp1"))
                .matches("Breakpoint 1 at 0x[0-9a-f]+ <triple> \\(peer.c:" + tripleLine + "\\) in pcomp1\n");
        assertThat(answer(s, "info breakpoints"))
                .matches("1  breakpoint  0x[0-9a-f]+ <triple> \\(peer.c:" + tripleLine + "\\) in pcomp1\n");
        assertThat(answer(s, "continue")).containsPattern("stopped: breakpoint 1\n0x[0-9a-f]+ <triple> \\(peer.c:"
                + tripleLine + "\\): .* pcomp1 core 0 thread 65537\n");

        // triple(peer_value + argc): 3 + 2, the peer's own registers and stack, not the probe's.
        assertThat(answer(s, "regs")).contains("a0   0x0000000000000005")
                .containsPattern("pc   0x[0-9a-f]+ <triple> \\(peer.c:" + tripleLine + "\\)");
        assertThat(answer(s, "bt")).containsPattern("#1  0x[0-9a-f]+ <main\\+0x[0-9a-f]+> \\(peer.c:");
        assertThat(answer(s, "x/1dg peer_value")).matches("0x[0-9a-f]+ <peer_value>:\t3\n");

        assertThat(answer(s, "process 0")).startsWith("process 0 on pcomp0, pid 1\n");
        // The probe's program has no peer_value: the focus took its symbols along.
        assertThat(answer(s, "x/1dg peer_value", 2)).startsWith("error: no symbol 'peer_value'");
        assertThat(answer(s, "x/1dg counter")).containsPattern("0x[0-9a-f]+ <counter>:\t[07]\n");

        assertThat(answer(s, "watch peer_value 8 process 1")).startsWith("Watchpoint 2: 8 bytes at 0x")
                .contains("<peer_value> in pcomp1");
        assertThat(answer(s, "continue", 2)).containsPattern("stopped: watchpoint 2, 0x[0-9a-f]+ <peer_value> in pcomp1"
                + " changed from 0x0000000000000003 to 0x000000000000000f\n0x[0-9a-f]+ <main\\+0x[0-9a-f]+> \\(peer.c:");

        String slowest = answer(s, "msg slowest 400");
        assertThat(slowest).contains(" at pcomp0/core0 0x").contains(" at pcomp1/core0 0x");

        String third = answer(s, "continue", 3);
        String fourth = answer(s, "continue", 4);
        assertThat(third).containsPattern("stopped: pcomp[01]'s program exited with status [57]\n");
        assertThat(fourth).contains("pcomp0: the program exited with status 7\n")
                .contains("pcomp1: the program exited with status 5\n");
        assertThat(s.out()).contains(ProbeProgram.OUTPUT).contains("peer 15\n");
        assertThat(answer(s, "info processes", 2)).contains("0  pcomp0  pid 1  exited with status 7\n")
                .contains("1  pcomp1  pid 65537  exited with status 5\n");
    }
}
