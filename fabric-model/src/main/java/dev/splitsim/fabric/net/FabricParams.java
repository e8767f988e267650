package dev.splitsim.fabric.net;

/**
 * The fabric's timing parameters. Times are ticks (picoseconds), bandwidths bits per second.
 *
 * @param postTicks the sender's software writing a work request and ringing the NIC's doorbell
 * @param nicTicks one pass through a NIC's engine (work-request fetch, header processing), each end
 * @param completionTicks software seeing a completion or a reply word it spins on
 * @param rpcTicks the RPC layer's own software at each end of a two-sided message (marshalling,
 *     ring bookkeeping, dispatch to a handler)
 * @param ringDmaBitsPerSecond DMA between host memory and the NIC for the RPC transport's rings
 *     (pre-registered, translation cached in the NIC)
 * @param regionDmaBitsPerSecond DMA for one-sided verbs on registered memory regions
 * @param pcieReadTicks one NIC read of host memory over PCIe (gathering a payload that is not
 *     inlined in the work request, or a translation-table entry)
 * @param responderReadTicks what a responding NIC spends reading host memory before a READ's or an
 *     atomic's response can leave (translating the remote key's address, then fetching the data):
 *     latency, not engine time, since a NIC keeps several such reads outstanding
 * @param inlineBytes payloads up to this size ride inside the work request (no gather read)
 * @param linkBitsPerSecond line rate of every link
 * @param propagationTicks signal travel time of one link
 * @param switchHopTicks forwarding delay of the switch (cut-through: after the header arrives)
 */
public record FabricParams(long postTicks, long nicTicks, long completionTicks, long rpcTicks,
        long ringDmaBitsPerSecond, long regionDmaBitsPerSecond, long pcieReadTicks, long responderReadTicks,
        int inlineBytes,
        long linkBitsPerSecond, long propagationTicks, long switchHopTicks) {
    public FabricParams {
        if (ringDmaBitsPerSecond <= 0 || regionDmaBitsPerSecond <= 0 || linkBitsPerSecond <= 0) {
            throw new IllegalArgumentException("fabric bandwidths must be positive");
        }
        if (postTicks < 0 || nicTicks < 0 || completionTicks < 0 || rpcTicks < 0 || pcieReadTicks < 0
                || responderReadTicks < 0 || propagationTicks < 0 || switchHopTicks < 0 || inlineBytes < 0) {
            throw new IllegalArgumentException("fabric times and sizes must not be negative");
        }
    }

    /** Ticks to move {@code bytes} at {@code bitsPerSecond}, rounded up. */
    public static long transferTicks(long bytes, long bitsPerSecond) {
        return (long) Math.ceil(bytes * 8.0 * 1e12 / bitsPerSecond);
    }
}
