package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * riscv-tests' benchmarks, built here from their source with the Linux cross compiler the way
 * their Makefile builds them, run bare-metal: they verify their own results (exit status 0) and
 * print their counters through HTIF proxy writes, as under Spike. Their source is not part of
 * this repository: SPLITSIM_RISCV_TESTS_SRC names a riscv-tests checkout with its env submodule.
 */
final class RiscvBenchmarksTest {
    private static final String CC = "riscv64-linux-gnu-gcc";
    private static final List<String> BENCHMARKS = List.of("median", "qsort", "rsort", "towers", "vvadd", "multiply",
            "memcpy", "spmv", "dhrystone", "mm");
    /** The flags of the benchmarks' Makefile for rv64gc, lp64d. */
    private static final List<String> FLAGS = List.of("-U_FORTIFY_SOURCE", "-DPREALLOCATE=1", "-mcmodel=medany",
            "-static", "-std=gnu99", "-O2", "-ffast-math", "-fno-common", "-fno-builtin-printf",
            "-fno-tree-loop-distribute-patterns", "-Wno-implicit-int", "-Wno-implicit-function-declaration",
            "-mabi=lp64d", "-march=rv64gc");

    @Test
    void benchmarksVerifyThemselvesAndPrintTheirCounters() throws IOException, InterruptedException {
        String src = System.getenv("SPLITSIM_RISCV_TESTS_SRC");
        Path root = src == null ? null : Path.of(src, "benchmarks");
        Assumptions.assumeTrue(root != null && Files.isDirectory(root.resolve("common"))
                && Files.isRegularFile(Path.of(src, "env", "encoding.h")),
                "SPLITSIM_RISCV_TESTS_SRC does not name a riscv-tests checkout with its env submodule: "
                        + "skipping the riscv-tests benchmarks");
        Assumptions.assumeTrue(onPath(CC), CC + " is not installed: skipping the riscv-tests benchmarks");
        Path out = Path.of("target", "riscv-benchmarks").toAbsolutePath();
        Files.createDirectories(out);
        List<String> failures = new ArrayList<>();
        for (String name : BENCHMARKS) {
            Path binary = out.resolve(name + ".riscv");
            String built = build(root, name, binary);
            if (built != null) {
                failures.add(name + ": does not build: " + built);
                continue;
            }
            ByteArrayOutputStream stdout = new ByteArrayOutputStream();
            ByteArrayOutputStream stderr = new ByteArrayOutputStream();
            int status = Main.run(new String[] {"run", "--bare", "-q", "--timing", "off", binary.toString()},
                    new ByteArrayInputStream(new byte[0]), new PrintStream(stdout, true, StandardCharsets.UTF_8),
                    new PrintStream(stderr, true, StandardCharsets.UTF_8));
            String text = stdout.toString(StandardCharsets.UTF_8);
            System.out.println("riscv-tests benchmark " + name + " (status " + status + "):\n" + text.strip());
            // mm prints its own figures; the others print the two counters syscalls.c reads.
            String counters = name.equals("mm") ? "(?s).*C0: [0-9]+ instructions\nC0: [0-9]+ cycles\n.*"
                    : "(?s)(.*\n)?mcycle = [0-9]+\nminstret = [0-9]+\n";
            if (status != 0 || !text.matches(counters) || !stderr.toString(StandardCharsets.UTF_8).isEmpty()) {
                failures.add(name + ": status " + status + ", output '" + text + "', errors '"
                        + stderr.toString(StandardCharsets.UTF_8) + "'");
            }
        }
        assertThat(failures).isEmpty();
    }

    /** Compiles one benchmark with the shared start-up code; null on success, else the compiler's words. */
    private static String build(Path root, String name, Path binary) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(CC, "-I" + root.resolve("../env"), "-I" + root.resolve("common"),
                "-I" + root.resolve(name)));
        cmd.addAll(FLAGS);
        cmd.addAll(List.of("-o", binary.toString()));
        for (Path dir : new Path[] {root.resolve(name), root.resolve("common")}) {
            try (Stream<Path> s = Files.list(dir)) {
                s.map(Path::toString).filter(p -> p.endsWith(".c") || p.endsWith(".S")).sorted().forEach(cmd::add);
            }
        }
        cmd.addAll(List.of("-nostdlib", "-nostartfiles", "-lm", "-lgcc", "-T", root.resolve("common/test.ld").toString()));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String words = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return p.waitFor() == 0 ? null : words.strip();
    }

    private static boolean onPath(String tool) {
        for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
