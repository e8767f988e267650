package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.machine.config.Profiles;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** The options that choose and adjust the machine, shared by every command that builds one. */
final class MachineOptions {
    @Option(names = "--profile", paramLabel = "NAME",
            description = "Machine profile: a built-in name (local) or a profile file. Default: ${DEFAULT-VALUE}.")
    String profile = Profiles.DEFAULT;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Override one configuration key, e.g. --set cpu.frequency=3GHz. Sizes take KiB/MiB/GiB, "
                    + "times ns/us/ms. Repeatable. --show-config lists every key.")
    List<String> overrides = new ArrayList<>();

    @Option(names = "--seed", paramLabel = "N",
            description = "Seed for every random choice (same as --set sim.seed=N).")
    Long seed;

    Config config() {
        List<String> all = new ArrayList<>(overrides);
        if (seed != null) {
            all.add("sim.seed=" + seed);
        }
        return Profiles.load(profile, all);
    }
}
