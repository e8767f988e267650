package dev.splitsim.fabric.net;

import dev.splitsim.core.event.Event;
import dev.splitsim.fabric.msg.MessageType;
import java.util.Arrays;

/**
 * One message on the fabric: what it is (a type of the catalogue), who sent it to whom, the request
 * it answers, what caused it (core, thread, pc, virtual address), its header fields and its data.
 * Messages are pooled by the {@link Fabric} and carry their own event from hop to hop, so sending
 * allocates nothing once the pool is warm. The data bytes are the only way bytes cross between
 * components: a receiver reads them, never the sender's memory.
 */
public final class Message extends Event {
    static final int POSTED = 0;
    static final int TX = 1;
    static final int UP = 2;
    static final int DOWN = 3;
    static final int RX = 4;
    static final int PLACED = 5;
    static final int DELIVER = 6;
    static final int DONE = 7;

    private final Fabric fabric;
    MessageType type;
    int source;
    int destination;
    /** The fabric-wide sequence number, given when posted; a request's id. */
    long sequence;
    long replyTo = -1;
    int causeCore = -1;
    int causeThread = -1;
    long causePc = -1;
    long causeVaddr = -1;
    final long[] fields = new long[12];
    private byte[] data = new byte[0];
    private int dataLength;
    /** What the sender wants back with the reply (e.g. the waiting thread); never on the wire. */
    Object context;
    String detail;
    int stage;
    long postTick;
    long txStart;
    long txEnd;
    long upStart;
    long upEnd;
    long downStart;
    long downEnd;
    long rxStart;
    long rxEnd;
    long pollStart = -1;
    long pollEnd = -1;
    long deliverTick;
    long queueTicks;
    /** The RPC client on the requesting node it belongs to (a thread with its own queue pairs); 0 for the node's one. */
    int endpoint;
    /** Packets it goes as (a datagram above the MTU is several); each is a post, an engine pass and a completion. */
    int packets = 1;
    /** The queue-pair context the sending and the receiving NIC look up, and the receiving NIC's buffer translation; -1 for none. */
    long txContext = -1;
    long rxContext = -1;
    long rxTranslation = -1;
    /** Sent again after a receiver-not-ready NAK or a lost datagram. */
    int attempts;
    /** The receiver's service split up (monitor, walk, memory): for statistics and traces only, never on the wire. */
    private final long[] serviceStages = new long[3];
    /** For a reply: its request's latency, NIC, wire and queueing time (statistics only). */
    private final long[] requestStages = new long[4];

    Message(Fabric fabric) {
        super(0);
        this.fabric = fabric;
    }

    void reset(MessageType t, int from, int to) {
        type = t;
        source = from;
        destination = to;
        sequence = -1;
        replyTo = -1;
        causeCore = -1;
        causeThread = -1;
        causePc = -1;
        causeVaddr = -1;
        Arrays.fill(fields, 0);
        dataLength = 0;
        context = null;
        detail = null;
        stage = POSTED;
        pollStart = -1;
        pollEnd = -1;
        queueTicks = 0;
        endpoint = 0;
        packets = 1;
        txContext = -1;
        rxContext = -1;
        rxTranslation = -1;
        attempts = 0;
        Arrays.fill(serviceStages, 0);
        Arrays.fill(requestStages, 0);
    }

    void noteRequest(Message request, long propagationTicks, long switchTicks) {
        requestStages[0] = request.deliverTick - request.postTick;
        requestStages[1] = request.nicTicks(propagationTicks, switchTicks);
        requestStages[2] = request.wireTicks(propagationTicks);
        requestStages[3] = request.queueTicks;
    }

    /** For a reply: how long its request took from posting to delivery. */
    public long requestLatencyTicks() {
        return requestStages[0];
    }

    public long requestNicTicks() {
        return requestStages[1];
    }

    public long requestWireTicks() {
        return requestStages[2];
    }

    public long requestQueueTicks() {
        return requestStages[3];
    }

