package dev.splitsim.fabric;

import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.core.time.BusyCalendar;
import dev.splitsim.fabric.msg.MessageType;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Components joined by one switch. Every node has a NIC with a link to the switch (one direction up,
 * one down). A message's latency is the sending NIC's overhead and DMA, serialization on the
 * sender's uplink, propagation, the switch hop, the receiver's downlink (cut-through: serialization
 * is paid once, but a busy link makes the message wait behind earlier traffic), propagation and the
 * receiving NIC's overhead. Each node polls its NIC with one thread (REFERENCE.md, LegoOS transport),
 * so received messages are taken in one at a time: a message arriving while the poller is busy
 * with an earlier one waits.
 *
 * <p>Cores take turns of a few thousand instructions, so messages are not sent in simulated-time
 * order; each link and poller keeps a {@link BusyCalendar}, and a message waits only behind traffic
 * that is earlier in simulated time.
 */
public final class Fabric {
    private final FabricParams params;
    private final List<String> names = new ArrayList<>();
    private final List<BusyCalendar> uplinks = new ArrayList<>();
    private final List<BusyCalendar> downlinks = new ArrayList<>();
    private final List<BusyCalendar> pollers = new ArrayList<>();
    private final long[] messagesByType = new long[MessageType.values().length];
    private final long[] bytesByType = new long[MessageType.values().length];
    private long messages;
    private long bytes;
    private long queueTicks;
    private long sequence;
    private Consumer<MessageRecord> trace;
    private int causeCore = -1;
    private long causePc = -1;
    private long causeVaddr = -1;

    public Fabric(FabricParams params) {
        this.params = params;
    }

    public FabricParams params() {
        return params;
    }

    /** Adds a node (a component's NIC) and returns its id. */
    public int addNode(String name) {
        names.add(name);
        uplinks.add(new BusyCalendar());
        downlinks.add(new BusyCalendar());
        pollers.add(new BusyCalendar());
        return names.size() - 1;
    }

    public String nodeName(int node) {
        return names.get(node);
    }

    public int nodes() {
        return names.size();
    }

    /** Records every message from now on; null stops tracing. */
    public void setTrace(Consumer<MessageRecord> sink) {
        this.trace = sink;
    }

    public boolean tracing() {
        return trace != null;
    }

    /** The guest access that the next messages serve; -1 fields when the cause is not an access. */
    public void setCause(int core, long pc, long vaddr) {
        causeCore = core;
        causePc = pc;
        causeVaddr = vaddr;
    }

    /**
     * Sends one message of {@code type} carrying {@code dataBytes} beyond its header, leaving at
     * {@code sendTick}; fills {@code out} with its arrival and the time per stage.
     */
    public Delivery send(MessageType type, int source, int destination, long dataBytes, long sendTick, Delivery out) {
        long size = type.headerBytes() + dataBytes;
        long nic = params.nicOverheadTicks() + FabricParams.transferTicks(size, params.nicDmaBitsPerSecond());
        long serialize = FabricParams.transferTicks(size, params.linkBitsPerSecond());
        long onWire = sendTick + nic;
        long upStart = uplinks.get(source).reserve(onWire, serialize);
        long atSwitch = upStart + params.propagationTicks() + params.switchHopTicks();
        long downStart = downlinks.get(destination).reserve(atSwitch, serialize);
        long atNic = downStart + serialize + params.propagationTicks();
        long pollStart = pollers.get(destination).reserve(atNic, params.nicOverheadTicks());
        long arrive = pollStart + params.nicOverheadTicks();
        out.sendTick = sendTick;
        out.arriveTick = arrive;
        out.nicTicks = nic + params.nicOverheadTicks();
        out.switchTicks = params.switchHopTicks();
        out.queueTicks = (upStart - onWire) + (downStart - atSwitch) + (pollStart - atNic);
        out.wireTicks = serialize + 2 * params.propagationTicks();
        out.sequence = sequence++;
        messages++;
        bytes += size;
        messagesByType[type.ordinal()]++;
        bytesByType[type.ordinal()] += size;
        queueTicks += out.queueTicks;
        return out;
    }

    /** Adds the trace record of a request once its handling time is known (no-op when not tracing). */
    public void record(MessageType type, int source, int destination, long dataBytes, Delivery d, long handledTick,
            String detail) {
        record(type, source, destination, dataBytes, d, handledTick, detail, -1);
    }

    /** As {@link #record}, for a reply to the message numbered {@code replyTo}. */
    public void record(MessageType type, int source, int destination, long dataBytes, Delivery d, long handledTick,
            String detail, long replyTo) {
        if (trace != null) {
            trace.accept(new MessageRecord(d.sequence, type, names.get(source), names.get(destination),
                    type.headerBytes() + dataBytes, d.sendTick, d.arriveTick, handledTick, causeCore, causePc,
                    causeVaddr, detail, replyTo, d.nicTicks, d.wireTicks, d.switchTicks, d.queueTicks));
        }
    }

    public long messages() {
        return messages;
    }

    public long bytes() {
        return bytes;
    }

    public long messages(MessageType t) {
        return messagesByType[t.ordinal()];
    }

    public long bytes(MessageType t) {
        return bytesByType[t.ordinal()];
    }

    public void registerStats(StatsRegistry registry) {
        StatGroup g = registry.group("fabric", "messages between components");
        g.reading("messages", "msgs", "messages sent", this::messages);
        g.reading("bytes", "B", "bytes sent, headers included", this::bytes);
        g.reading("queue_ps", "ps", "time messages waited behind earlier traffic on a link", () -> queueTicks);
        for (MessageType t : MessageType.values()) {
            String n = t.name().toLowerCase();
            g.reading("messages." + n, "msgs", t.name() + " messages", () -> messagesByType[t.ordinal()]);
            g.reading("bytes." + n, "B", t.name() + " bytes", () -> bytesByType[t.ordinal()]);
        }
    }
}
