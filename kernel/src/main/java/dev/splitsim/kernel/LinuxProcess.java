package dev.splitsim.kernel;

import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.mem.PageProvider;
import java.util.function.LongSupplier;

/**
 * One Linux process under the process monitor: its address space, files, and the system calls
 * and faults of the hart it runs on.
 */
public final class LinuxProcess {
    private LinuxProcess() {}

    /** Loads the ELF of {@code spec}, builds its address space and initial stack; throws {@link LoadException}. */
    public static LinuxProcess load(ProcessSpec spec, StatsRegistry stats, LongSupplier nowTicks) {
        throw new LoadException("process monitor not yet built");
    }

    /** The process's memory as the hart sees it. */
    public PageProvider memory() {
        throw new UnsupportedOperationException();
    }

    /** Sets the hart's registers and pc for the entry point and installs this process as its trap handler. */
    public void attach(Hart hart) {
        throw new UnsupportedOperationException();
    }

    public boolean finished() {
        throw new UnsupportedOperationException();
    }

    /** Non-null when the process monitor stopped the run (e.g. an unsupported syscall with --strict-syscalls). */
    public String stopMessage() {
        throw new UnsupportedOperationException();
    }

    /** Non-null when a signal killed the guest. */
    public GuestFault fault() {
        throw new UnsupportedOperationException();
    }

    /** The guest's exit status, or 128 + signal after a fault. */
    public int exitStatus() {
        throw new UnsupportedOperationException();
    }
}
