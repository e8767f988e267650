package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.machine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Every program in programs/bin, run under splitsim (the split machine, and the all-local one) and
 * under qemu-riscv64 with the same arguments, environment, stdin and working folder: stdout, stderr
 * and exit status must match byte for byte.
 */
final class DifferentialTest {
    static final Path REPO = Path.of("").toAbsolutePath().getParent();
    static final Path BIN = REPO.resolve("programs/bin");

    record Case(String program, List<String> args, List<String> env, String stdin) {
        String label() {
            return program + (args.isEmpty() ? "" : " " + String.join(" ", args))
                    + (env.isEmpty() ? "" : " [" + String.join(" ", env) + "]");
        }
    }

    record Outcome(int status, String stdout, String stderr) {}

    @TestFactory
    Stream<DynamicTest> everyProgramMatchesQemu() throws IOException {
        Assumptions.assumeTrue(Tools.onPath("qemu-riscv64"), "qemu-riscv64 is not installed: skipping differential tests");
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.label(), () -> assertMatchesQemu(c, List.of())));
    }

    /** The same on the all-local machine: the process monitor's calls served in-process, no fabric. */
    @TestFactory
    Stream<DynamicTest> everyProgramMatchesQemuOnTheLocalMachine() throws IOException {
        Assumptions.assumeTrue(Tools.onPath("qemu-riscv64"), "qemu-riscv64 is not installed: skipping differential tests");
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.label() + " (local)",
                () -> assertMatchesQemu(c, List.of("--profile", "local"))));
    }

    /** Runs the case under splitsim with {@code options}: stdout, stderr and exit status must be qemu's. */
    static void assertMatchesQemu(Case c, List<String> options) throws IOException, InterruptedException {
        Outcome theirs = qemuOnce(c);
        Outcome ours = splitsim(c, options);
        assertThat(ours.stdout()).as("stdout").isEqualTo(theirs.stdout());
        assertThat(ours.stderr()).as("stderr").isEqualTo(theirs.stderr());
        assertThat(ours.status()).as("exit status").isEqualTo(theirs.status());
    }

    static List<Case> cases() throws IOException {
        List<Case> out = new ArrayList<>();
        List<String> listed = new ArrayList<>();
        for (String line : Files.readAllLines(REPO.resolve("programs/cases.txt"))) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] col = (line + " ").split(" \\| ", -1);
            String name = col[0].trim();
            listed.add(name);
            out.add(new Case(name, words(col[1]), words(col[2]), col[3].stripTrailing().replace("\\n", "\n")));
        }
        try (Stream<Path> s = Files.list(BIN)) {
            s.map(p -> p.getFileName().toString()).sorted().filter(n -> !listed.contains(n))
                    .forEach(n -> out.add(new Case(n, List.of(), List.of(), "")));
        }
        return out;
    }

    private static List<String> words(String s) {
        String t = s.trim();
        return t.isEmpty() ? List.of() : Arrays.asList(t.split("\\s+"));
    }

    /** Runs the case under splitsim with extra options (a profile, --set overrides) before the program. */
    static Outcome splitsim(Case c, List<String> options) throws IOException {
        Path dir = Files.createTempDirectory("splitsim-diff");
        // A guest that hangs under splitsim fails its comparison instead of hanging the test run.
        List<String> cmd = new ArrayList<>(List.of("run", "-q", "--max-time", "300", "--root", dir.toString()));
        cmd.addAll(options);
        for (String e : c.env()) {
            cmd.add("--env");
            cmd.add(e);
        }
        cmd.add(BIN.resolve(c.program()).toString());
        cmd.addAll(c.args());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(cmd.toArray(new String[0]),
                new ByteArrayInputStream(c.stdin().getBytes(StandardCharsets.UTF_8)), new PrintStream(out, true),
                new PrintStream(err, true));
        return new Outcome(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static final java.util.Map<String, Outcome> QEMU_OUTCOMES = new java.util.HashMap<>();

    /** qemu's outcome of a case, run once per test JVM: the matrices compare many configurations with it. */
    static synchronized Outcome qemuOnce(Case c) throws IOException, InterruptedException {
        Outcome o = QEMU_OUTCOMES.get(c.label());
        if (o == null) {
            o = qemu(c);
            QEMU_OUTCOMES.put(c.label(), o);
        }
        return o;
    }

    static Outcome qemu(Case c) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("qemu-diff");
        List<String> cmd = new ArrayList<>(List.of("qemu-riscv64", BIN.resolve(c.program()).toString()));
        cmd.addAll(c.args());
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        // qemu hands its own environment to the guest: give it exactly the case's variables.
        pb.environment().clear();
        for (String e : c.env()) {
            int eq = e.indexOf('=');
            pb.environment().put(e.substring(0, eq), e.substring(eq + 1));
        }
        Path out = dir.resolve(".stdout");
        Path err = dir.resolve(".stderr");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().write(c.stdin().getBytes(StandardCharsets.UTF_8));
        p.getOutputStream().close();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("qemu-riscv64 timed out on " + c.label());
        }
        return new Outcome(p.exitValue(), Files.readString(out), Files.readString(err));
    }
}
