package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/** The committed guest binaries are exactly what `make -C programs` builds from their sources. */
final class ProgramsReproducibleTest {
    @Test
    void makeCheckRebuildsIdenticalBinaries() throws Exception {
        Assumptions.assumeTrue(Tools.onPath("riscv64-linux-gnu-gcc") && Tools.onPath("riscv64-linux-gnu-g++")
                && Tools.onPath("make"),
                "riscv64-linux-gnu-gcc, riscv64-linux-gnu-g++ or make is not installed: skipping the rebuild check");
        Process p = new ProcessBuilder("make", "-s", "-C", DifferentialTest.REPO.resolve("programs").toString(), "check")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
        assertThat(out).contains("reproducible");
    }
}
