package dev.splitsim.fabric.net;

import dev.splitsim.core.event.EventQueue;
import dev.splitsim.core.event.Resource;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.msg.Role;
import dev.splitsim.fabric.msg.Verb;
import dev.splitsim.fabric.rpc.RpcParams;
import dev.splitsim.fabric.rpc.RpcStyle;
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
 *
 * <p>The split kernel's messages travel in the configured {@link RpcStyle}: it decides which queue
 * pair's context each NIC looks up (one per client and server pair on a connection, one per thread
 * for datagrams), which buffer the request lands in, into how many packets a datagram is cut, and
 * what happens to a request that finds no receive posted. A NIC engine pass that needs a context or
 * translation its cache does not hold stalls for {@link NicParams#fetchTicks()}.
 */
public final class Fabric {
    /** Context and translation keys: a raw verbs queue pair or region (by number or key), an RPC thread's datagram pair, an RPC buffer. */
    private static final long VERBS = 1L << 62;
    private static final long DATAGRAM = 1L << 61;
    private static final long BUFFER = 1L << 60;
    /** The receive count of a node's one shared receive queue, beside its connections' own. */
    private static final long SHARED_RECEIVES = -2;

    private final FabricParams params;
    private final NicParams nic;
    private final RpcParams rpc;
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
    private long rnrNaks;
    private long datagramsLost;
    private long packets;
    private Consumer<MessageRecord> trace;
    private Consumer<Message> inFlightHook;

    public Fabric(FabricParams params, EventQueue events) {
        this(params, events, NicParams.UNBOUNDED, RpcParams.LEGOOS);
    }

    public Fabric(FabricParams params, EventQueue events, NicParams nic, RpcParams rpc) {
        this.params = params;
        this.events = events;
        this.nic = nic;
        this.rpc = rpc;
    }

    public NicParams nicParams() {
        return nic;
    }

    public RpcParams rpcParams() {
        return rpc;
    }

    /** The context key of raw verbs queue pair {@code number} in its node's NIC. */
    public static long verbsQueuePair(int number) {
        return VERBS | (number & 0xffffffffL);
    }

    /** The translation key of the raw verbs region whose remote key is {@code remoteKey}. */
    public static long verbsRegion(int remoteKey) {
        return VERBS | BUFFER | (remoteKey & 0xffffffffL);
    }

    /** Node {@code node}'s NIC sets up a queue pair or registers a region: the entry passes through its caches. */
    public void load(int node, long context, long translation) {
        Node n = nodes.get(node);
        if (context >= 0) {
            n.contexts.load(context);
        }
        if (translation >= 0) {
            n.translations.load(translation);
        }
    }

    public FabricParams params() {
        return params;
    }

    public EventQueue events() {
        return events;
    }

    /** Adds a node (a component's NIC) and returns its id. */
    public int addNode(String name) {
        nodes.add(new Node(nodes.size(), name, rpc.pollers(), nic));
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
        r.endpoint = request.endpoint;
        r.txContext = request.rxContext;
        r.rxContext = request.txContext;
        r.noteRequest(request, params.propagationTicks(), params.switchHopTicks());
        return r;
    }

    /** Posts {@code m} at {@code tick} (now or later); returns its sequence number. */
    public long post(Message m, long tick) {
        if (viaRpc(m.type)) {
            stamp(m);
        }
        return send(m, tick, softwareSendTicks(m));
    }

    /**
     * What the RPC style makes of a split-kernel message: the queue pairs whose contexts its NICs look
     * up, the buffer it lands in, its packets. The requester is the client; a connection is its
     * endpoint and the server's node.
     */
    private void stamp(Message m) {
        RpcStyle s = rpc.style();
        boolean request = m.type.isRequest();
        int client = request ? m.source : m.destination;
        int server = request ? m.destination : m.source;
        long atClient = connection(server, m.endpoint);
        long atServer = connection(client, m.endpoint);
        long clientDatagram = DATAGRAM | m.endpoint;
        if (request) {
            boolean c = s.connectedRequest();
            m.txContext = c ? atClient : clientDatagram;
            m.rxContext = c ? atServer : DATAGRAM;
            m.rxTranslation = BUFFER | (s.sharedServerBuffers() ? 0 : atServer);
        } else {
            boolean c = s.connectedReply();
            m.txContext = c ? atServer : DATAGRAM;
            m.rxContext = c ? atClient : clientDatagram;
            m.rxTranslation = BUFFER | m.rxContext;
        }
        m.packets = s.datagram(request) ? (int) Math.max(1, (m.wireBytes() + rpc.mtuBytes() - 1) / rpc.mtuBytes()) : 1;
        packets += m.packets;
        connect(nodes.get(m.source), m.txContext, -1);
        connect(nodes.get(m.destination), m.rxContext, m.rxTranslation);
    }

    private static long connection(int peer, int endpoint) {
        return ((long) peer << 24) | (endpoint & 0xffffffL);
    }

    /** A connection's first message sets it up: its context and buffer pass through the NIC, which then caches them. */
    private static void connect(Node n, long context, long translation) {
        if (n.connected.add(context)) {
            n.contexts.load(context);
        }
        if (translation >= 0 && n.connected.add(translation)) {
            n.translations.load(translation);
        }
    }

    /** Engine time to fetch whatever of a context and a translation the NIC's caches miss. */
    private long fetchTicks(Node n, long context, long translation) {
        long t = 0;
        if (context >= 0 && !n.contexts.touch(context)) {
            t += nic.fetchTicks();
        }
        if (translation >= 0 && !n.translations.touch(translation)) {
            t += nic.fetchTicks();
        }
        return t;
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

    /** What the sender's software spends before its NIC sees the message (a post per packet); nothing for a NIC's own answers. */
    private long softwareSendTicks(Message m) {
        if (!sentBySoftware(m.type)) {
            return 0;
        }
        return params.postTicks() * m.packets + (viaRpc(m.type) ? params.rpcTicks() : 0);
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
                long service = params.nicTicks() * m.packets + gather + dmaTicks(m) + fetchTicks(from, m.txContext, -1);
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
                if (m.type.isRequest() && viaRpc(m.type) && !takeReceive(to, m)) {
                    refused(m, now);
                    break;
                }
                long service = params.nicTicks() * m.packets + dmaTicks(m) + fetchTicks(to, m.rxContext, m.rxTranslation);
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
                long software = params.completionTicks() * m.packets + (viaRpc(m.type) ? params.rpcTicks() : 0);
                m.stage = Message.DELIVER;
                if (m.type.verb().reachesSoftware()) {
                    long start = to.freePoller().serve(now, software);
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
                if (m.type.isRequest() && viaRpc(m.type)) {
                    repost(to, m);
                }
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

    /** The receive counter a request at {@code n} draws on; null key when its style consumes none. */
    private long receiveKey(Message m) {
        return rpc.style().sharedServerBuffers() ? SHARED_RECEIVES : m.rxContext;
    }

    /** Whether a receive was posted for the arriving request (taken if so); always true when the style needs none. */
    private boolean takeReceive(Node n, Message m) {
        RpcStyle.Credits c = rpc.style().credits();
        if (c == RpcStyle.Credits.NONE) {
            return true;
        }
        long key = receiveKey(m);
        int posted = n.receives.get(key);
        if (posted < 0) {
            posted = c == RpcStyle.Credits.DROP ? rpc.sharedReceiveDepth() : rpc.receiveDepth();
        }
        if (posted == 0) {
            n.receives.put(key, 0);
            return false;
        }
        n.receives.put(key, posted - 1);
        return true;
    }

    /** The polling thread has taken the request: it posts the receive again. */
    private void repost(Node n, Message m) {
        if (rpc.style().credits() != RpcStyle.Credits.NONE) {
            long key = receiveKey(m);
            n.receives.put(key, n.receives.get(key) + 1);
        }
    }

    /**
     * No receive for the request: on a connection the server's NIC NAKs it and the client's NIC sends
     * it again after the RNR delay; a datagram is lost and the client's RPC layer sends it again after
     * its timeout. Either way it goes straight back to the client's NIC engine.
     */
    private void refused(Message m, long now) {
        m.attempts++;
        m.stage = Message.TX;
        if (rpc.style().credits() == RpcStyle.Credits.RECEIVER_NOT_READY) {
            rnrNaks++;
            long nak = 2 * params.nicTicks() + 2 * params.propagationTicks() + params.switchHopTicks()
                    + FabricParams.transferTicks(MessageType.RDMA_ACK.headerBytes(), params.linkBitsPerSecond());
            events.schedule(m, now + nak + rpc.rnrDelayTicks());
        } else {
            datagramsLost++;
            events.schedule(m, m.txEnd + rpc.retransmitTicks());
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

    /** Context and translation lookups every NIC missed so far. */
    public long contextMisses() {
        long t = 0;
        for (Node n : nodes) {
            t += n.contexts.misses() + n.translations.misses();
        }
        return t;
    }

    public long rnrNaks() {
        return rnrNaks;
    }

    public long datagramsLost() {
        return datagramsLost;
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
        g.reading("rpc.packets", "packets", "packets the split kernel's messages went as (datagrams above the MTU are several)",
                () -> packets);
        g.reading("rpc.rnr_naks", "naks", "requests NAKed for want of a posted receive, sent again after the RNR delay",
                () -> rnrNaks);
        g.reading("rpc.datagrams_lost", "msgs", "request datagrams dropped for want of a posted receive, sent again after the timeout",
                () -> datagramsLost);
        g.reading("nic.context_misses", "misses", "queue-pair contexts and translations fetched over PCIe by all NICs",
                this::contextMisses);
        for (Node n : nodes) {
            List<Resource> resources = new ArrayList<>(List.of(n.tx, n.rx, n.uplink, n.downlink));
            resources.addAll(List.of(n.pollers));
            for (Resource r : resources) {
                g.reading("busy." + r.name() + "_ps", "ps", "time " + r.name() + " was busy", r::busyTicks);
                g.reading("wait." + r.name() + "_ps", "ps", "time messages waited for " + r.name(), r::waitTicks);
            }
            String p = "nic." + n.name + ".";
            g.reading(p + "qp_context_hits", "lookups", "queue-pair contexts " + n.name + "'s NIC found cached", n.contexts::hits);
            g.reading(p + "qp_context_misses", "lookups", "queue-pair contexts " + n.name + "'s NIC fetched over PCIe",
                    n.contexts::misses);
            g.reading(p + "translation_hits", "lookups", "region translations " + n.name + "'s NIC found cached",
                    n.translations::hits);
            g.reading(p + "translation_misses", "lookups", "region translations " + n.name + "'s NIC fetched over PCIe",
                    n.translations::misses);
        }
    }
}
