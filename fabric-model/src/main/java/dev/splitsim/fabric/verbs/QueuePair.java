package dev.splitsim.fabric.verbs;

import dev.splitsim.core.event.Event;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;

/**
 * A queue pair: a send queue of work requests and a receive queue (its own or a shared one), each
 * reporting to a completion queue. A reliable-connected pair talks to one remote pair, numbers its
 * requests with packet sequence numbers and completes them in the order posted; an unreliable
 * datagram pair sends to any node's pair, one MTU at most, and completes a send once it has left
 * the NIC. The post methods return false only when the send queue is full; every other failure is
 * an error completion.
 *
 * <p>Receiver not ready: a responder with no receive posted NAKs the request and drops the ones
 * behind it (their sequence numbers no longer follow). The requester stops sending, waits the RNR
 * delay and sends everything from the NAKed request on again; after the configured retries it
 * completes the request with {@link WorkStatus#RNR_RETRY_EXCEEDED}. Any error completion moves a
 * reliable pair into the error state: later requests complete as {@link WorkStatus#FLUSHED}.
 */
public final class QueuePair {
    private final VerbsDevice device;
    private final Fabric fabric;
    private final Transport transport;
    private final int number;
    private final CompletionQueue sendCompletions;
    private final CompletionQueue receiveCompletions;
    private final ReceiveQueue receives;
    private final SendWork[] sendQueue;
    private final RetryTimer retry = new RetryTimer();
    private int remoteNode = -1;
    private int remoteQueuePair = -1;
    /** Sequence numbers of the oldest uncompleted request, the next to transmit and the next to post. */
    private long headSequence;
    private long sendSequence;
    private long tailSequence;
    private boolean waitingForReceiver;
    private boolean failed;
    /** In the error state, responses to requests from here on are ignored (their slots were flushed). */
    private long failedFrom = Long.MAX_VALUE;
    /** Responder side: the sequence number the next request from the remote pair must carry. */
    long expectedSequence;
    /** Responder side, on persistent memory: bytes the remote pair wrote that no flush has made durable yet. */
    long unflushedBytes;
    private long lastCompletionTick;

    QueuePair(VerbsDevice device, Transport transport, int number, CompletionQueue sendCompletions,
            CompletionQueue receiveCompletions, ReceiveQueue receives, int sendDepth) {
        if (sendDepth < 1) {
            throw new IllegalArgumentException("a send queue needs at least one slot");
        }
        this.device = device;
        this.fabric = device.fabric();
        this.transport = transport;
        this.number = number;
        this.sendCompletions = sendCompletions;
        this.receiveCompletions = receiveCompletions;
        this.receives = receives;
        this.sendQueue = new SendWork[sendDepth];
        for (int i = 0; i < sendDepth; i++) {
            sendQueue[i] = new SendWork(this);
        }
    }

    /** Connects a reliable pair to pair {@code remoteQueuePair} of node {@code remoteNode}. */
    public void connect(int remoteNode, int remoteQueuePair) {
        if (transport != Transport.RC) {
            throw new IllegalStateException("only a reliable-connected queue pair is connected");
        }
        this.remoteNode = remoteNode;
        this.remoteQueuePair = remoteQueuePair;
    }

    public int number() {
        return number;
    }

    public int node() {
        return device.node();
    }

    public Transport transport() {
        return transport;
    }

    public ReceiveQueue receiveQueue() {
        return receives;
    }

    public CompletionQueue sendCompletions() {
        return sendCompletions;
    }

    public CompletionQueue receiveCompletions() {
        return receiveCompletions;
    }

    /** Whether an error completion has put the pair into the error state. */
    public boolean failed() {
        return failed;
    }

    /** Work requests posted and not yet completed. */
    public int outstanding() {
        return (int) (tailSequence - headSequence);
    }

    /** Posts a receive buffer on the pair's receive queue (shared or its own). */
    public boolean postReceive(long workRequestId, long address, int localKey, int length) {
        return receives.post(workRequestId, address, localKey, length);
    }

    /** A two-sided SEND of {@code length} bytes at {@code localAddress} to the connected pair. */
    public boolean postSend(long workRequestId, long localAddress, int localKey, int length, long tick) {
        requireConnected();
        SendWork w = claim(workRequestId, WorkOpcode.SEND, localAddress, localKey, length);
        return w != null && start(w, 0, tick);
    }

