package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.splitsim.core.config.Config;
import dev.splitsim.core.config.ConfigKey;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.config.Profiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A --stats-json file says what was simulated: the program, its arguments and checksum, and every configuration value. */
final class StatsJsonTest {
    @TempDir
    Path tmp;

    @Test
    void theFileRecordsTheProgramAndTheWholeConfiguration() throws IOException {
        Path program = TestPrograms.locate("programs/bin/args");
        Path stats = tmp.resolve("stats.json");
        int status = Main.run(new String[] {"run", "-q", "--root", tmp.toString(), "--stats-json", stats.toString(),
            "--set", "excache.size=1024KiB", "--timing", "on", "--env", "GREETING=hi", program.toString(), "one", "two"},
                new ByteArrayInputStream(new byte[0]), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(new ByteArrayOutputStream()));
        // args exits with 3 + the number of stdin lines it read, here none.
        assertThat(status).isEqualTo(3);
        JsonNode json = new ObjectMapper().readTree(stats.toFile());

        assertThat(json.get("program.path").asText()).isEqualTo(program.toString());
        assertThat(texts(json.get("program.args"))).containsExactly("one", "two");
        assertThat(texts(json.get("program.env"))).containsExactly("GREETING=hi");
        assertThat(json.get("program.sha256").asText())
                .isEqualTo(EffectiveConfig.sha256(Files.readAllBytes(program))).hasSize(64);
        assertThat(json.get("run.profile").asText()).isEqualTo("legoos");
        for (ConfigKey k : MachineKeys.ALL) {
            assertThat(json.has("config." + k.name())).as(k.name()).isTrue();
        }
        // As canonical text, not as spelled on the command line.
        assertThat(json.get("config.excache.size").asText()).isEqualTo("1MiB");
        assertThat(json.get("config.cpu.timing").asText()).isEqualTo("true");
        assertThat(json.get("config.cpu.frequency").asText()).isEqualTo("2.4GHz");
        assertThat(json.get("config.fabric.responder_read").asText()).isEqualTo("1.1us");
        Config same = Profiles.load("legoos", List.of("excache.size=1MiB"));
        assertThat(json.get("run.config_sha256").asText()).isEqualTo(EffectiveConfig.sha256(same));
        // The statistics are still there, as numbers.
        assertThat(json.get("sim.seconds").isNumber()).isTrue();
        assertThat(json.get("cpu.instructions").asLong()).isPositive();
    }

    @Test
    void everyCanonicalValueParsesBackToTheSameValue() {
        Config legoos = Profiles.load("legoos", List.of());
        for (ConfigKey k : legoos.keys()) {
            if (k.kind() == dev.splitsim.core.config.ValueKind.NAMES) {
                assertThat(EffectiveConfig.canonical(legoos).get(k.name())).isEqualTo(legoos.text(k.name()));
                continue;
            }
            long value = legoos.getLong(k.name());
            String text = EffectiveConfig.canonical(k, value);
            assertThat(k.parse(text)).as(k.name() + " = " + text).isEqualTo(value);
        }
        // Spellings of values outside memory.size's range, written without its range check.
        assertThat(EffectiveConfig.canonical(key(MachineKeys.MEMORY_SIZE), 1536)).isEqualTo("1536B");
        assertThat(EffectiveConfig.canonical(key(MachineKeys.MEMORY_SIZE), 0)).isEqualTo("0B");
        assertThat(canonical(MachineKeys.FABRIC_PROPAGATION, "0")).isEqualTo("0ps");
        assertThat(canonical(MachineKeys.FABRIC_PROPAGATION, "2500ps")).isEqualTo("2.5ns");
        assertThat(canonical(MachineKeys.SCHED_QUANTUM, "0.5ms")).isEqualTo("500us");
        assertThat(canonical(MachineKeys.FABRIC_LINK, "100000Mbps")).isEqualTo("100Gbps");
        assertThat(canonical(MachineKeys.EXCACHE_POLICY, "LRU")).isEqualTo("lru");
        assertThat(canonical(MachineKeys.SCHED_YIELD_ON_MISS, "off")).isEqualTo("false");
    }

    @Test
    void theHashTellsConfigurationsApartButNotTheirSpellings() {
        String a = EffectiveConfig.sha256(Profiles.load("legoos", List.of("excache.size=1024KiB", "cpu.timing=on")));
        String b = EffectiveConfig.sha256(Profiles.load("legoos", List.of("excache.size=1MiB", "cpu.timing=true")));
        String c = EffectiveConfig.sha256(Profiles.load("legoos", List.of("excache.size=2MiB")));
        assertThat(a).isEqualTo(b).isNotEqualTo(c);
    }

    private static String canonical(String key, String text) {
        ConfigKey k = key(key);
        return EffectiveConfig.canonical(k, k.parse(text));
    }

    private static ConfigKey key(String name) {
        for (ConfigKey k : MachineKeys.ALL) {
            if (k.name().equals(name)) {
                return k;
            }
        }
        throw new IllegalArgumentException(name);
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }
}
