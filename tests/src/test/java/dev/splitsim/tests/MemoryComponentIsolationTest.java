package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.config.Config;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.kernel.memory.GlobalMemoryManager;
import dev.splitsim.kernel.memory.MemoryComponent;
import dev.splitsim.kernel.memory.MemoryMonitor;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.config.Profiles;
import dev.splitsim.mem.phys.PhysicalMemory;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Memory components share nothing but the fabric and the global memory manager's region map:
 * after runs that map, write, remap and unmap across three components, the objects a monitor can
 * reach hold its own component and physical memory only, the home told its peers what it did in
 * M2M_UPDATE, and the program's output is the one component's. (mremap fetching a peer's pages
 * is MemoryMonitorTest's.)
 */
final class MemoryComponentIsolationTest {
    @TempDir
    Path tmp;

    private Machine run(String program, int components, ByteArrayOutputStream out) throws Exception {
        Config config = Profiles.load("legoos", List.of(Tools.memoryComponents(components), "excache.size=256KiB"));
        Path bin = DifferentialTest.BIN.resolve(program);
        PrintStream stdout = new PrintStream(out, true);
        Path root = java.nio.file.Files.createTempDirectory(tmp, program);
        ProcessSpec spec = new ProcessSpec(bin, bin.toString(), List.of(bin.toString()), List.of(),
                new ByteArrayInputStream("3 4 zebra\n".getBytes(StandardCharsets.US_ASCII)), stdout,
                new PrintStream(new ByteArrayOutputStream()), false, false, false, root,
                config.getLong(MachineKeys.SIM_SEED), false);
        Machine m = Machine.load(config, spec);
        m.run(new RunLimits(0, 0));
        stdout.flush();
        assertThat(m.process().exitStatus()).as(out.toString(StandardCharsets.UTF_8)).isZero();
        return m;
    }

    @ParameterizedTest
    @ValueSource(strings = {"posix", "heap"})
    void aMonitorReachesOnlyItsOwnComponentAndPeersLearnByMessage(String program) throws Exception {
        ByteArrayOutputStream alone = new ByteArrayOutputStream();
        run(program, 1, alone);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Machine m = run(program, 3, out);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEqualTo(alone.toString(StandardCharsets.UTF_8));

        assertThat(m.fabric().messages(MessageType.M2M_UPDATE)).isPositive();
        assertThat(m.fabric().messages(MessageType.M2M_ACK)).isEqualTo(m.fabric().messages(MessageType.M2M_UPDATE));
        long holding = m.memoryManager().components().stream().filter(c -> c.framesInUse() > 1).count();
        assertThat(holding).as("components holding pages").isGreaterThan(1);

        List<MemoryMonitor> monitors = m.memoryMonitors();
        assertThat(monitors).hasSize(3);
        for (MemoryMonitor monitor : monitors) {
            List<Object> reached = new ArrayList<>();
            walk(monitor, new IdentityHashMap<>(), reached);
            List<Object> components = reached.stream().filter(o -> o instanceof MemoryComponent).toList();
            List<Object> memories = reached.stream().filter(o -> o instanceof PhysicalMemory).toList();
            assertThat(components).as("components reached from monitor %d", monitor.component().index())
                    .containsExactly(monitor.component());
            assertThat(memories).hasSize(1);
        }
    }

    /**
     * Collects every object reachable from {@code o}, through fields, arrays, collections and maps,
     * stopping at the fabric (the network between components) and the global memory manager (the
     * region map every component may consult).
     */
    private static void walk(Object o, Map<Object, Boolean> seen, List<Object> reached) throws IllegalAccessException {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o instanceof GlobalMemoryManager || o instanceof dev.splitsim.fabric.net.Fabric || o instanceof Class<?>) {
            return;
        }
        reached.add(o);
        if (o instanceof Object[] array) {
            for (Object e : array) {
                walk(e, seen, reached);
            }
            return;
        }
        if (o instanceof Map<?, ?> map) {
            for (Object v : map.values()) {
                walk(v, seen, reached);
            }
            return;
        }
        if (o instanceof Iterable<?> items && !o.getClass().getName().startsWith("dev.splitsim")) {
            for (Object e : items) {
                walk(e, seen, reached);
            }
            return;
        }
        String name = o.getClass().getName();
        if (!(name.startsWith("dev.splitsim") || name.startsWith("it.unimi.dsi.fastutil"))) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                f.setAccessible(true);
                walk(f.get(o), seen, reached);
            }
        }
    }
}
