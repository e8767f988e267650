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
 * reply has been delivered; the caller then reads the reply's header and data and hands the message
 * back with {@link Fabric#handled}.
 */
public final class RpcClient implements Receiver {
    private final Fabric fabric;
    private final EventQueue events;
    private final int node;
    private final Long2ObjectOpenHashMap<Message> replies = new Long2ObjectOpenHashMap<>();

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

    @Override
    public void receive(Message m, long tick) {
        replies.put(m.replyTo(), m);
    }
}
