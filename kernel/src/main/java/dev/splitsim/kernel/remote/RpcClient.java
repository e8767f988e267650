package dev.splitsim.kernel.remote;

import dev.splitsim.core.event.EventQueue;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.fabric.net.Receiver;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

/**
 * The CPU component's end of the LegoOS transport: a request goes out as a WRITE_WITH_IMM into the
 * receiver's ring, and its reply comes back as an RDMA WRITE into the caller's buffer, which the
 * calling thread spins on. {@link #call} posts the request and runs the machine's events until that
 * reply has been delivered (a system call: the calling core is in the kernel); {@link #post} sends
 * without waiting and hands the reply to a handler when it arrives (an ExCache miss, whose thread
 * sleeps meanwhile). The caller reads the reply's header and data and hands the message back with
 * {@link Fabric#handled}.
 */
public final class RpcClient implements Receiver {
    private final Fabric fabric;
    private final EventQueue events;
    private final int node;
    private final Long2ObjectOpenHashMap<Message> replies = new Long2ObjectOpenHashMap<>();
    private final Long2ObjectOpenHashMap<ReplyHandler> handlers = new Long2ObjectOpenHashMap<>();

    public RpcClient(Fabric fabric, int node) {
        this.fabric = fabric;
        this.events = fabric.events();
        this.node = node;
        fabric.attach(node, this);
    }

    public Fabric fabric() {
        return fabric;
    }

    /** The CPU component's fabric node. */
    public int node() {
        return node;
    }

    /** A request of {@code type} from this component to {@code destination}, to fill in and {@link #call}. */
    public Message request(dev.splitsim.fabric.msg.MessageType type, int destination) {
        return fabric.obtain(type, node, destination);
    }

    /** Posts {@code request} at {@code tick} and waits for its reply; returns the reply. */
    public Message call(Message request, long tick) {
        long id = fabric.post(request, tick);
        Message reply;
        while ((reply = replies.remove(id)) == null) {
            if (!events.runNext()) {
                throw new IllegalStateException("request " + id + " got no reply and no event is pending");
            }
        }
        return reply;
    }

    /** Who takes the reply of a request posted with {@link #post}: called at the reply's delivery. */
    public interface ReplyHandler {
        void replied(Message reply, long tick);
    }

    /**
     * Posts {@code request} at {@code tick} without waiting: {@code handler} gets the reply when it
     * is delivered (the requesting thread sleeps meanwhile). Returns the request's id.
     */
    public long post(Message request, long tick, ReplyHandler handler) {
        long id = fabric.post(request, tick);
        handlers.put(id, handler);
        return id;
    }

    @Override
    public void receive(Message m, long tick) {
        ReplyHandler h = handlers.remove(m.replyTo());
        if (h != null) {
            h.replied(m, tick);
        } else {
            replies.put(m.replyTo(), m);
        }
    }
}
