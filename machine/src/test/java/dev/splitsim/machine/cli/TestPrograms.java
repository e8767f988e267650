package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's guest programs, from a test running in this module's folder or at the top. */
final class TestPrograms {
    private TestPrograms() {}

    static Path locate(String path) {
        Path p = Path.of(path);
        return (Files.exists(p) ? p : Path.of("..").resolve(path)).toAbsolutePath().normalize();
    }

    /** Runs the command line {@code cmd}, which must succeed, and returns what it wrote on stderr (the summary). */
    static String stderrOf(String... cmd) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(cmd, new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return err.toString(StandardCharsets.UTF_8);
    }
}
