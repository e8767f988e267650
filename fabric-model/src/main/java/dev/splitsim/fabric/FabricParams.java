package dev.splitsim.fabric;

/**
 * The fabric's timing parameters. Times are ticks (picoseconds), bandwidths bits per second.
 *
 * @param nicOverheadTicks per message at each end: posting the send or polling the completion,
 *     with the RPC layer's work on that side
 * @param nicDmaBitsPerSecond how fast a NIC moves a message's bytes between host memory and the wire
 * @param linkBitsPerSecond line rate of every link
 * @param propagationTicks signal travel time of one link
 * @param switchHopTicks forwarding delay of the switch (cut-through: after the header arrives)
 */
public record FabricParams(long nicOverheadTicks, long nicDmaBitsPerSecond, long linkBitsPerSecond,
        long propagationTicks, long switchHopTicks) {
    public FabricParams {
        if (nicDmaBitsPerSecond <= 0 || linkBitsPerSecond <= 0) {
            throw new IllegalArgumentException("fabric bandwidths must be positive");
        }
    }

    /** Ticks to move {@code bytes} at {@code bitsPerSecond}, rounded up. */
    static long transferTicks(long bytes, long bitsPerSecond) {
        return (long) Math.ceil(bytes * 8.0 * 1e12 / bitsPerSecond);
    }
}
