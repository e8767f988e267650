package dev.splitsim.machine.config;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.config.ConfigException;
import dev.splitsim.core.config.ProfileReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Builds the effective configuration: built-in defaults, then a profile, then {@code --set} overrides. */
public final class Profiles {
    private Profiles() {}

    public static final String DEFAULT = "legoos";
    public static final List<String> BUILT_IN = List.of("legoos", "local", "linux-ssd-swap", "linux-ramdisk-swap",
            "infiniswap");
    /** The built-in machines and the parts they include. */
    static final List<String> BUILT_IN_AND_INCLUDED = List.of("legoos", "local", "linux-ssd-swap",
            "linux-ramdisk-swap", "infiniswap", "core-timing", "linux-swap");

    public static Config load(String profile, List<String> overrides) {
        Config config = new Config(MachineKeys.ALL);
        new ProfileReader(Profiles::open).apply(profile, config);
        for (String o : overrides) {
            config.setAssignment(o, "--set");
        }
        return config;
    }

    /** A built-in profile by name, or a profile file by path. */
    private static InputStream open(String name) throws IOException {
        InputStream in = Profiles.class.getResourceAsStream("/profiles/" + name + ".profile");
        if (in != null) {
            return in;
        }
        Path p = Path.of(name);
        if (Files.isRegularFile(p)) {
            return Files.newInputStream(p);
        }
        throw new ConfigException("unknown profile '" + name + "' (built in: " + String.join(", ", BUILT_IN)
                + "; or give a profile file's path)");
    }
}
