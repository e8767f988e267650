package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.config.Config;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.config.Profiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * memory.kind=pmem: the program's output is the same, every write-back is made durable before it
 * is acknowledged (4 KiB persisted per flushed page, at the profile's persist cost), and the run
 * takes longer than on DRAM.
 */
final class PersistentMemoryTest {
    @TempDir
    Path tmp;

    private record Outcome(String output, double seconds, double flushes, double persistedBytes, double persistPs) {}

    private Outcome run(String kind) throws Exception {
        Config config = Profiles.load("legoos", List.of("memory.kind=" + kind, "excache.size=64KiB"));
        Path bin = DifferentialTest.BIN.resolve("sort");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true);
        ProcessSpec spec = new ProcessSpec(bin, bin.toString(), List.of(bin.toString()), List.of(),
                new ByteArrayInputStream(new byte[0]), stdout, new PrintStream(new ByteArrayOutputStream()), false,
                false, false, tmp, config.getLong(MachineKeys.SIM_SEED), false);
        Machine m = Machine.load(config, spec);
        m.run(new RunLimits(0, 0));
        assertThat(m.process().exitStatus()).isZero();
        var stats = Tools.flatJson(m.stats().toJson());
        return new Outcome(out.toString(StandardCharsets.UTF_8), stats.get("sim.seconds"),
                stats.get("memory.flushes_served"), stats.get("memory.persisted_bytes"), stats.get("memory.persist_ps"));
    }

    @Test
    void writeBacksAreDurableBeforeTheirAcknowledgementAndCostTheirPersistTime() throws Exception {
        Outcome dram = run("dram");
        Outcome pmem = run("pmem");
        assertThat(pmem.output()).isEqualTo(dram.output()).isNotEmpty();
        assertThat(dram.persistedBytes()).isZero();
        assertThat(pmem.flushes()).isPositive();
        assertThat(pmem.persistedBytes()).isEqualTo(pmem.flushes() * 4096);
        assertThat(pmem.persistPs()).isEqualTo(pmem.flushes() * 1_774_000);
        assertThat(pmem.seconds()).isGreaterThan(dram.seconds() + pmem.persistPs() * 1e-12 * 0.5);
    }
}
