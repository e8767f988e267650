package dev.splitsim.machine.debug;

import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.kernel.process.SyscallRecord;
import dev.splitsim.kernel.remote.MissRecord;
import dev.splitsim.machine.trace.EventSink;
import dev.splitsim.machine.trace.TraceCategories;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * What the debugger remembers of a run: the last messages and misses (for {@code msg}), and the
 * events since the last stop (shown at the stop). Forwards everything to a trace file as well
 * when one was asked for.
 */
public final class EventLog implements EventSink {
    private static final int KEEP = 100_000;

    /** A miss of CPU component {@code component} (its index in topology order). */
    public record Miss(int component, MissRecord record) {}

    /** A system call of the process on CPU component {@code component}. */
    public record Syscall(int component, SyscallRecord record) {}

    private final Deque<MessageRecord> messages = new ArrayDeque<>();
    private final Deque<Miss> misses = new ArrayDeque<>();
    private final List<Object> sinceStop = new ArrayList<>();
    private final EventSink forward;
    private final int forwardKinds;
    private long messageCount;

    /** A log that also hands the events of {@code forwardKinds} ({@link TraceCategories}) to {@code forward}. */
    public EventLog(EventSink forward, int forwardKinds) {
        this.forward = forwardKinds == 0 ? null : forward;
        this.forwardKinds = forwardKinds;
    }

    private boolean forwards(int kind) {
        return forward != null && (forwardKinds & kind) != 0;
    }

    @Override
    public void message(MessageRecord m) {
        messages.addLast(m);
        if (messages.size() > KEEP) {
            messages.removeFirst();
        }
        messageCount++;
        sinceStop.add(m);
        if (forwards(TraceCategories.FABRIC)) {
            forward.message(m);
        }
    }

    @Override
    public void miss(int component, MissRecord m) {
        Miss seen = new Miss(component, m);
        misses.addLast(seen);
        if (misses.size() > KEEP) {
            misses.removeFirst();
        }
        sinceStop.add(seen);
        if (forwards(TraceCategories.EXCACHE)) {
            forward.miss(component, m);
        }
    }

    @Override
    public void syscall(int component, SyscallRecord s) {
        sinceStop.add(new Syscall(component, s));
        if (forwards(TraceCategories.SYSCALL)) {
            forward.syscall(component, s);
        }
    }

    @Override
    public void instruction(int component, int core, long pc, long bits, long tick) {
        if (forwards(TraceCategories.INSN)) {
            forward.instruction(component, core, pc, bits, tick);
        }
    }

    /** Messages sent so far. */
    public long messageCount() {
        return messageCount;
    }

    public Iterable<MessageRecord> messages() {
        return messages;
    }

    /** The misses kept, oldest first, each with its CPU component. */
    public Iterable<Miss> misses() {
        return misses;
    }

    public MessageRecord message(long sequence) {
        for (MessageRecord m : messages) {
            if (m.sequence() == sequence) {
                return m;
            }
        }
        return null;
    }

    /** The miss whose request was message {@code sequence}, or null. */
    public Miss missOf(long sequence) {
        for (Miss m : misses) {
            if (m.record().requestSequence() == sequence) {
                return m;
            }
        }
        return null;
    }

    public MessageRecord lastMessage() {
        return messages.peekLast();
    }

    /** The events since the last call, oldest first: messages, {@link Miss}es and {@link Syscall}s. */
    public List<Object> takeSinceStop() {
        List<Object> out = new ArrayList<>(sinceStop);
        sinceStop.clear();
        return out;
    }

    @Override
    public void close() {
        if (forward != null) {
            forward.close();
        }
    }
}
