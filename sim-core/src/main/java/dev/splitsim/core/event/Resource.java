package dev.splitsim.core.event;

/**
 * One server of simulated work (a link direction, a NIC engine, a polling thread, a monitor worker):
 * it serves one job at a time, in the order the jobs reach it. Jobs reach it from events, which run
 * in tick order, so first come is first served in simulated time. Busy and waiting time are kept
 * for the statistics.
 */
public final class Resource {
    private final String name;
    private long freeTick;
    private long busyTicks;
    private long waitTicks;
    private long jobs;
    private long waited;
    private long lastStart = -1;

    public Resource(String name) {
        this.name = name;
    }

    public String name() {
        return name;
    }

    /**
     * A job that arrives at {@code arriveTick} and needs {@code serviceTicks}: returns the tick its
     * service starts (it ends {@code serviceTicks} later).
     */
    public long serve(long arriveTick, long serviceTicks) {
        long start = Math.max(arriveTick, freeTick);
        if (start > arriveTick) {
            waitTicks += start - arriveTick;
            waited++;
        }
        freeTick = start + serviceTicks;
        busyTicks += serviceTicks;
        jobs++;
        lastStart = start;
        return start;
    }

    /** Start of the job served last, -1 before any. */
    public long lastStart() {
        return lastStart;
    }

    /** When the last job accepted ends. */
    public long freeTick() {
        return freeTick;
    }

    /** The index of the one of {@code pool} free soonest, the lowest-numbered on a tie (a pool of threads taking jobs). */
    public static int soonestFree(Resource[] pool) {
        int best = 0;
        for (int i = 1; i < pool.length; i++) {
            if (pool[i].freeTick < pool[best].freeTick) {
                best = i;
            }
        }
        return best;
    }

    public long busyTicks() {
        return busyTicks;
    }

    public long waitTicks() {
        return waitTicks;
    }

    public long jobs() {
        return jobs;
    }

    /** Jobs that found the resource busy. */
    public long jobsWaited() {
        return waited;
    }
}
