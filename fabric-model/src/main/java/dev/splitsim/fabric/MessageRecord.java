package dev.splitsim.fabric;

import dev.splitsim.fabric.msg.MessageType;

/**
 * One fabric message as traces and the debugger show it: when it was sent, arrived and was handled,
 * between which nodes, what it carried, where its time went (NIC, wire, switch, queueing), which
 * request it answers ({@code replyTo}, -1 for a request) and what caused it (core, pc, virtual
 * address; -1 when not a guest access). Built only while someone listens.
 */
public record MessageRecord(long sequence, MessageType type, String source, String destination, long bytes,
        long sendTick, long arriveTick, long handledTick, int core, long pc, long vaddr, String detail,
        long replyTo, long nicTicks, long wireTicks, long switchTicks, long queueTicks) {

    public boolean inFlightAt(long tick) {
        return sendTick <= tick && tick < arriveTick;
    }
}
