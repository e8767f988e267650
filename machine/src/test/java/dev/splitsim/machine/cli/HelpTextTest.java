package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What the help a newcomer reads says, and that it can be read: no key or value broken across lines. */
final class HelpTextTest {
    private static final List<String> COMMANDS = List.of("run", "sweep", "bench", "debug", "experiment", "netbench");

    @Test
    void splitsimAloneListsEveryCommand() {
        String usage = both();
        for (String c : COMMANDS) {
            assertThat(usage).containsPattern("(?m)^  " + c + " ");
        }
    }

    @Test
    void everyHelpFormatsWithoutAWarning() {
        // picocli warns on the JVM's own stderr, and prints the raw text, when a description holds a lone '%'.
        PrintStream jvmErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true));
        try {
            for (String c : COMMANDS) {
                help(c, "--help");
            }
        } finally {
            System.setErr(jvmErr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).doesNotContain("picocli WARN");
    }

    @Test
    void noHelpBreaksAWordAcrossLines() {
        List<String> broken = new ArrayList<>();
        for (String c : COMMANDS) {
            String[] lines = help(c, "--help").split("\n");
            for (int i = 0; i + 1 < lines.length; i++) {
                String[] before = lines[i].strip().split("\\s+");
                String last = before[before.length - 1];
                String next = lines[i + 1].strip();
                String first = next.split("\\s+")[0];
                // "cpu." then "frequency=3GHz", "fabric," then "excache,syscall": a name or a list cut
                // where picocli wrapped it (a sentence goes on with a capital, a list after a space).
                // (A line that starts with "name:" begins an entry of a list, not the rest of a key.)
                boolean dotted = last.matches(".*[a-z0-9]\\.") && first.matches("[a-z][^:]*");
                boolean list = last.matches(".*[a-z0-9],") && first.matches("[a-z0-9_.]+,[a-z].*");
                if (dotted || list) {
                    broken.add(c + ": '" + last + "' / '" + next + "'");
                }
            }
        }
        assertThat(broken).isEmpty();
    }

    @Test
    void debugAndBenchHelpNameNoOptionOfTheirOwnTheyLack() {
        // --show-config is run's: the others point there rather than offer it.
        for (String c : List.of("debug", "bench", "sweep")) {
            String h = help(c, "--help");
            assertThat(h).doesNotContainPattern("(?<!run\\s{0,40})--show-config");
            assertThat(help(c, "--show-config", "--out", "unused", TestPrograms.locate("programs/bin/hello").toString()))
                    .containsPattern("Unknown options?: '--show-config'");
        }
    }

    private static String both() {
        return help();
    }

    private static String help(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true), new PrintStream(err, true));
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }
}
