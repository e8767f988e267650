package dev.splitsim.core.host;

/**
 * The guest touched a page that no memory can hold any more: the simulated memory is full or its
 * pages have reached the host's budget. The machine ends the guest with a signal, as Linux ends a
 * process that runs out of memory; the message says which limit it reached. Not final: a memory
 * component's own exhaustion is a kind of it.
 */
public class GuestMemoryExhausted extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public GuestMemoryExhausted(String message) {
        super(message, null, false, false);
    }
}
