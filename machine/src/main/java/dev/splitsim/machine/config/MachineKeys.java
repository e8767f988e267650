package dev.splitsim.machine.config;

import static dev.splitsim.core.config.ValueKind.BOOLEAN;
import static dev.splitsim.core.config.ValueKind.CHOICE;
import static dev.splitsim.core.config.ValueKind.FREQUENCY;
import static dev.splitsim.core.config.ValueKind.INTEGER;

import dev.splitsim.core.config.ConfigKey;
import java.util.List;

/**
 * Every configuration key of the machine, in one table. Profiles set them with a citation for each
 * default; {@code --set key=value} overrides them; {@code --show-config} prints them all.
 */
public final class MachineKeys {
    private MachineKeys() {}

    public static final String CPU_FREQUENCY = "cpu.frequency";
    public static final String CPU_CORES = "cpu.cores";
    public static final String MACHINE_LAYOUT = "machine.layout";
    public static final String SIM_SEED = "sim.seed";
    public static final String SIM_SLICE = "sim.slice_instructions";
    public static final String SYSCALLS_STRICT = "syscalls.strict";

    public static final List<ConfigKey> ALL = List.of(
            new ConfigKey(MACHINE_LAYOUT, CHOICE, "monolithic",
                    "monolithic: one machine with local memory; split: pComponent + fabric + mComponent",
                    "monolithic", "split"),
            new ConfigKey(CPU_FREQUENCY, FREQUENCY, "2.4GHz", "core clock; converts cycles to simulated time"),
            new ConfigKey(CPU_CORES, INTEGER, "1", "simulated cores on the CPU component"),
            new ConfigKey(SIM_SEED, INTEGER, "1",
                    "seed of every random choice (getrandom, AT_RANDOM, random replacement)"),
            new ConfigKey(SIM_SLICE, INTEGER, "100000",
                    "instructions a core runs between checks of limits and of other cores"),
            new ConfigKey(SYSCALLS_STRICT, BOOLEAN, "false", "stop the run at an unsupported system call"));
}
