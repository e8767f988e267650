package dev.splitsim.machine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.event.EventQueue;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.verbs.Access;
import dev.splitsim.fabric.verbs.ByteArrayMemory;
import dev.splitsim.fabric.verbs.MemoryRegion;
import dev.splitsim.fabric.verbs.QueuePair;
import dev.splitsim.fabric.verbs.Transport;
import dev.splitsim.fabric.verbs.Verbs;
import dev.splitsim.fabric.verbs.VerbsDevice;
import dev.splitsim.fabric.verbs.WorkCompletion;
import dev.splitsim.fabric.verbs.WorkOpcode;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.Machine;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The legoos profile's fabric reproduces the one-sided round trips (docs/reference.md, One-sided
 * verbs: 40 Gb/s ConnectX-3) within 10%: on the fabric of an assembled split machine (built for a
 * program, not run), a READ or WRITE of each size from the CPU component's NIC to the memory
 * component's, from its post until the requester polls its completion.
 */
final class VerbsCalibrationTest {
    private static final long REMOTE = 0x10_0000;
    private static final long LOCAL = 0x2000;
    private static final int SIZE = 64 * 1024;

    private Fabric fabric;
    private VerbsDevice cpu;
    private VerbsDevice mem;
    private ByteArrayMemory cpuMemory;
    private ByteArrayMemory memMemory;
    private QueuePair qp;
    private MemoryRegion local;
    private MemoryRegion remote;

    @BeforeEach
    void assembleMachine() {
        Config c = Profiles.load("legoos", List.of());
        Path hello = locate("programs/bin/hello");
        PrintStream drop = new PrintStream(new ByteArrayOutputStream());
        ProcessSpec spec = new ProcessSpec(hello, hello.toString(), List.of(hello.toString()), List.of(),
                new ByteArrayInputStream(new byte[0]), drop, drop, false, false, false, Path.of("").toAbsolutePath(),
                c.getLong(MachineKeys.SIM_SEED), false);
        Machine machine = Machine.load(c, spec);
        fabric = machine.fabric();
        assertThat(fabric.nodeName(0)).isEqualTo("pcomp0");
        assertThat(fabric.nodeName(1)).isEqualTo("mcomp0");
        Verbs verbs = new Verbs(fabric, Machine.verbsParams(c));
        cpuMemory = new ByteArrayMemory(0, SIZE);
        memMemory = new ByteArrayMemory(REMOTE, SIZE);
        cpu = verbs.open(0, cpuMemory);
        mem = verbs.open(1, memMemory);
        local = cpu.register(LOCAL, 8192, Access.LOCAL_WRITE);
        remote = mem.register(REMOTE, SIZE, Access.REMOTE_READ | Access.REMOTE_WRITE);
        qp = cpu.createQueuePair(Transport.RC, cpu.createCompletionQueue(4), cpu.createCompletionQueue(4), 4, 4);
        QueuePair server = mem.createQueuePair(Transport.RC, mem.createCompletionQueue(4), mem.createCompletionQueue(4),
                4, 4);
        Verbs.connect(qp, server);
    }

    /** The tests run from the module or from the repository root. */
    private static Path locate(String path) {
        Path p = Path.of(path);
        return Files.exists(p) ? p : Path.of("..").resolve(path);
    }

    /** A start well after whatever loading the program left on the fabric, with every resource idle. */
    private long quietStart() {
        EventQueue events = fabric.events();
        while (events.runNext()) {
            // drain
        }
        return events.now() + 1_000_000_000L;
    }

    @ParameterizedTest(name = "{0} B RDMA READ round trip ~ {1} us")
    @CsvSource({"4, 2.25", "256, 2.61", "1024, 3.48", "4096, 6.19"})
    void readRoundTripMatchesConnectX3(int bytes, double microseconds) {
        for (int i = 0; i < bytes; i++) {
            memMemory.put(REMOTE + 512 + i, (byte) (i * 7 + 1));
        }
        long start = quietStart();
        assertThat(qp.postRead(1, LOCAL, local.localKey(), bytes, REMOTE + 512, remote.remoteKey(), start)).isTrue();
        WorkCompletion wc = qp.sendCompletions().await(start, new WorkCompletion());
        assertThat(wc.ok()).isTrue();
        assertThat(wc.opcode()).isEqualTo(WorkOpcode.READ);
        assertThat(wc.byteLength()).isEqualTo(bytes);
        for (int i = 0; i < bytes; i++) {
            assertThat(cpuMemory.get(LOCAL + i)).isEqualTo((byte) (i * 7 + 1));
        }
        double us = (wc.polledTick() - start) / 1e6;
        System.out.printf("READ %d B: %.3f us (reference %.2f)%n", bytes, us, microseconds);
        assertThat(us).isBetween(microseconds * 0.9, microseconds * 1.1);
    }

    @ParameterizedTest(name = "{0} B RDMA WRITE round trip ~ {1} us")
    @CsvSource({"4, 1.17", "256, 1.96", "1024, 2.78", "4096, 5.52"})
    void writeRoundTripMatchesConnectX3(int bytes, double microseconds) {
        for (int i = 0; i < bytes; i++) {
            cpuMemory.put(LOCAL + i, (byte) (i * 3 + 5));
        }
        long start = quietStart();
        assertThat(qp.postWrite(1, LOCAL, local.localKey(), bytes, REMOTE + 64, remote.remoteKey(), start)).isTrue();
        WorkCompletion wc = qp.sendCompletions().await(start, new WorkCompletion());
        assertThat(wc.ok()).isTrue();
        assertThat(wc.opcode()).isEqualTo(WorkOpcode.WRITE);
        for (int i = 0; i < bytes; i++) {
            assertThat(memMemory.get(REMOTE + 64 + i)).isEqualTo((byte) (i * 3 + 5));
        }
        double us = (wc.polledTick() - start) / 1e6;
        System.out.printf("WRITE %d B: %.3f us (reference %.2f)%n", bytes, us, microseconds);
        assertThat(us).isBetween(microseconds * 0.9, microseconds * 1.1);
    }
}
