package dev.splitsim.machine.trace;

import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.kernel.SyscallRecord;
import dev.splitsim.kernel.remote.MissRecord;

/** Where traced events go, in simulated-time order of their causes. Ticks are picoseconds. */
public interface EventSink extends AutoCloseable {
    void message(MessageRecord m);

    void miss(MissRecord m);

    void syscall(SyscallRecord s);

    /** One retired instruction: its pc, its encoding and the core's time after it. */
    void instruction(int core, long pc, long bits, long tick);

    @Override
    void close();
}
