package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Everything after PROGRAM is the guest's argv, even what looks like an option of ours or a "--". */
final class GuestArgumentsTest {
    private static final String ARGS = TestPrograms.locate("programs/bin/args").toString();

    @TempDir
    Path tmp;

    private record Result(int status, String out, String err) {}

    private Result run(String stdin, String... cmd) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(cmd, new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)),
                new PrintStream(out, true), new PrintStream(err, true));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void optionsAndADoubleDashAfterTheProgramReachTheGuest() {
        Result r = run("", "run", "-q", "--root", tmp.toString(), ARGS, "-v", "--", "--help", "-q", "--set", "x=1");
        assertThat(r.out()).startsWith("argc=7\nargv[1]=-v\nargv[2]=--\nargv[3]=--help\nargv[4]=-q\nargv[5]=--set\n"
                + "argv[6]=x=1\n");
        // The guest's own stderr only: "-q" before the program still silences the summary.
        assertThat(r.err()).isEqualTo("done\n");
        assertThat(r.status()).isEqualTo(3);
    }

    @Test
    void aDoubleDashBeforeTheProgramEndsOurOptions() {
        Result r = run("", "run", "-q", "--root", tmp.toString(), "--", ARGS, "--", "-q");
        assertThat(r.out()).startsWith("argc=3\nargv[1]=--\nargv[2]=-q\n");
    }

    @Test
    void theSummaryIsStillOursWhenTheGuestIsGivenQuiet() {
        Result r = run("", "run", "--root", tmp.toString(), ARGS, "-q");
        assertThat(r.out()).startsWith("argc=2\nargv[1]=-q\n");
        assertThat(r.err()).contains("splitsim summary");
    }

    @Test
    void anUnknownOptionBeforeTheProgramIsStillRefused() {
        Result r = run("", "run", "-v", ARGS);
        assertThat(r.status()).isEqualTo(Main.USAGE_STATUS);
        assertThat(r.err()).startsWith("splitsim: Unknown option: '-v'").hasLineCount(1);
    }

    @Test
    void theDebuggerGivesTheGuestItsArgumentsToo() {
        Result r = run("continue\n", "debug", "--root", tmp.toString(), ARGS, "--", "-x");
        assertThat(r.out()).contains("argc=3\nargv[1]=--\nargv[2]=-x\n");
    }
}
