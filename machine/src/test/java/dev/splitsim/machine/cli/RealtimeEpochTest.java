package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.splitsim.core.config.ConfigException;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.config.Profiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sim.epoch is what the guest's wall clock reads at the start of the run, on every profile, run after run. */
final class RealtimeEpochTest {
    private static final String CLOCK = TestPrograms.locate("programs/bin/clock").toString();

    @TempDir
    Path tmp;

    /** What "clock show" prints: the guest's time() as a UTC date and as seconds. */
    private String show(String... options) {
        List<String> cmd = new ArrayList<>(List.of("run", "-q", "--root", tmp.toString()));
        cmd.addAll(List.of(options));
        cmd.add(CLOCK);
        cmd.add("show");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(cmd.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true), new PrintStream(err, true));
        assertThat(status).as(err.toString(StandardCharsets.UTF_8)).isZero();
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void theDefaultIsTheStartOf2026OnBothProfiles() {
        assertThat(show("--profile", "legoos")).isEqualTo("2026-01-01T00:00:00Z 1767225600\n");
        assertThat(show("--profile", "local")).isEqualTo("2026-01-01T00:00:00Z 1767225600\n");
    }

    @Test
    void theEpochIsSetAsADateOrAsSeconds() {
        assertThat(show("--set", "sim.epoch=2030-06-01T12:00:00Z")).isEqualTo("2030-06-01T12:00:00Z 1906545600\n");
        assertThat(show("--profile", "local", "--set", "sim.epoch=1000000000"))
                .isEqualTo("2001-09-09T01:46:40Z 1000000000\n");
        assertThat(show("--set", "sim.epoch=1970-01-01T00:00:00Z")).isEqualTo("1970-01-01T00:00:00Z 0\n");
    }

    @Test
    void runsRepeat() {
        assertThat(show("--set", "sim.epoch=2040-02-29T23:59:59Z")).isEqualTo(show("--set", "sim.epoch=2040-02-29T23:59:59Z"));
    }

    @Test
    void theValueIsCheckedAndSpeltCanonically() {
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("sim.epoch=yesterday")))
                .isInstanceOf(ConfigException.class)
                .hasMessage("bad value 'yesterday' for sim.epoch: expected a UTC time such as 2026-01-01T00:00:00Z,"
                        + " or seconds since 1970");
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("sim.epoch=2300-01-01T00:00:00Z")))
                .hasMessage("sim.epoch must be between 1970-01-01T00:00:00Z and 2200-01-01T00:00:00Z,"
                        + " got 2300-01-01T00:00:00Z");
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("sim.epoch=-1")))
                .hasMessageStartingWith("sim.epoch must be between");
        assertThat(EffectiveConfig.canonical(Profiles.load("local", List.of("sim.epoch=1767225600"))))
                .containsEntry(MachineKeys.SIM_EPOCH, "2026-01-01T00:00:00Z");
    }
}
