package dev.splitsim.fabric.verbs;

import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.fabric.net.OneSidedTarget;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;

/**
 * One node's RDMA NIC as the verbs see it: its registered memory regions, queue pairs, completion
 * queues and shared receive queues. It answers every verb that reaches the node by itself: it
 * places WRITE data, reads READ data, performs atomics, consumes receives for SEND and
 * WRITE_WITH_IMM and writes their completions, and sends the ACK, NAK or response. No polling thread
 * or software of the component runs for any of it; the software sees only completions it polls.
 * Memory moves only through message payloads: the NIC reads its own node's {@link RegionMemory}
 * into what it sends and writes what arrives into it.
 */
public final class VerbsDevice implements OneSidedTarget, PinnedRanges {
    private static final VarHandle LONG_LE = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final Fabric fabric;
    private final int node;
    private final RegionMemory memory;
    private final VerbsParams params;
    private final Int2ObjectOpenHashMap<MemoryRegion> byLocalKey = new Int2ObjectOpenHashMap<>();
    private final Int2ObjectOpenHashMap<MemoryRegion> byRemoteKey = new Int2ObjectOpenHashMap<>();
    private final List<MemoryRegion> regions = new ArrayList<>();
    private final Int2ObjectOpenHashMap<QueuePair> queuePairs = new Int2ObjectOpenHashMap<>();
    private final byte[] word = new byte[Long.BYTES];
    private int regionsMade;
    private int nextQueuePair = 1;
    private long rnrNaksSent;
    private long rnrRetries;
    private long outOfSequence;
    private long datagramsDropped;
    private long accessErrorsSent;
    /** Non-null when the node's memory is persistent: WRITE data is durable only once flushed. */
    private PersistCost persist;
    private long persistedBytes;
    private long persistTicks;
    private long readFlushes;

    /** The verbs of node {@code node}, whose memory is {@code memory}; takes over the node's NIC. */
    public VerbsDevice(Fabric fabric, int node, RegionMemory memory, VerbsParams params) {
        this.fabric = fabric;
        this.node = node;
        this.memory = memory;
        this.params = params;
        fabric.attachNic(node, this);
    }

    public int node() {
        return node;
    }

    /**
     * Makes the node's memory persistent. A WRITE's bytes then sit in the memory system's volatile
     * buffers until flushed: a READ on the same connection after it is answered only once every byte
     * the connection wrote before is durable (the remote flush by READ-after-WRITE), at {@code cost}.
     */
    public void persistent(PersistCost cost) {
        this.persist = cost;
    }

    /** Bytes written by peers and made durable by a READ-after-WRITE flush. */
    public long persistedBytes() {
        return persistedBytes;
    }

    /** Time READ responses waited for written bytes to become durable, in ticks. */
    public long persistTicks() {
        return persistTicks;
    }

    /** READs that had written bytes to flush first. */
    public long readFlushes() {
        return readFlushes;
    }

    Fabric fabric() {
        return fabric;
    }

    RegionMemory memory() {
        return memory;
    }

    VerbsParams params() {
        return params;
    }

    /**
     * Registers {@code [base, base + length)} with the access flags of {@link Access}; the region is
     * pinned until {@link #deregister}. Keys are unique on this node and differ between nodes.
     */
    public MemoryRegion register(long base, long length, int access) {
        if (length <= 0 || base < 0 || base > Long.MAX_VALUE - length) {
            throw new IllegalArgumentException("a region needs a positive length inside the address space");
        }
        int index = regionsMade++;
        int localKey = ((node + 1) << 20) | (index << 1);
        MemoryRegion r = new MemoryRegion(node, base, length, localKey, localKey | 1, access);
        byLocalKey.put(r.localKey(), r);
        byRemoteKey.put(r.remoteKey(), r);
        regions.add(r);
        fabric.load(node, -1, Fabric.verbsRegion(r.remoteKey()));
        return r;
    }

    /** The region's keys stop working and its memory is no longer pinned. */
    public void deregister(MemoryRegion r) {
        if (r.node() != node || !r.registered) {
            throw new IllegalArgumentException("region is not registered on node " + node);
        }
        r.registered = false;
        byLocalKey.remove(r.localKey());
        byRemoteKey.remove(r.remoteKey());
        regions.remove(r);
    }

    /**
     * Whether any byte of the range lies in a registered region. Regions are few (a transport
     * registers its buffers once), so a scan is enough.
     */
    @Override
    public boolean isPinned(long address, long length) {
        for (int i = 0; i < regions.size(); i++) {
            if (regions.get(i).overlaps(address, length)) {
                return true;
            }
        }
        return false;
    }

    public CompletionQueue createCompletionQueue(int capacity) {
        return new CompletionQueue(capacity, fabric.events(), fabric.params().completionTicks());
    }

