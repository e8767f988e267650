package dev.splitsim.machine.cli;

import java.nio.file.Files;
import java.nio.file.Path;

/** The repository's guest programs, from a test running in this module's folder or at the top. */
final class TestPrograms {
    private TestPrograms() {}

    static Path locate(String path) {
        Path p = Path.of(path);
        return (Files.exists(p) ? p : Path.of("..").resolve(path)).toAbsolutePath().normalize();
    }
}
