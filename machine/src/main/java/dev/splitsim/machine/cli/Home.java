package dev.splitsim.machine.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The project folder, for defaults such as programs/bench/bin: set by the launcher, else the
 * folder the runnable jar was built in (machine/target under it), else the current directory.
 */
final class Home {
    private Home() {}

    static Path path(String relative) {
        String home = System.getProperty("splitsim.home");
        if (home != null) {
            return Path.of(home).resolve(relative);
        }
        Path built = builtIn();
        return built != null ? built.resolve(relative) : Path.of(relative);
    }

    /** The project folder when this class was loaded from its machine/target folder, else null. */
    private static Path builtIn() {
        try {
            var source = Home.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return null;
            }
            Path jar = Path.of(source.getLocation().toURI());
            Path target = jar.getParent();
            if (target == null || !target.endsWith(Path.of("machine", "target"))) {
                return null;
            }
            Path project = target.getParent().getParent();
            return project != null && Files.isDirectory(project.resolve("programs")) ? project : null;
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return null;
        }
    }
}