    /** A receive queue that queue pairs of this node created with it share. */
    public ReceiveQueue createSharedReceiveQueue(int capacity) {
        return new ReceiveQueue(this, capacity, true);
    }

    /** A queue pair with its own receive queue of {@code receiveDepth} buffers. */
    public QueuePair createQueuePair(Transport transport, CompletionQueue sendCompletions,
            CompletionQueue receiveCompletions, int sendDepth, int receiveDepth) {
        return add(new QueuePair(this, transport, nextQueuePair, sendCompletions, receiveCompletions,
                new ReceiveQueue(this, receiveDepth, false), sendDepth));
    }

    /** A queue pair taking its receives from the shared receive queue {@code shared}. */
    public QueuePair createQueuePair(Transport transport, CompletionQueue sendCompletions,
            CompletionQueue receiveCompletions, int sendDepth, ReceiveQueue shared) {
        if (!shared.shared()) {
            throw new IllegalArgumentException("not a shared receive queue");
        }
        return add(new QueuePair(this, transport, nextQueuePair, sendCompletions, receiveCompletions, shared, sendDepth));
    }

    private QueuePair add(QueuePair qp) {
        fabric.load(node, Fabric.verbsQueuePair(qp.number()), -1);
        queuePairs.put(nextQueuePair++, qp);
        return qp;
    }

    public QueuePair queuePair(int number) {
        return queuePairs.get(number);
    }

    /** Whether the local key names a region holding the range with the wanted rights. */
    boolean localAccess(int localKey, long address, long length, int wanted) {
        MemoryRegion r = byLocalKey.get(localKey);
        return r != null && r.contains(address, length) && r.allows(wanted);
    }

    private boolean remoteAccess(int remoteKey, long address, long length, int wanted) {
        MemoryRegion r = byRemoteKey.get(remoteKey);
        return r != null && r.contains(address, length) && r.allows(wanted);
    }

    void storeLong(long address, long value) {
        LONG_LE.set(word, 0, value);
        memory.write(address, word, 0, Long.BYTES);
    }

    private long loadLong(long address) {
        memory.read(address, word, 0, Long.BYTES);
        return (long) LONG_LE.get(word, 0);
    }

    void countRnrRetry() {
        rnrRetries++;
    }

    @Override
    public void arrived(Message m, long tick) {
        switch (m.type()) {
            case RDMA_ACK:
            case RDMA_READ_RESPONSE:
            case RDMA_ATOMIC_RESPONSE: {
                SendWork w = (SendWork) m.context();
                w.queuePair.responded(w, m, tick);
                break;
            }
            case RDMA_SEND_UD:
                datagram(m, tick);
                break;
            case RDMA_SEND:
            case RDMA_WRITE:
            case RDMA_WRITE_IMM:
            case RDMA_READ:
            case RDMA_CAS:
            case RDMA_FETCH_ADD:
                request(m, tick);
                break;
            default:
                throw new IllegalStateException(m.type() + " is not a verb");
        }
        fabric.handled(m, -1, tick, tick);
    }

    @Override
    public void left(Message m, long tick) {
        SendWork w = (SendWork) m.context();
        w.queuePair.left(w, tick);
    }

    /** The responder side of a reliable connection. */
    private void request(Message m, long now) {
        QueuePair qp = queuePairs.get((int) m.get("qpn"));
        if (qp == null || qp.transport() != Transport.RC || qp.remoteNode() != m.source()) {
            datagramsDropped++;
            return;
        }
        long sequence = m.get("psn");
        if (sequence != qp.expectedSequence) {
            // Behind a NAKed request: the requester sends it again with everything after it.
            outOfSequence++;
            return;
        }
        Message response = fabric.replyTo(m);
        int syndrome;
        long flushTicks = 0;
        switch (m.type()) {
            case RDMA_WRITE:
                syndrome = write(m);
                if (syndrome == Syndrome.ACK && persist != null) {
                    qp.unflushedBytes += m.dataLength();
                }
                break;
            case RDMA_WRITE_IMM:
                syndrome = writeWithImmediate(qp, m, now);
                break;
            case RDMA_SEND:
                syndrome = send(qp, m, now);
                break;
            case RDMA_READ:
                syndrome = read(m, response);
                flushTicks = flush(qp);
                break;
            default:
                syndrome = atomic(m, response);
                break;
        }
        if (syndrome == Syndrome.RNR_NAK) {
            rnrNaksSent++;
        } else {
            qp.expectedSequence++;
        }
        if (syndrome == Syndrome.REMOTE_ACCESS_ERROR) {
            accessErrorsSent++;
        }
        response.set("syndrome", syndrome).set("psn", sequence);
        fabric.post(response, now + flushTicks);
    }

