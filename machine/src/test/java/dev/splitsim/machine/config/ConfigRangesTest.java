package dev.splitsim.machine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.config.ConfigException;
import dev.splitsim.core.config.ConfigKey;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every number of the machine's key table has a range, and the built-in profiles lie inside it. */
final class ConfigRangesTest {
    @Test
    void everyNumericKeyDeclaresARange() {
        for (ConfigKey k : MachineKeys.ALL) {
            assertThat(k.hasRange()).as(k.name())
                    .isEqualTo(k.kind().isNumber() || k.kind() == dev.splitsim.core.config.ValueKind.NAMES);
        }
    }

    @Test
    void builtInProfilesAndDefaultsAreInsideTheirRanges() {
        new Config(MachineKeys.ALL);
        for (String p : Profiles.BUILT_IN) {
            Profiles.load(p, List.of());
        }
    }

    @Test
    void theValuesTheIssueNamedAreRefusedInOneLine() {
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("cpu.latency.alu=-1")))
                .isInstanceOf(ConfigException.class).hasMessage("cpu.latency.alu must be between 1 and 1000, got -1");
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("memory.size=1")))
                .hasMessage("memory.size must be between 1MiB and 1024GiB, got 1");
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("cpu.frequency=0Hz")))
                .hasMessage("cpu.frequency must be between 1MHz and 100GHz, got 0Hz");
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("fabric.link_bandwidth=0Gbps")))
                .hasMessage("fabric.link_bandwidth must be between 1Mbps and 1000Gbps, got 0Gbps");
        String seventeen = String.join(" ", java.util.stream.IntStream.range(0, 17).mapToObj(i -> "p" + i).toList());
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("topology.cpu=" + seventeen)))
                .hasMessage("topology.cpu must list between 1 and 16 names, got '" + seventeen + "'");
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("topology.storage=s0,s1,s0")))
                .hasMessage("topology.storage names s0 twice");
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("topology.memory=m0 m1 m0")))
                .hasMessage("topology.memory names m0 twice");
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("topology.memory=M0")))
                .hasMessageStartingWith("bad value 'M0' for topology.memory: expected names such as");
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("bpred.ras_entries=0")))
                .hasMessage("bpred.ras_entries must be between 1 and 1024, got 0");
        assertThatThrownBy(() -> Profiles.load("legoos", List.of("excache.line_size=128KiB")))
                .hasMessage("excache.line_size must be between 4KiB and 64KiB, got 128KiB");
    }
}
