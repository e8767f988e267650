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
    void profileValuesCarryTheirSourceNote() {
        Config c = new Config(TABLE);
        String profile = "# test profile\nexcache.size = 256MiB   # docs/reference.md, LegoOS headline experiment: 256 MB row\n";
        new ProfileReader(name -> new ByteArrayInputStream(profile.getBytes(StandardCharsets.UTF_8))).apply("t", c);
        assertThat(c.getLong("excache.size")).isEqualTo(256L << 20);
        assertThat(c.describe()).contains("excache.size", "256MiB", "profile t; docs/reference.md, LegoOS headline experiment: 256 MB row");
    }
}
