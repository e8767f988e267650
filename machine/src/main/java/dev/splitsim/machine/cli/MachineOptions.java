package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.machine.config.Profiles;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that choose and adjust the machine, shared by every command that builds one. */
final class MachineOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "Machine profile: a built-in name (legoos, local) or a profile file. Default: ${DEFAULT-VALUE}.")
    String profile = Profiles.DEFAULT;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set cpu.frequency=3GHz. Sizes take KiB/MiB/GiB, "
                    + "times ns/us/ms. Repeatable. --show-config lists every key.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for every random choice (same as --set sim.seed=N).")
    Long seed;

    @Option(names = "--timing", paramLabel = "on|off",
            description = "Model time cycle by cycle (on, the default) or run functional-only for speed (off);"
                    + " same as --set cpu.timing=true|false.")
    String timing;

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
