package dev.splitsim.kernel.swap;

/**
 * The cores a TLB shootdown reaches: Linux sends its IPI to the other CPUs of the process's
 * {@code mm_cpumask}, the ones running its threads. A single-threaded process, or one whose other
 * threads are off their cores, needs only a local flush.
 */
public interface OtherCores {
    /** No other core: a machine with one core, or a test without a scheduler. */
    OtherCores NONE = new OtherCores() {
        @Override
        public int running() {
            return 0;
        }

        @Override
        public void interrupt(long ticks) {}
    };

    /** How many cores other than the faulting one run a thread of the process now. */
    int running();

    /**
     * Each of those cores takes the IPIs: it loses {@code ticks} to their handlers, and its TLB is
     * flushed whole (a batched shootdown flushes everything, not one page), so it walks the page
     * table again for every page it touches next.
     */
    void interrupt(long ticks);
}
