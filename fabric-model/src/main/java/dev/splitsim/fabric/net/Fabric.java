package dev.splitsim.fabric.net;

import dev.splitsim.core.event.EventQueue;
import dev.splitsim.core.event.Resource;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.msg.Role;
import dev.splitsim.fabric.msg.Verb;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Components joined by one switch, every hop an event on the machine's {@link EventQueue}. A posted
 * message goes through the sender's NIC engine (work request, DMA of its bytes), the sender's
 * uplink (serialization), propagation and the switch hop (cut-through: the downlink starts after
 * the header), the receiver's downlink, propagation and the receiver's NIC engine (DMA into host
 * memory). Then it depends on the verb: a two-sided message or WRITE_WITH_IMM waits for the
 * receiver's one polling thread, which hands it to the component's software; a WRITE into a
 * caller's reply buffer is seen by the caller spinning on it; a raw verb (the RDMA_* types, the
 * verbs layer's) is served by the receiving NIC alone, which answers with a NIC-generated ACK or
 * response (a READ's or atomic's after the NIC has read the target's memory). Every engine, link direction and poller is a first-come-first-served
 * {@link Resource}, so no resource serves two messages at once and queueing is real.
 */
public final class Fabric {
    private final FabricParams params;
    private final EventQueue events;
    private final List<Node> nodes = new ArrayList<>();
    private final ArrayDeque<Message> pool = new ArrayDeque<>();
    private final long[] messagesByType = new long[MessageType.values().length];
    private final long[] bytesByType = new long[MessageType.values().length];
    private long messages;
    private long bytes;
    private long queueTicks;
    private long sequence;
    private long inFlight;
    private long messageObjects;
    private Consumer<MessageRecord> trace;
    private Consumer<Message> inFlightHook;

    public Fabric(FabricParams params, EventQueue events) {
        this.params = params;
        this.events = events;
    }

    public FabricParams params() {
        return params;
    }

    public EventQueue events() {
        return events;
    }

    /** Adds a node (a component's NIC) and returns its id. */
    public int addNode(String name) {
        nodes.add(new Node(nodes.size(), name));
        return nodes.size() - 1;
    }

    public Node node(int id) {
        return nodes.get(id);
    }

    public String nodeName(int node) {
        return nodes.get(node).name;
    }

    public int nodes() {
        return nodes.size();
    }

    /** The software that takes node {@code node}'s two-sided messages and replies. */
    public void attach(int node, Receiver receiver) {
        nodes.get(node).receiver = receiver;
    }

    /** What node {@code node}'s NIC does with one-sided verbs (the verbs layer). */
    public void attachNic(int node, OneSidedTarget target) {
        nodes.get(node).nicTarget = target;
    }

    /** Records every message from now on; null stops tracing. */
    public void setTrace(Consumer<MessageRecord> sink) {
        this.trace = sink;
    }

    public boolean tracing() {
        return trace != null;
    }

    /**
     * A test hook: sees every message with data as it reaches the receiving NIC, and may change its
     * bytes (to prove that receivers use only what arrives). Not a user option.
     */
    public void setInFlightHook(Consumer<Message> hook) {
        this.inFlightHook = hook;
    }

    /** A message from the pool, reset to {@code type} from {@code source} to {@code destination}. */
    public Message obtain(MessageType type, int source, int destination) {
        Message m = pool.poll();
        if (m == null) {
            m = new Message(this);
            messageObjects++;
        }
        m.reset(type, source, destination);
        return m;
    }

    /** A reply to {@code request}, from its destination back to its source, with the request's cause. */
    public Message replyTo(Message request) {
        Message r = obtain(request.type.reply(), request.destination, request.source);
        r.replyTo = request.sequence;
        r.context = request.context;
        r.causeCore = request.causeCore;
        r.causeThread = request.causeThread;
        r.causePc = request.causePc;
        r.causeVaddr = request.causeVaddr;
        r.noteRequest(request, params.propagationTicks(), params.switchHopTicks());
        return r;
    }

    /** Posts {@code m} at {@code tick} (now or later); returns its sequence number. */
    public long post(Message m, long tick) {
        return send(m, tick, softwareSendTicks(m.type));
    }

    /**
     * The sender's NIC sends {@code m} again by itself at {@code tick} (a reliable connection
     * retransmitting after a NAK): no software posts it, so it goes straight to the NIC engine.
     */
    public long retransmit(Message m, long tick) {
        return send(m, tick, 0);
    }

    private long send(Message m, long tick, long softwareTicks) {
        m.sequence = sequence++;
        m.postTick = tick;
        m.stage = Message.TX;
        long size = m.wireBytes();
        messages++;
        bytes += size;
        messagesByType[m.type.ordinal()]++;
        bytesByType[m.type.ordinal()] += size;
        inFlight++;
        events.schedule(m, tick + softwareTicks + responderReadTicks(m.type));
        return m.sequence;
    }

    /** A READ's or an atomic's response waits for the responding NIC to read the target's memory. */
    private long responderReadTicks(MessageType t) {
        Verb v = t.verb();
        return v == Verb.READ_RESPONSE || v == Verb.ATOMIC_RESPONSE ? params.responderReadTicks() : 0;
    }

    /** A send that expects no acknowledgement (a datagram): the sender's NIC reports it once it has left. */
    private static boolean unacknowledged(MessageType t) {
        return t.verb() == Verb.SEND && !t.isRequest();
    }

    /** Raw verbs (the RDMA_* types) skip the RPC layer; the split kernel's messages go through it. */
    private static boolean viaRpc(MessageType t) {
        return !t.name().startsWith("RDMA_");
    }

    /** What the sender's software spends before its NIC sees the message; nothing for a NIC's own answers. */
    private long softwareSendTicks(MessageType t) {
        if (!sentBySoftware(t)) {
            return 0;
        }
        return params.postTicks() + (viaRpc(t) ? params.rpcTicks() : 0);
    }

    private long dmaTicks(Message m) {
        long rate = viaRpc(m.type) ? params.ringDmaBitsPerSecond() : params.regionDmaBitsPerSecond();
        return FabricParams.transferTicks(m.wireBytes(), rate);
    }

    /** The hops of a message, one event each. */
    void advance(Message m, long now) {
        Node from = nodes.get(m.source);
        Node to = nodes.get(m.destination);
        switch (m.stage) {
            case Message.TX: {
                long gather = m.dataLength() > params.inlineBytes() && sentBySoftware(m.type) ? params.pcieReadTicks() : 0;
                long service = params.nicTicks() + gather + dmaTicks(m);
                long start = from.tx.serve(now, service);
                m.queueTicks += start - now;
                m.txStart = start;
                m.txEnd = start + service;
                m.stage = Message.UP;
                events.schedule(m, m.txEnd);
                break;
            }
            case Message.UP: {
                if (from.nicTarget != null && unacknowledged(m.type)) {
                    from.nicTarget.left(m, now);
                }
                long serialize = FabricParams.transferTicks(m.wireBytes(), params.linkBitsPerSecond());
                long start = from.uplink.serve(now, serialize);
                m.queueTicks += start - now;
                m.upStart = start;
                m.upEnd = start + serialize;
                m.stage = Message.DOWN;
                events.schedule(m, start + params.propagationTicks() + params.switchHopTicks());
                break;
            }
            case Message.DOWN: {
                long serialize = FabricParams.transferTicks(m.wireBytes(), params.linkBitsPerSecond());
                long start = to.downlink.serve(now, serialize);
                m.queueTicks += start - now;
                m.downStart = start;
                m.downEnd = start + serialize;
                m.stage = Message.RX;
                events.schedule(m, m.downEnd + params.propagationTicks());
                break;
            }
            case Message.RX: {
                if (inFlightHook != null && m.dataLength() > 0) {
                    inFlightHook.accept(m);
                }
                long service = params.nicTicks() + dmaTicks(m);
                long start = to.rx.serve(now, service);
                m.queueTicks += start - now;
                m.rxStart = start;
                m.rxEnd = start + service;
                m.stage = Message.PLACED;
                events.schedule(m, m.rxEnd);
                break;
            }
            case Message.PLACED: {
                queueTicks += m.queueTicks;
                if (m.type.handler() == Role.NIC) {
                    m.stage = Message.DONE;
                    m.deliverTick = now;
                    inFlight--;
                    to.nicTarget.arrived(m, now);
                    break;
                }
                long software = params.completionTicks() + (viaRpc(m.type) ? params.rpcTicks() : 0);
                m.stage = Message.DELIVER;
                if (m.type.verb().reachesSoftware()) {
                    long start = to.poller.serve(now, software);
                    m.queueTicks += start - now;
                    queueTicks += start - now;
                    m.pollStart = start;
                    m.pollEnd = start + software;
                    events.schedule(m, m.pollEnd);
                } else {
                    events.schedule(m, now + software);
                }
                break;
            }
            case Message.DELIVER:
                m.stage = Message.DONE;
                m.deliverTick = now;
                inFlight--;
                if (to.receiver == null) {
                    throw new IllegalStateException("no software attached to " + to.name + " for " + m.type);
                }
                to.receiver.receive(m, now);
                break;
            default:
                throw new IllegalStateException("message " + m.sequence + " fired in stage " + m.stage);
        }
    }

    private static boolean sentBySoftware(MessageType t) {
        Verb v = t.verb();
        return v != Verb.ACK && v != Verb.READ_RESPONSE && v != Verb.ATOMIC_RESPONSE;
    }

    /**
     * The receiver is done with {@code m}: its handler ran on monitor worker {@code worker} (-1 for
     * none) from {@code startTick} to {@code endTick}. Records it when tracing and returns it to the pool.
     */
    public void handled(Message m, int worker, long startTick, long endTick) {
        if (trace != null) {
            trace.accept(record(m, worker, startTick, endTick));
        }
        release(m);
    }

    /** Returns a message to the pool without a trace record (one the sender took back). */
    public void release(Message m) {
        m.context = null;
        m.detail = null;
        pool.add(m);
    }

    private MessageRecord record(Message m, int worker, long startTick, long endTick) {
        long prop = params.propagationTicks();
        long sw = params.switchHopTicks();
        return new MessageRecord(m.sequence, m.type, nodes.get(m.source).name, nodes.get(m.destination).name,
                m.wireBytes(), m.postTick, m.deliverTick, Math.max(endTick, m.deliverTick), m.causeCore, m.causePc,
                m.causeVaddr, m.detail, m.replyTo, m.nicTicks(prop, sw), m.wireTicks(prop), sw, m.queueTicks,
                new MessageRecord.Occupancy(m.txStart, m.txEnd, m.upStart, m.upEnd, m.downStart, m.downEnd,
                        m.rxStart, m.rxEnd, m.pollStart, m.pollEnd, worker, startTick));
    }

    /** Message objects made so far: the pool's size once every message is back in it. */
    public long messageObjects() {
        return messageObjects;
    }

    /** Messages posted and not yet delivered. */
    public long inFlight() {
        return inFlight;
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

    /** Time messages waited for a busy NIC engine, link or poller, in ticks. */
    public long queueTicks() {
        return queueTicks;
    }

    public void registerStats(StatsRegistry registry) {
        StatGroup g = registry.group("fabric", "messages between components");
        g.reading("messages", "msgs", "messages sent", this::messages);
        g.reading("bytes", "B", "bytes sent, headers included", this::bytes);
        g.reading("queue_ps", "ps", "time messages waited for a busy NIC engine, link or poller", () -> queueTicks);
        for (MessageType t : MessageType.values()) {
            String n = t.name().toLowerCase();
            g.reading("messages." + n, "msgs", t.name() + " messages", () -> messagesByType[t.ordinal()]);
            g.reading("bytes." + n, "B", t.name() + " bytes", () -> bytesByType[t.ordinal()]);
        }
        for (Node n : nodes) {
            for (Resource r : new Resource[] {n.tx, n.rx, n.uplink, n.downlink, n.poller}) {
                g.reading("busy." + r.name() + "_ps", "ps", "time " + r.name() + " was busy", r::busyTicks);
                g.reading("wait." + r.name() + "_ps", "ps", "time messages waited for " + r.name(), r::waitTicks);
            }
        }
    }
}
