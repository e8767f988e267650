package dev.splitsim.machine.trace;

import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.kernel.process.SyscallRecord;
import dev.splitsim.kernel.remote.MissRecord;

/**
 * Where traced events go, in simulated-time order of their causes. Ticks are picoseconds; cores are
 * numbered within their CPU component.
 */
public interface EventSink extends AutoCloseable {
    void message(MessageRecord m);

    /** A miss on CPU component {@code component} (topology order). */
    void miss(int component, MissRecord m);

    /** A system call of the process on CPU component {@code component}. */
    void syscall(int component, SyscallRecord s);

    /** One retired instruction on a core of CPU component {@code component}: its pc, its encoding and the core's time after it. */
    void instruction(int component, int core, long pc, long bits, long tick);

    @Override
    void close();
}