    /** A datagram of {@code length} bytes to pair {@code queuePair} of node {@code node}. */
    public boolean postSendTo(int node, int queuePair, long workRequestId, long localAddress, int localKey, int length,
            long tick) {
        if (transport != Transport.UD) {
            throw new IllegalStateException("a reliable-connected pair sends only to its remote pair");
        }
        SendWork w = claim(workRequestId, WorkOpcode.SEND, localAddress, localKey, length);
        if (w == null) {
            return false;
        }
        w.destinationNode = node;
        w.destinationQueuePair = queuePair;
        if (length > device.params().mtuBytes()) {
            skip(w);
            finish(w, WorkStatus.LOCAL_LENGTH_ERROR, tick);
            return true;
        }
        return start(w, 0, tick);
    }

    /** One-sided WRITE of local bytes to {@code remoteAddress} in the remote region {@code remoteKey} names. */
    public boolean postWrite(long workRequestId, long localAddress, int localKey, int length, long remoteAddress,
            int remoteKey, long tick) {
        return postRemote(WorkOpcode.WRITE, workRequestId, localAddress, localKey, length, remoteAddress, remoteKey,
                0, tick);
    }

    /** WRITE that also consumes a receive at the remote pair, whose completion carries {@code immediate}. */
    public boolean postWriteWithImm(long workRequestId, long localAddress, int localKey, int length,
            long remoteAddress, int remoteKey, int immediate, long tick) {
        requireConnected();
        SendWork w = claim(workRequestId, WorkOpcode.WRITE_WITH_IMM, localAddress, localKey, length);
        if (w == null) {
            return false;
        }
        w.remoteAddress = remoteAddress;
        w.remoteKey = remoteKey;
        w.immediate = immediate;
        return start(w, 0, tick);
    }

    /** One-sided READ of {@code length} remote bytes into the local buffer (which needs local write access). */
    public boolean postRead(long workRequestId, long localAddress, int localKey, int length, long remoteAddress,
            int remoteKey, long tick) {
        return postRemote(WorkOpcode.READ, workRequestId, localAddress, localKey, length, remoteAddress, remoteKey,
                Access.LOCAL_WRITE, tick);
    }

    /**
     * Atomic compare-and-swap of the aligned 8 bytes at {@code remoteAddress}; the value found there
     * lands in the local 8-byte buffer.
     */
    public boolean postCompareSwap(long workRequestId, long localAddress, int localKey, long remoteAddress,
            int remoteKey, long compare, long swap, long tick) {
        return postAtomic(WorkOpcode.COMPARE_SWAP, workRequestId, localAddress, localKey, remoteAddress, remoteKey,
                compare, swap, tick);
    }

    /** Atomic fetch-and-add on the aligned 8 bytes at {@code remoteAddress}; the old value lands locally. */
    public boolean postFetchAdd(long workRequestId, long localAddress, int localKey, long remoteAddress, int remoteKey,
            long add, long tick) {
        return postAtomic(WorkOpcode.FETCH_ADD, workRequestId, localAddress, localKey, remoteAddress, remoteKey, 0,
                add, tick);
    }

    private boolean postRemote(WorkOpcode op, long workRequestId, long localAddress, int localKey, int length,
            long remoteAddress, int remoteKey, int localAccess, long tick) {
        requireConnected();
        SendWork w = claim(workRequestId, op, localAddress, localKey, length);
        if (w == null) {
            return false;
        }
        w.remoteAddress = remoteAddress;
        w.remoteKey = remoteKey;
        return start(w, localAccess, tick);
    }

    private boolean postAtomic(WorkOpcode op, long workRequestId, long localAddress, int localKey, long remoteAddress,
            int remoteKey, long compare, long operand, long tick) {
        requireConnected();
        SendWork w = claim(workRequestId, op, localAddress, localKey, Long.BYTES);
        if (w == null) {
            return false;
        }
        w.remoteAddress = remoteAddress;
        w.remoteKey = remoteKey;
        w.compare = compare;
        w.operand = operand;
        return start(w, Access.LOCAL_WRITE, tick);
    }

    private void requireConnected() {
        if (transport != Transport.RC) {
            throw new IllegalStateException("a datagram pair has only SEND, through postSendTo");
        }
        if (remoteNode < 0) {
            throw new IllegalStateException("queue pair " + number + " of node " + device.node() + " is not connected");
        }
    }