    /** A READ behind WRITEs on its connection: their bytes are made durable before it is answered. */
    private long flush(QueuePair qp) {
        if (persist == null || qp.unflushedBytes == 0) {
            return 0;
        }
        long t = persist.ticks(qp.unflushedBytes);
        persistedBytes += qp.unflushedBytes;
        persistTicks += t;
        readFlushes++;
        qp.unflushedBytes = 0;
        return t;
    }

    private int write(Message m) {
        long address = m.get("raddr");
        int length = m.dataLength();
        if (!remoteAccess((int) m.get("rkey"), address, length, Access.REMOTE_WRITE)) {
            return Syndrome.REMOTE_ACCESS_ERROR;
        }
        if (length > 0) {
            memory.write(address, m.data(), 0, length);
        }
        return Syndrome.ACK;
    }

    private int writeWithImmediate(QueuePair qp, Message m, long now) {
        if (m.dataLength() > 0
                && !remoteAccess((int) m.get("rkey"), m.get("raddr"), m.dataLength(), Access.REMOTE_WRITE)) {
            return Syndrome.REMOTE_ACCESS_ERROR;
        }
        if (qp.receiveQueue().empty()) {
            return Syndrome.RNR_NAK;
        }
        write(m);
        qp.completeReceive(WorkOpcode.RECV_WITH_IMM, WorkStatus.SUCCESS, m.dataLength(), true, (int) m.get("imm"),
                m.source(), qp.remoteQueuePair(), now);
        return Syndrome.ACK;
    }

    private int send(QueuePair qp, Message m, long now) {
        ReceiveQueue rq = qp.receiveQueue();
        if (rq.empty()) {
            return Syndrome.RNR_NAK;
        }
        if (!deliver(qp, m, qp.remoteQueuePair(), now)) {
            return Syndrome.REMOTE_INVALID_REQUEST;
        }
        return Syndrome.ACK;
    }

    /** Lands a SEND's bytes in the receive at the head of the pair's queue; false when they do not fit. */
    private boolean deliver(QueuePair qp, Message m, int sourceQueuePair, long now) {
        ReceiveQueue rq = qp.receiveQueue();
        int length = m.dataLength();
        if (length > rq.headLength()) {
            qp.completeReceive(WorkOpcode.RECV, WorkStatus.LOCAL_LENGTH_ERROR, 0, false, 0, m.source(),
                    sourceQueuePair, now);
            return false;
        }
        if (length > 0) {
            memory.write(rq.headAddress(), m.data(), 0, length);
        }
        qp.completeReceive(WorkOpcode.RECV, WorkStatus.SUCCESS, length, false, 0, m.source(), sourceQueuePair, now);
        return true;
    }

    private int read(Message m, Message response) {
        long address = m.get("raddr");
        int length = (int) m.get("length");
        if (length < 0 || !remoteAccess((int) m.get("rkey"), address, length, Access.REMOTE_READ)) {
            return Syndrome.REMOTE_ACCESS_ERROR;
        }
        if (length > 0) {
            memory.read(address, response.data(length), 0, length);
        }
        return Syndrome.ACK;
    }

    private int atomic(Message m, Message response) {
        long address = m.get("raddr");
        if ((address & (Long.BYTES - 1)) != 0) {
            return Syndrome.REMOTE_INVALID_REQUEST;
        }
        if (!remoteAccess((int) m.get("rkey"), address, Long.BYTES, Access.REMOTE_ATOMIC)) {
            return Syndrome.REMOTE_ACCESS_ERROR;
        }
        long original = loadLong(address);
        if (m.type() == MessageType.RDMA_CAS) {
            if (original == m.get("compare")) {
                storeLong(address, m.get("swap"));
            }
        } else {
            storeLong(address, original + m.get("add"));
        }
        response.set("original", original);
        return Syndrome.ACK;
    }

    /** An unreliable datagram: lands in a posted receive, or is lost when there is none. */
    private void datagram(Message m, long now) {
        QueuePair qp = queuePairs.get((int) m.get("qpn"));
        if (qp == null || qp.transport() != Transport.UD || qp.receiveQueue().empty()) {
            datagramsDropped++;
            return;
        }
        deliver(qp, m, (int) m.get("src_qpn"), now);
    }

    /** Receiver-not-ready NAKs this NIC sent as a responder. */
    public long rnrNaksSent() {
        return rnrNaksSent;
    }

    /** Times this NIC sent again after a receiver-not-ready NAK, as a requester. */
    public long rnrRetries() {
        return rnrRetries;
    }

    /** Requests dropped because an earlier one of their connection was NAKed. */
    public long outOfSequenceDrops() {
        return outOfSequence;
    }

    /** Datagrams (and requests for unknown queue pairs) dropped with no receive or no pair to take them. */
    public long datagramsDropped() {
        return datagramsDropped;
    }

    /** Remote-access-error NAKs this NIC sent as a responder. */
    public long accessErrorsSent() {
        return accessErrorsSent;
    }
}
