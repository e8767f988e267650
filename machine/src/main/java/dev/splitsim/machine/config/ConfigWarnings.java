package dev.splitsim.machine.config;

import dev.splitsim.core.config.Config;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What is legal in a configuration but probably not what its user meant, each said in one line
 * before the run: a key given for a part the chosen machine does not have (an ExCache size for the
 * all-local machine), and a profile file that builds on no profile, whose unset keys silently keep
 * their built-in defaults.
 */
public final class ConfigWarnings {
    private static final Pattern INCLUDE = Pattern.compile("(?m)^\\s*include\\s+\\S");

    private ConfigWarnings() {}

    public static List<String> of(String profile, Config config) {
        List<String> out = new ArrayList<>();
        String bare = bareProfile(profile, config);
        if (bare != null) {
            out.add(bare);
        }
        String layout = config.getChoice(MachineKeys.MACHINE_LAYOUT);
        List<String> unused = new ArrayList<>();
        for (var k : config.keys()) {
            String from = config.origin(k.name());
            // A built-in profile's values are the machine's own; only what the user gave is questioned.
            if (!from.equals("default") && !fromBuiltIn(from) && !MachineKeys.usedBy(k.name(), layout)) {
                unused.add(k.name() + " (" + from + ")");
            }
        }
        if (!unused.isEmpty()) {
            out.add("the " + layout + " machine has no use for " + String.join(", ", unused)
                    + ": those keys are for the split machine's ExCache, fabric and components (--profile legoos)");
        }
        return out;
    }

    private static boolean fromBuiltIn(String origin) {
        for (String p : Profiles.BUILT_IN_AND_INCLUDED) {
            if (origin.equals("profile " + p)) {
                return true;
            }
        }
        return false;
    }

    /** A profile file with no include line: say which machine its unset keys make. */
    private static String bareProfile(String profile, Config config) {
        if (Profiles.BUILT_IN_AND_INCLUDED.contains(profile)) {
            return null;
        }
        String text;
        try {
            text = Files.readString(Path.of(profile));
        } catch (IOException | RuntimeException e) {
            return null;
        }
        if (INCLUDE.matcher(text).find()) {
            return null;
        }
        return "profile " + profile + " includes no other profile, so every key it does not set keeps its built-in"
                + " default: that is the " + config.getChoice(MachineKeys.MACHINE_LAYOUT) + " machine ("
                + (config.getChoice(MachineKeys.MACHINE_LAYOUT).equals("split") ? "split" : "all memory local")
                + ") with the defaults of --show-config; start it with 'include legoos' or 'include local' to"
                + " change one of those machines";
    }
}
