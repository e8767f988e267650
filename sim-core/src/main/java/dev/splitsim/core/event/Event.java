package dev.splitsim.core.event;

/**
 * Something that happens at a tick. An event belongs to the component that schedules it and is
 * re-scheduled by it, not allocated per use: a message, for example, carries its one event from
 * hop to hop. Ties at one tick break by {@link #priority()} (lower first), then by the order in
 * which the events were scheduled, so runs are reproducible.
 */
public abstract class Event {
    long tick;
    long order;
    int heapIndex = -1;
    private final int priority;

    protected Event(int priority) {
        this.priority = priority;
    }

    protected Event() {
        this(0);
    }

    /** Runs the event; {@code tick} is the simulated time it was scheduled for. */
    protected abstract void fire(long tick);

    public final int priority() {
        return priority;
    }

    /** The tick it is scheduled for (meaningful while {@link #scheduled()}). */
    public final long tick() {
        return tick;
    }

    public final boolean scheduled() {
        return heapIndex >= 0;
    }
}
