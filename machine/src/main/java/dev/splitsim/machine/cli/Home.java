package dev.splitsim.machine.cli;

import java.nio.file.Path;

/** The project folder, for defaults such as programs/bench/bin: set by the launcher, else the current directory. */
final class Home {
    private Home() {}

    static Path path(String relative) {
        String home = System.getProperty("splitsim.home");
        return home == null ? Path.of(relative) : Path.of(home).resolve(relative);
    }
}
