package dev.splitsim.core.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConfigTest {
    private static final List<ConfigKey> TABLE = List.of(
            new ConfigKey("excache.size", ValueKind.SIZE, "64MiB", "ExCache capacity"),
            new ConfigKey("dram.latency", ValueKind.TIME, "80ns", "DRAM access"),
            new ConfigKey("cpu.frequency", ValueKind.FREQUENCY, "2.4GHz", "core clock"),
            new ConfigKey("link.bandwidth", ValueKind.BANDWIDTH, "40Gbps", "link rate"),
            new ConfigKey("excache.policy", ValueKind.CHOICE, "lru", "replacement", "lru", "fifo", "clock", "random"),
            new ConfigKey("excache.zero_fill", ValueKind.BOOLEAN, "on", "zero-fill"));

    @Test
    void parsesUnitsIntoBytesPicosecondsAndHertz() {
        Config c = new Config(TABLE);
        assertThat(c.getLong("excache.size")).isEqualTo(64L << 20);
        assertThat(c.getLong("dram.latency")).isEqualTo(80_000);
        assertThat(c.getLong("cpu.frequency")).isEqualTo(2_400_000_000L);
        assertThat(c.getLong("link.bandwidth")).isEqualTo(40_000_000_000L);
        assertThat(c.getChoice("excache.policy")).isEqualTo("lru");
        assertThat(c.getBoolean("excache.zero_fill")).isTrue();
        c.setAssignment("excache.size=16KiB", "command line");
        c.setAssignment("dram.latency=1.5us", "command line");
        c.setAssignment("excache.policy=FIFO", "command line");
        assertThat(c.getLong("excache.size")).isEqualTo(16384);
        assertThat(c.getLong("dram.latency")).isEqualTo(1_500_000);
        assertThat(c.getChoice("excache.policy")).isEqualTo("fifo");
    }

    @Test
    void rejectsUnknownKeysAndBadValuesWithOneLine() {
        Config c = new Config(TABLE);
        assertThatThrownBy(() -> c.setAssignment("excache.sise=1MiB", "cli"))
                .hasMessage("unknown configuration key 'excache.sise' (did you mean 'excache.size'?)"
                        + " (see --show-config for all keys)");
        assertThatThrownBy(() -> c.setAssignment("excache.size=lots", "cli"))
                .hasMessage("bad value 'lots' for excache.size: expected a size such as 4096, 64KiB, 16MiB or 1GiB");
        assertThatThrownBy(() -> c.setAssignment("dram.latency=80", "cli")).hasMessageContaining("a time such as");
        assertThatThrownBy(() -> c.setAssignment("excache.policy=mru", "cli"))
                .hasMessageContaining("one of lru, fifo, clock, random");
        assertThatThrownBy(() -> c.setAssignment("excache.size", "cli")).hasMessageContaining("expected key=value");
    }

    @Test
    void valuesOutsideTheirRangeAreRefusedWithTheKeyAndTheValueAsGiven() {
        Config c = new Config(List.of(
                new ConfigKey("cpu.latency.alu", ValueKind.INTEGER, "1", "alu").range("1", "1000"),
                new ConfigKey("memory.size", ValueKind.SIZE, "64GiB", "memory").range("1MiB", "1024GiB"),
                new ConfigKey("cpu.frequency", ValueKind.FREQUENCY, "2.4GHz", "clock").range("1MHz", "100GHz"),
                new ConfigKey("fabric.propagation", ValueKind.TIME, "10ns", "wire").range("0ns", "1ms"),
                new ConfigKey("dram.latency", ValueKind.TIME, "80ns", "no range declared")));
        assertThatThrownBy(() -> c.setAssignment("cpu.latency.alu=-1", "cli"))
                .isInstanceOf(ConfigException.class)
                .hasMessage("cpu.latency.alu must be between 1 and 1000, got -1");
        assertThatThrownBy(() -> c.setAssignment("cpu.latency.alu=1001", "cli"))
                .hasMessage("cpu.latency.alu must be between 1 and 1000, got 1001");
        assertThatThrownBy(() -> c.setAssignment("memory.size=1", "cli"))
                .hasMessage("memory.size must be between 1MiB and 1024GiB, got 1");
        assertThatThrownBy(() -> c.setAssignment("cpu.frequency= 0Hz", "cli"))
                .hasMessage("cpu.frequency must be between 1MHz and 100GHz, got 0Hz");
        assertThatThrownBy(() -> c.setAssignment("fabric.propagation=-5ns", "cli"))
                .hasMessage("fabric.propagation must be between 0ns and 1ms, got -5ns");
        assertThatThrownBy(() -> c.setAssignment("dram.latency=-1ns", "cli"))
                .hasMessage("dram.latency must not be negative, got -1ns");
        // Both ends are allowed, and a refused value leaves the old one in place.
        c.setAssignment("memory.size=1MiB", "cli");
        c.setAssignment("cpu.latency.alu=1000", "cli");
        assertThat(c.getLong("memory.size")).isEqualTo(1L << 20);
        assertThat(c.getInt("cpu.latency.alu")).isEqualTo(1000);
        assertThat(c.text("cpu.frequency")).isEqualTo("2.4GHz");
    }

    @Test
    void aProfileValueOutsideItsRangeNamesTheProfileLine() {
        Config c = new Config(List.of(new ConfigKey("l2.latency", ValueKind.INTEGER, "12", "l2").range("1", "1000")));
        String profile = "# test\nl2.latency = 0   # too fast\n";
        assertThatThrownBy(() -> new ProfileReader(name -> new ByteArrayInputStream(
                profile.getBytes(StandardCharsets.UTF_8))).apply("p", c))
                .hasMessage("profile p line 2: l2.latency must be between 1 and 1000, got 0");
    }

    @Test
    void aRangeMustBeANumberRangeInOrder() {
        assertThatThrownBy(() -> new ConfigKey("a", ValueKind.INTEGER, "1", "a").range("10", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ConfigKey("b", ValueKind.BOOLEAN, "true", "b").range("0", "1"))
                .isInstanceOf(IllegalArgumentException.class);
        // A default outside the range is a mistake in the table, found when the configuration is built.
        assertThatThrownBy(() -> new Config(List.of(new ConfigKey("c", ValueKind.INTEGER, "0", "c").range("1", "2"))))
                .isInstanceOf(ConfigException.class);
    }

    @Test
    void profileValuesCarryTheirSourceNote() {
        Config c = new Config(TABLE);
        String profile = "# test profile\nexcache.size = 256MiB   # docs/reference.md, LegoOS headline experiment: 256 MB row\n";
        new ProfileReader(name -> new ByteArrayInputStream(profile.getBytes(StandardCharsets.UTF_8))).apply("t", c);
        assertThat(c.getLong("excache.size")).isEqualTo(256L << 20);
        assertThat(c.describe()).contains("excache.size", "256MiB", "profile t; docs/reference.md, LegoOS headline experiment: 256 MB row");
    }
}
