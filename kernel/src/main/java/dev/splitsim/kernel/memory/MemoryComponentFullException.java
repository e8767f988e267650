package dev.splitsim.kernel.memory;

import dev.splitsim.core.host.GuestMemoryExhausted;

/** A memory component ran out of physical frames: the guest that needed one is ended for want of memory. */
public final class MemoryComponentFullException extends GuestMemoryExhausted {
    private static final long serialVersionUID = 1L;

    public MemoryComponentFullException(String message) {
        super(message);
    }
}