    /** The next send-queue slot, filled in; null when the queue is full. */
    private SendWork claim(long workRequestId, WorkOpcode op, long localAddress, int localKey, int length) {
        if (tailSequence - headSequence == sendQueue.length) {
            return null;
        }
        SendWork w = sendQueue[(int) (tailSequence % sendQueue.length)];
        w.sequence = tailSequence++;
        w.workRequestId = workRequestId;
        w.opcode = op;
        w.localAddress = localAddress;
        w.localKey = localKey;
        w.length = length;
        w.remoteAddress = 0;
        w.remoteKey = 0;
        w.immediate = 0;
        w.compare = 0;
        w.operand = 0;
        w.destinationNode = remoteNode;
        w.destinationQueuePair = remoteQueuePair;
        w.rnrRetriesLeft = device.params().rnrRetries();
        w.done = false;
        w.status = null;
        return w;
    }

    /** Checks the local buffer and sends, unless the pair has failed or waits out a receiver-not-ready. */
    private boolean start(SendWork w, int localAccess, long tick) {
        if (failed) {
            skip(w);
            finish(w, WorkStatus.FLUSHED, tick);
            return true;
        }
        if (w.length < 0 || (w.length > 0 && !device.localAccess(w.localKey, w.localAddress, w.length, localAccess))) {
            skip(w);
            finish(w, WorkStatus.LOCAL_PROTECTION_ERROR, tick);
            if (transport == Transport.RC) {
                fail(w.sequence, tick);
            }
            return true;
        }
        if (!waitingForReceiver && sendSequence == w.sequence) {
            transmit(w, tick, false);
            sendSequence++;
        }
        return true;
    }

    /** A request that failed before it was sent is never sent: the next one may go. */
    private void skip(SendWork w) {
        if (sendSequence == w.sequence) {
            sendSequence++;
        }
    }

    private void transmit(SendWork w, long tick, boolean again) {
        Message m;
        switch (w.opcode) {
            case SEND:
                if (transport == Transport.UD) {
                    m = fabric.obtain(MessageType.RDMA_SEND_UD, device.node(), w.destinationNode)
                            .set("qpn", w.destinationQueuePair).set("src_qpn", number);
                } else {
                    m = request(MessageType.RDMA_SEND, w);
                }
                m.set("length", w.length);
                gather(m, w);
                break;
            case WRITE:
                m = request(MessageType.RDMA_WRITE, w).set("raddr", w.remoteAddress).set("rkey", w.remoteKey)
                        .set("length", w.length);
                gather(m, w);
                break;
            case WRITE_WITH_IMM:
                m = request(MessageType.RDMA_WRITE_IMM, w).set("raddr", w.remoteAddress).set("rkey", w.remoteKey)
                        .set("length", w.length).set("imm", w.immediate);
                gather(m, w);
                break;
            case READ:
                m = request(MessageType.RDMA_READ, w).set("raddr", w.remoteAddress).set("rkey", w.remoteKey)
                        .set("length", w.length);
                break;
            case COMPARE_SWAP:
                m = request(MessageType.RDMA_CAS, w).set("raddr", w.remoteAddress).set("rkey", w.remoteKey)
                        .set("compare", w.compare).set("swap", w.operand);
                break;
            case FETCH_ADD:
                m = request(MessageType.RDMA_FETCH_ADD, w).set("raddr", w.remoteAddress).set("rkey", w.remoteKey)
                        .set("add", w.operand);
                break;
            default:
                throw new IllegalStateException("not a send-queue opcode: " + w.opcode);
        }
        m.context(w);
        m.nicState(Fabric.verbsQueuePair(number), Fabric.verbsQueuePair(w.destinationQueuePair),
                w.opcode == WorkOpcode.SEND ? -1 : Fabric.verbsRegion(w.remoteKey));
        if (again) {
            fabric.retransmit(m, tick);
        } else {
            fabric.post(m, tick);
        }
    }

    private Message request(MessageType type, SendWork w) {
        return fabric.obtain(type, device.node(), remoteNode).set("qpn", remoteQueuePair).set("psn", w.sequence);
    }

    /** The NIC reads the payload from local memory into the message: the bytes travel only inside it. */
    private void gather(Message m, SendWork w) {
        if (w.length > 0) {
            device.memory().read(w.localAddress, m.data(w.length), 0, w.length);
        }
    }

