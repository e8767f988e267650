package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.machine.config.Profiles;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options that choose and adjust the machine, shared by every command that builds one. Their
 * descriptions are broken into lines by hand (%n), each shorter than the help's column: picocli
 * wraps at dots and commas too, which would cut a key such as cpu.frequency in two.
 */
final class MachineOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "Machine profile: a built-in name (legoos, local) or a profile file. Default: ${DEFAULT-VALUE}.")
    String profile = Profiles.DEFAULT;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g.%n  --set cpu.frequency=3GHz. Sizes take KiB/MiB/GiB,%n  "
                    + "times ns/us/ms. Repeatable. 'splitsim run%n  --show-config' lists every key.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for every random choice (same as%n  --set sim.seed=N).")
    Long seed;

    @Option(names = "--timing", paramLabel = "on|off",
            description = "Model time cycle by cycle (on, the default) or%n  run functional-only for speed (off); same as%n  "
                    + "--set cpu.timing=true|false.")
    String timing;

    /** The configuration, with a line on {@code warnings} for each thing in it that is probably a mistake. */
    Config config(java.io.PrintStream warnings) {
        Config c = config();
        for (String w : dev.splitsim.machine.config.ConfigWarnings.of(profile, c)) {
            warnings.println("splitsim: warning: " + w);
        }
        return c;
    }

    Config config() {
        List<String> all = new ArrayList<>(overrides);
        if (timing != null) {
            if (!timing.equals("on") && !timing.equals("off")) {
                throw new UserError("--timing must be on or off, got '" + timing + "'");
            }
            all.add("cpu.timing=" + timing.equals("on"));
        }
        if (seed != null) {
            all.add("sim.seed=" + seed);
        }
        return Profiles.load(profile, all);
    }
}
