package dev.splitsim.machine;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.host.HostMemoryBudget;
import dev.splitsim.kernel.process.ProcessLimits;
import dev.splitsim.machine.config.MachineKeys;

/** What one guest may take of the host, from the configuration's limit keys. */
final class ResourceLimits {
    private ResourceLimits() {}

    /** The machine's share of host memory for guest pages: the key, or half the JVM's heap when that is less. */
    static HostMemoryBudget budget(Config c) {
        return HostMemoryBudget.forThisJvm(c.getLong(MachineKeys.HOST_MEMORY_BUDGET), MachineKeys.HOST_MEMORY_BUDGET);
    }

    static ProcessLimits process(Config c) {
        return new ProcessLimits(c.getInt(MachineKeys.SCHED_MAX_THREADS), c.getLong(MachineKeys.FILES_MAX_SIZE),
                c.getLong(MachineKeys.CONSOLE_MAX_OUTPUT));
    }
}
