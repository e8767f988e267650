package dev.splitsim.machine.config;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.config.ConfigException;
import java.util.ArrayList;
import java.util.List;

/**
 * The split machine's components by name, from the profile's {@code topology.*} keys: the CPU
 * components (one per process), the memory components (1 GiB regions spread over them by the global memory manager) and
 * the storage components (names below the root spread over them by the namespace map), every one a
 * node on the switch. Names are what fabric traces, the Chrome trace's processes and per-component
 * statistics show.
 */
public record Topology(List<String> cpu, List<String> memory, List<String> storage) {
    public Topology {
        cpu = List.copyOf(cpu);
        memory = List.copyOf(memory);
        storage = List.copyOf(storage);
        List<String> all = new ArrayList<>();
        all.addAll(cpu);
        all.addAll(memory);
        all.addAll(storage);
        for (int i = 0; i < all.size(); i++) {
            if (all.indexOf(all.get(i)) != i) {
                throw new ConfigException("the topology names component " + all.get(i) + " twice");
            }
        }
    }

    public static Topology of(Config c) {
        return new Topology(c.getNames(MachineKeys.TOPOLOGY_CPU), c.getNames(MachineKeys.TOPOLOGY_MEMORY),
                c.getNames(MachineKeys.TOPOLOGY_STORAGE));
    }

    /** What software a component's monitor workers run, for trace track names. */
    public String monitorOf(String component) {
        if (memory.contains(component)) {
            return "memory monitor";
        }
        return storage.contains(component) ? "storage monitor" : "process monitor";
    }
}
