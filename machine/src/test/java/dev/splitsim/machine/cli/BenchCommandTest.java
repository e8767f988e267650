package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench}: its help, its refusals, and {@code --compare qemu} on a small program. */
final class BenchCommandTest {
    private record Run(int status, String out, String err) {}

    private static Run run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(args, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void helpListsWhatBenchAccepts() {
        Run r = run("bench", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--compare=qemu", "--timing=on|off", "--repeat=N", "-h, --help")
                .doesNotContain("--show-config", "--version", "-V");
        assertThat(run("bench", "-V").status()).as("-V is not accepted").isEqualTo(2);
    }

    @Test
    void badComparisonsAreOneLine() {
        Run other = run("bench", "--compare", "spike");
        assertThat(other.status()).isEqualTo(2);
        assertThat(other.err()).isEqualTo("splitsim: --compare: only 'qemu' is supported, got 'spike'\n");
        Run limited = run("bench", "--compare", "qemu", "--max-instructions", "1000");
        assertThat(limited.status()).isEqualTo(2);
        assertThat(limited.err()).contains("does not go with --max-instructions");
    }

    @Test
    void comparesWithQemuRowByRow(@TempDir Path dir) throws Exception {
        Files.copy(TestPrograms.locate("programs/bin/hello"), dir.resolve("hello"));
        Files.copy(TestPrograms.locate("programs/bin/sort"), dir.resolve("sort"));
        Run r = run("bench", "--timing", "off", "--compare", "qemu", "--dir", dir.toString());
        assertThat(r.status()).as(r.err()).isZero();
        if (r.out().contains("qemu-riscv64 is not installed")) {
            assertThat(r.out()).doesNotContain("x qemu");
            return;
        }
        assertThat(r.out()).contains("timing off", "x qemu");
        assertThat(r.out()).containsPattern("\\nhello +[0-9,]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+x\\n");
        assertThat(r.out()).containsPattern("\\nsort +[0-9,]+ +[0-9.]+ +[0-9.]+ +[0-9.]+ +[0-9.]+x\\n");
        assertThat(r.out()).containsPattern("\\ngeometric mean +[0-9.]+ +[0-9.]+x\\n");
    }
}
