package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.machine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code splitsim experiment legoos} in a tiny form: the CSV's shape and order, the chart, the table. */
final class LegoosExperimentTest {
    @TempDir
    Path out;

    @Test
    void writesOneRowPerSystemAndFractionAfterTheLocalReference() throws Exception {
        ByteArrayOutputStream stdout = new ByteArrayOutputStream();
        ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        int status = Main.run(new String[] {"experiment", "legoos", "--out", out.toString(), "-j", "2", "--program",
            DifferentialTest.BIN.resolve("cifar").toString(), "--args", "-b 1 -s 1 -c 2"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(stdout, true), new PrintStream(stderr, true));
        assertThat(status).as(stderr.toString(StandardCharsets.UTF_8)).isZero();

        List<String> lines = Files.readAllLines(out.resolve("slowdown.csv"));
        assertThat(lines.get(0)).isEqualTo("system,local_fraction,local_bytes,sim_seconds,slowdown,faults,bytes_moved,"
                + "output_matches,status");
        assertThat(lines).hasSize(1 + 1 + 4 * 3);
        List<String> systems = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            assertThat(f).hasSize(9);
            systems.add(f[0]);
            assertThat(Double.parseDouble(f[3])).as(line).isPositive();
            assertThat(f[7]).as(line).isEqualTo("true");
        }
        assertThat(systems).containsExactly("local", "legoos", "legoos", "legoos", "linux-ssd-swap", "linux-ssd-swap",
                "linux-ssd-swap", "linux-ramdisk-swap", "linux-ramdisk-swap", "linux-ramdisk-swap", "infiniswap",
                "infiniswap", "infiniswap");
        assertThat(lines.get(1).split(",")[4]).isEqualTo("1.0000");
        for (int s = 0; s < 4; s++) {
            double previous = 0;
            for (int k = 0; k < 3; k++) {
                String[] f = lines.get(2 + 3 * s + k).split(",");
                double fraction = Double.parseDouble(f[1]);
                assertThat(fraction).as("fractions rise").isGreaterThan(previous);
                previous = fraction;
                assertThat(Long.parseLong(f[5])).as("a machine with a fraction of its memory fetches: " + f[0])
                        .isPositive();
            }
        }
        assertThat(out.resolve("slowdown.svg")).exists();
        assertThat(Files.readString(out.resolve("slowdown.svg"))).contains("LegoOS", "InfiniSwap");
        assertThat(stdout.toString(StandardCharsets.UTF_8)).contains("LegoOS", "Linux SSD swap", "(2.13)", "(5.52)");
    }
}
