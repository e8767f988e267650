package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.config.ConfigKey;
import dev.splitsim.machine.cli.Main;
import dev.splitsim.machine.config.MachineKeys;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A value the key table accepts never ends in an internal error: every numeric key at either end of
 * its range, alone, builds the machine and runs a program (or is refused in one line by a rule that
 * ties it to other keys, such as a whole number of cache sets), or, for a resource limit, ends the
 * guest with the signal that limit gives, naming it.
 */
final class ConfigRangeEndsTest {
    private static final String HELLO = DifferentialTest.BIN.resolve("hello").toString();

    @Test
    void bothEndsOfEveryRangeRunOrAreRefusedInOneLine() {
        List<String> failures = new ArrayList<>();
        for (ConfigKey k : MachineKeys.ALL) {
            if (!k.hasRange()) {
                continue;
            }
            for (String end : new String[] {k.min(), k.max()}) {
                String set = k.name() + "=" + end;
                ByteArrayOutputStream err = new ByteArrayOutputStream();
                int status = Main.run(new String[] {"run", "-q", "--max-instructions", "2000000", "--set", set, HELLO},
                        new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                        new PrintStream(err, true));
                String text = err.toString(StandardCharsets.UTF_8);
                boolean ran = status == 0 || status == 124;
                boolean refused = status == Main.USAGE_STATUS && text.lines().count() == 1 && text.contains(k.name());
                // A limit at its end may be what ends the guest (no console output at all), saying so in one line.
                boolean limited = status > 128 && text.lines().count() == 1
                        && text.startsWith("splitsim: guest fault: ") && text.contains(k.name());
                if (!ran && !refused && !limited) {
                    failures.add(set + " -> status " + status + ": " + text.strip());
                }
            }
        }
        assertThat(failures).isEmpty();
    }
}
