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
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compiling blocks to bytecode changes only the host's speed: a program run with every block
 * compiled at its first run (cpu.jit_threshold=0) prints, exits, counts and times exactly as with
 * the JIT off, statistic for statistic and fabric message for message.
 */
final class JitEquivalenceTest {
    /** Integer, FP, atomics, threads, signals, system calls, C++ and libc: most of what the compiler meets. */
    private static final List<String> PROGRAMS = List.of("hello", "atomics", "fpmath", "fmafloat", "matmul",
            "mutexsum", "signals", "jump", "timed", "libc", "cxx", "prodcons", "barrier", "pattern");

    @TempDir
    Path tmp;

    private record Run(int status, String stdout, String stderr, Map<String, Double> stats, String trace) {}

    private Run run(String program, List<String> options, boolean traced) throws IOException {
        Path dir = Files.createTempDirectory(tmp, "root");
        Path json = dir.resolve("stats.json");
        Path trace = dir.resolve("trace.txt");
        List<String> cmd = new ArrayList<>(List.of("run", "-q", "--max-time", "300", "--root", dir.toString(),
                "--stats-json", json.toString()));
        if (traced) {
            cmd.addAll(List.of("--trace", "fabric,excache,syscall", "--trace-file", trace.toString()));
        }
        cmd.addAll(options);
        cmd.add(DifferentialTest.BIN.resolve(program).toString());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(cmd.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true), new PrintStream(err, true));
        Map<String, Double> stats = Tools.flatJson(Files.readString(json));
        // Host time is the one thing the JIT is meant to change.
        stats.keySet().removeIf(k -> k.startsWith("host."));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8), stats,
                traced ? Files.readString(trace) : "");
    }

    private void assertSameWithAndWithoutJit(String program, List<String> options, boolean traced) throws IOException {
        List<String> off = new ArrayList<>(options);
        off.addAll(List.of("--set", "cpu.jit=off"));
        List<String> on = new ArrayList<>(options);
        on.addAll(List.of("--set", "cpu.jit=on", "--set", "cpu.jit_threshold=0"));
        Run interpreted = run(program, off, traced);
        Run compiled = run(program, on, traced);
        assertThat(compiled.stdout()).as("stdout").isEqualTo(interpreted.stdout());
        assertThat(compiled.stderr()).as("stderr").isEqualTo(interpreted.stderr());
        assertThat(compiled.status()).as("status").isEqualTo(interpreted.status());
        assertThat(compiled.stats()).as("stats").isEqualTo(interpreted.stats());
        assertThat(compiled.trace()).as("trace").isEqualTo(interpreted.trace());
        assertThat(interpreted.stats().get("cpu.instructions")).isPositive();
    }

    @TestFactory
    Stream<DynamicTest> everyProgramCountsAndTimesTheSameCompiled() {
        return PROGRAMS.stream().map(p -> DynamicTest.dynamicTest(p,
                () -> assertSameWithAndWithoutJit(p, List.of(), false)));
    }

    @Test
    void functionalModeAndTheLocalMachineAreTheSameCompiled() throws IOException {
        assertSameWithAndWithoutJit("matmul", List.of("--timing", "off"), false);
        assertSameWithAndWithoutJit("atomics", List.of("--profile", "local"), false);
        assertSameWithAndWithoutJit("fpmath", List.of("--profile", "linux-ssd-swap"), false);
    }

    @Test
    void theFabricTraceIsTheSameCompiled() throws IOException {
        assertSameWithAndWithoutJit("pattern", List.of(), true);
        assertSameWithAndWithoutJit("mutexsum", List.of("--set", "cpu.cores=2"), true);
    }
}
