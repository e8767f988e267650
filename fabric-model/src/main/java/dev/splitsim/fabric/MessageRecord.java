package dev.splitsim.fabric;

import dev.splitsim.fabric.msg.MessageType;

/**
 * One fabric message as traces and the debugger show it: when it was sent, arrived and was handled,
 * between which nodes, what it carried, where its time went (NIC, wire, switch, queueing), which
 * request it answers ({@code replyTo}, -1 for a request) and what caused it (core, pc, virtual
 * address; -1 when not a guest access). The occupancy of each resource it used (the sender's NIC
 * engine and uplink, the receiver's downlink, NIC engine, poller and monitor worker) is kept so a
 * trace can draw one track per resource. Built only while someone listens.
 */
public record MessageRecord(long sequence, MessageType type, String source, String destination, long bytes,
        long sendTick, long arriveTick, long handledTick, int core, long pc, long vaddr, String detail,
        long replyTo, long nicTicks, long wireTicks, long switchTicks, long queueTicks, Occupancy occupancy) {

    /**
     * Start and end ticks on each resource; {@code pollStart} is -1 when no poller took the message
     * (one-sided verbs, replies the caller spins on), {@code worker} -1 when no monitor worker ran.
     */
    public record Occupancy(long txStart, long txEnd, long upStart, long upEnd, long downStart, long downEnd,
            long rxStart, long rxEnd, long pollStart, long pollEnd, int worker, long handleStart) {}

    public boolean inFlightAt(long tick) {
        return sendTick <= tick && tick < arriveTick;
    }
}