    /** Notes how the receiver's service time divided (for statistics, never read by a component's logic). */
    public Message stages(long monitorTicks, long walkTicks, long memoryTicks) {
        serviceStages[0] = monitorTicks;
        serviceStages[1] = walkTicks;
        serviceStages[2] = memoryTicks;
        return this;
    }

    public long monitorTicks() {
        return serviceStages[0];
    }

    public long walkTicks() {
        return serviceStages[1];
    }

    public long memoryTicks() {
        return serviceStages[2];
    }

    /**
     * The sender's software, both NIC engines and the receiver's polling: the latency less the
     * wire, the switch and queueing.
     */
    public long nicTicks(long propagationTicks, long switchTicks) {
        return (deliverTick - postTick) - wireTicks(propagationTicks) - switchTicks - queueTicks;
    }

    /** Serialization on the link plus propagation on both links. */
    public long wireTicks(long propagationTicks) {
        return (upEnd - upStart) + 2 * propagationTicks;
    }

    @Override
    protected void fire(long tick) {
        fabric.advance(this, tick);
    }

    public MessageType type() {
        return type;
    }

    public int source() {
        return source;
    }

    public int destination() {
        return destination;
    }

    public long sequence() {
        return sequence;
    }

    /** The sequence number of the request this message answers, -1 for a request. */
    public long replyTo() {
        return replyTo;
    }

    public Message cause(int core, int thread, long pc, long vaddr) {
        causeCore = core;
        causeThread = thread;
        causePc = pc;
        causeVaddr = vaddr;
        return this;
    }

    public int causeCore() {
        return causeCore;
    }

    public int causeThread() {
        return causeThread;
    }

    public long causePc() {
        return causePc;
    }

    public long causeVaddr() {
        return causeVaddr;
    }

    /** Sets header field {@code name} of the catalogue's layout. */
    public Message set(String name, long value) {
        int i = type.field(name);
        if (i < 0) {
            throw new IllegalArgumentException(type + " has no field " + name);
        }
        fields[i] = value;
        return this;
    }

    public long get(String name) {
        int i = type.field(name);
        if (i < 0) {
            throw new IllegalArgumentException(type + " has no field " + name);
        }
        return fields[i];
    }

    /** The value of header field {@code index} in the catalogue's order. */
    public long field(int index) {
        return fields[index];
    }

    /** Makes room for {@code length} data bytes and returns the array to fill (from index 0). */
    public byte[] data(int length) {
        if (data.length < length) {
            data = new byte[Math.max(length, data.length * 2)];
        }
        dataLength = length;
        return data;
    }

    /** The data bytes (valid up to {@link #dataLength()}). */
    public byte[] data() {
        return data;
    }

    public int dataLength() {
        return dataLength;
    }

    /** Copies {@code length} bytes in as the message's data. */
    public Message putData(byte[] from, int offset, int length) {
        System.arraycopy(from, offset, data(length), 0, length);
        return this;
    }

    /** Bytes on the wire: the header fields and the data. */
    public long wireBytes() {
        return type.headerBytes() + dataLength;
    }

    /** Marks the message as client {@code id}'s of its node (a benchmark's many clients on one node). */
    public Message endpoint(int id) {
        endpoint = id;
        return this;
    }

    public int endpoint() {
        return endpoint;
    }

    /** The queue-pair contexts its sending and receiving NICs look up, and the receiver's buffer translation. */
    public Message nicState(long sendContext, long receiveContext, long receiveTranslation) {
        txContext = sendContext;
        rxContext = receiveContext;
        rxTranslation = receiveTranslation;
        return this;
    }

    public int packets() {
        return packets;
    }

    public Object context() {
        return context;
    }

    public Message context(Object c) {
        context = c;
        return this;
    }

    /** A decoded description for traces, set by the sender only while tracing. */
    public Message detail(String d) {
        detail = d;
        return this;
    }

    /** When the sender posted it. */
    public long postTick() {
        return postTick;
    }

    /** When the receiver's software (or NIC) got it. */
    public long deliverTick() {
        return deliverTick;
    }

    public long queueTicks() {
        return queueTicks;
    }
}
