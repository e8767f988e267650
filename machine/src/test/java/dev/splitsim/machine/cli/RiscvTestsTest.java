package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

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
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The official riscv-tests ISA suites in bare-metal mode. They are built from their own source
 * (see the README) and never committed, so this test runs only when SPLITSIM_RISCV_TESTS names the
 * folder holding the built {@code rv64*-p-*} executables.
 */
final class RiscvTestsTest {
    @Test
    void everyPhysicalMemoryTestPasses() throws IOException {
        String dir = System.getenv("SPLITSIM_RISCV_TESTS");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "SPLITSIM_RISCV_TESTS is not set to a folder of built riscv-tests: skipping the ISA suites");
        List<Path> tests = new ArrayList<>();
        try (Stream<Path> s = Files.list(Path.of(dir))) {
            s.filter(p -> p.getFileName().toString().matches("rv64[a-z]+-p-[a-z0-9_.-]+"))
                    .filter(p -> !p.getFileName().toString().endsWith(".dump")).sorted().forEach(tests::add);
        }
        Assumptions.assumeFalse(tests.isEmpty(), "no rv64*-p-* tests in " + dir);
        Map<String, int[]> bySuite = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (Path t : tests) {
            String name = t.getFileName().toString();
            String suite = name.substring(0, name.indexOf('-'));
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.run(new String[] {"run", "--bare", "-q", "--max-instructions", "10000000", t.toString()},
                    new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                    new PrintStream(err, true, StandardCharsets.UTF_8));
            int[] counts = bySuite.computeIfAbsent(suite, k -> new int[2]);
            counts[1]++;
            if (status == 0) {
                counts[0]++;
            } else {
                failures.add(name + " -> " + status + " " + err.toString(StandardCharsets.UTF_8).trim());
            }
        }
        StringBuilder summary = new StringBuilder();
        bySuite.forEach((k, v) -> summary.append(k).append(' ').append(v[0]).append('/').append(v[1]).append("  "));
        System.out.println("riscv-tests: " + summary.toString().trim());
        assertThat(failures).as(summary.toString()).isEmpty();
    }
}
