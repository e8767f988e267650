package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.config.Config;
import dev.splitsim.kernel.memory.VirtualMemory;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.config.Profiles;
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
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The memory monitor owns a process's virtual memory: after a run of programs that move the break,
 * map files and anonymous memory, protect and remap, the process monitor's mirror of the areas,
 * built only from the monitor's replies, equals the monitor's areas, and nothing on the CPU side
 * holds the monitor's state.
 */
final class VirtualMemoryOwnershipTest {
    @TempDir
    Path tmp;

    @ParameterizedTest
    @CsvSource({"heap, legoos, 1", "posix, legoos, 1", "posix, legoos, 2", "heap, local, 1", "posix, local, 1"})
    void theMirrorBuiltFromRepliesEqualsTheMonitorsAreas(String program, String profile, int components)
            throws Exception {
        List<String> overrides = profile.equals("legoos")
                ? List.of(Tools.memoryComponents(components), "excache.line_size=8KiB", "excache.size=128KiB")
                : List.of();
        Config config = Profiles.load(profile, overrides);
        Path bin = DifferentialTest.BIN.resolve(program);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        PrintStream stdout = new PrintStream(out, true);
        ProcessSpec spec = new ProcessSpec(bin, bin.toString(), List.of(bin.toString()), List.of(),
                new ByteArrayInputStream("3 4 zebra\n".getBytes(StandardCharsets.US_ASCII)), stdout,
                new PrintStream(new ByteArrayOutputStream()), false, false, false, tmp,
                config.getLong(MachineKeys.SIM_SEED), false);
        Machine m = Machine.load(config, spec);
        m.run(new RunLimits(0, 0));
        stdout.flush();
        assertThat(m.process().exitStatus()).as(out.toString(StandardCharsets.UTF_8)).isZero();

        VirtualMemory monitors = m.virtualMemory();
        assertThat(m.process().addressSpace().areas()).isNotSameAs(monitors.areas());
        assertThat(m.process().addressSpace().areas().describe()).isEqualTo(monitors.areas().describe())
                .contains(" file\n").contains(" anon\n");

        if (!profile.equals("legoos")) {
            // The all-local machine is one component: its harts read the pages directly.
            return;
        }
        List<String> paths = new ArrayList<>();
        Map<Object, Boolean> seen = new IdentityHashMap<>();
        reaches(m.process(), "process", monitors, seen, paths);
        reaches(m.missPath(), "missPath", monitors, seen, paths);
        assertThat(paths).as("CPU-side references to the memory monitor's state").isEmpty();
    }

    /**
     * Walks the process monitor's objects (classes of its packages only: not the fabric, not the
     * monitors behind it) and records every path that reaches {@code vm} or its areas. The miss
     * path's inspector is the debugger's, outside the machine.
     */
    private static void reaches(Object o, String path, VirtualMemory vm, Map<Object, Boolean> seen, List<String> paths)
            throws IllegalAccessException {
        if (o == null || seen.put(o, Boolean.TRUE) != null) {
            return;
        }
        if (o == vm || o == vm.areas()) {
            paths.add(path);
            return;
        }
        String pkg = o.getClass().getPackageName();
        if (!(pkg.equals("dev.splitsim.kernel") || pkg.equals("dev.splitsim.kernel.remote")
                || pkg.equals("dev.splitsim.kernel.thread"))) {
            return;
        }
        for (Class<?> c = o.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()
                        || (c.getSimpleName().equals("ExCacheMissPath") && f.getName().equals("inspector"))) {
                    continue;
                }
                f.setAccessible(true);
                reaches(f.get(o), path + "." + f.getName(), vm, seen, paths);
            }
        }
    }
}
