package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code bench}: its help, its refusals, and {@code --compare qemu} on a small program. */
final class BenchCommandTest {

    @Test
    void helpListsWhatBenchAccepts() {
        CliRun r = CliRun.of("bench", "--help");
        assertThat(r.status()).isZero();
        assertThat(r.out()).contains("--compare=qemu", "--timing=on|off", "--repeat=N", "-h, --help")
                .doesNotContain("--show-config", "--version", "-V");
        assertThat(CliRun.of("bench", "-V").status()).as("-V is not accepted").isEqualTo(2);
    }

    @Test
    void badComparisonsAreOneLine() {
        CliRun other = CliRun.of("bench", "--compare", "spike");
        assertThat(other.status()).isEqualTo(2);
        assertThat(other.err()).isEqualTo("splitsim: --compare: only 'qemu' is supported, got 'spike'\n");
        CliRun limited = CliRun.of("bench", "--compare", "qemu", "--max-instructions", "1000");
        assertThat(limited.status()).isEqualTo(2);
        assertThat(limited.err()).contains("does not go with --max-instructions");
    }

    @Test
    void comparesWithQemuRowByRow(@TempDir Path dir) throws Exception {
        Files.copy(TestPrograms.locate("programs/bin/hello"), dir.resolve("hello"));
        Files.copy(TestPrograms.locate("programs/bin/sort"), dir.resolve("sort"));
        CliRun r = CliRun.of("bench", "--timing", "off", "--compare", "qemu", "--dir", dir.toString());
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