    /** A response (ACK, NAK, READ data, atomic value) to one of this pair's requests has arrived. */
    void responded(SendWork w, Message m, long now) {
        long sequence = m.get("psn");
        if (w.sequence != sequence || w.done || sequence >= failedFrom) {
            return;
        }
        long syndrome = m.get("syndrome");
        if (syndrome == Syndrome.RNR_NAK) {
            receiverNotReady(w, now);
            return;
        }
        WorkStatus status = Syndrome.status(syndrome);
        if (status == WorkStatus.SUCCESS) {
            if (w.opcode == WorkOpcode.READ) {
                device.memory().write(w.localAddress, m.data(), 0, m.dataLength());
            } else if (w.opcode == WorkOpcode.COMPARE_SWAP || w.opcode == WorkOpcode.FETCH_ADD) {
                device.storeLong(w.localAddress, m.get("original"));
            }
            finish(w, status, now);
        } else {
            finish(w, status, now);
            fail(w.sequence, now);
        }
    }

    private void receiverNotReady(SendWork w, long now) {
        if (w.rnrRetriesLeft == 0) {
            finish(w, WorkStatus.RNR_RETRY_EXCEEDED, now);
            fail(w.sequence, now);
            return;
        }
        w.rnrRetriesLeft--;
        device.countRnrRetry();
        // The responder dropped every request behind this one; all of them go again, in order.
        sendSequence = w.sequence;
        waitingForReceiver = true;
        fabric.events().schedule(retry, now + device.params().rnrDelayTicks());
    }

    private void resend(long tick) {
        waitingForReceiver = false;
        while (!failed && sendSequence < tailSequence) {
            transmit(sendQueue[(int) (sendSequence % sendQueue.length)], tick, true);
            sendSequence++;
        }
    }

    /** A datagram has left the NIC: all its sender will learn of it. */
    void left(SendWork w, long tick) {
        if (!w.done) {
            finish(w, WorkStatus.SUCCESS, tick);
        }
    }

    /** The error state: requests from {@code sequence} on that have not completed are flushed. */
    private void fail(long sequence, long tick) {
        failed = true;
        failedFrom = sequence;
        waitingForReceiver = false;
        fabric.events().cancel(retry);
        for (long s = sequence; s < tailSequence; s++) {
            SendWork w = sendQueue[(int) (s % sendQueue.length)];
            if (!w.done) {
                finish(w, WorkStatus.FLUSHED, tick);
            }
        }
    }

    /**
     * Marks a request done; completions are written in the order posted, so one that finished early
     * waits for those before it (and is seen no earlier than they are).
     */
    private void finish(SendWork w, WorkStatus status, long tick) {
        w.done = true;
        w.status = status;
        w.doneTick = tick;
        while (headSequence < tailSequence) {
            SendWork h = sendQueue[(int) (headSequence % sendQueue.length)];
            if (!h.done) {
                break;
            }
            lastCompletionTick = Math.max(lastCompletionTick, h.doneTick);
            WorkCompletion e = sendCompletions.claim();
            e.workRequestId = h.workRequestId;
            e.opcode = h.opcode;
            e.status = h.status;
            e.byteLength = h.status == WorkStatus.SUCCESS ? h.length : 0;
            e.queuePair = number;
            e.completionTick = lastCompletionTick;
            sendCompletions.commit();
            headSequence++;
        }
    }

    /** Responder side: a receive of this pair's queue consumed, its completion written. */
    void completeReceive(WorkOpcode op, WorkStatus status, int bytes, boolean withImmediate, int immediate,
            int sourceNode, int sourceQueuePair, long tick) {
        WorkCompletion e = receiveCompletions.claim();
        e.workRequestId = receives.headId();
        e.opcode = op;
        e.status = status;
        e.byteLength = bytes;
        e.hasImmediate = withImmediate;
        e.immediate = immediate;
        e.queuePair = number;
        e.sourceNode = sourceNode;
        e.sourceQueuePair = sourceQueuePair;
        e.completionTick = tick;
        receiveCompletions.commit();
        receives.take();
    }

    int remoteNode() {
        return remoteNode;
    }

    int remoteQueuePair() {
        return remoteQueuePair;
    }

    /** The NIC's timer for sending again after a receiver-not-ready NAK; one per pair, re-scheduled. */
    private final class RetryTimer extends Event {
        @Override
        protected void fire(long tick) {
            resend(tick);
        }
    }
}
