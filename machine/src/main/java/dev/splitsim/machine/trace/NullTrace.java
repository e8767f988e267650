package dev.splitsim.machine.trace;

import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.kernel.process.SyscallRecord;
import dev.splitsim.kernel.remote.MissRecord;

/**
 * A sink that drops every event: the records are still built, so a run into it costs what tracing
 * costs without the cost of writing, which is what {@code splitsim bench --with-trace} measures.
 */
public final class NullTrace implements EventSink {
    private long events;

    @Override
    public void message(MessageRecord m) {
        events++;
    }

    @Override
    public void miss(int component, MissRecord m) {
        events++;
    }

    @Override
    public void syscall(int component, SyscallRecord s) {
        events++;
    }

    @Override
    public void instruction(int component, int core, long pc, long bits, long tick) {
        events++;
    }

    /** How many events arrived, so a caller can tell tracing really happened. */
    public long events() {
        return events;
    }

    @Override
    public void close() {
        // Nothing was kept.
    }
}
