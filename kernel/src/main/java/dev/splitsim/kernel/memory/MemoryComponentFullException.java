package dev.splitsim.kernel.memory;

/** A memory component ran out of physical frames: the run stops with this message. */
public final class MemoryComponentFullException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public MemoryComponentFullException(String message) {
        super(message, null, false, false);
    }
}
