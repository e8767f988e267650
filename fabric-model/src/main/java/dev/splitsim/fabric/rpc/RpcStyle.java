package dev.splitsim.fabric.rpc;

/**
 * How the split kernel's RPCs travel over RDMA (docs/reference.md, LegoOS transport and RDMA RPC
 * systems). A style says, for each direction, whether a connected queue pair carries it (one per
 * client and server pair, hence state in the server's NIC per client) or a datagram queue pair
 * (one per thread, whoever the peer), where the request lands at the server (a buffer of its
 * connection, or one pool every client shares), and whether the server must have posted a receive
 * for it.
 */
public enum RpcStyle {
    /** LegoOS: WRITE_WITH_IMM into a per-connection ring, the reply an RDMA WRITE into the caller's buffer. */
    LEGOOS("legoos", true, false, Credits.NONE, true, false),
    /** Two-sided SEND/RECV on reliable connections; a SEND finding no posted receive is NAKed and sent again. */
    RC_SEND("rc-send", true, false, Credits.RECEIVER_NOT_READY, true, false),
    /**
     * FaSST/eRPC: datagrams to one queue pair per server thread, receives from one shared receive
     * queue; a message above the MTU goes as several packets; a datagram with no receive is lost and
     * sent again after a timeout.
     */
    UD_SRQ("ud-srq", false, true, Credits.DROP, false, true),
    /** HERD: the request a one-sided WRITE into a region the server polls, the reply a datagram. */
    HERD("herd", true, true, Credits.NONE, false, true);

    /** What happens to a request that finds no receive posted for it. */
    public enum Credits {
        /** Nothing consumes a receive (a ring or a polled region, sized for every request in flight). */
        NONE,
        /** The server's NIC NAKs it; the client's NIC sends it again after the RNR delay. */
        RECEIVER_NOT_READY,
        /** The datagram is dropped; the client's RPC layer sends it again after its timeout. */
        DROP
    }

    private final String key;
    private final boolean connectedRequest;
    private final boolean sharedServerBuffers;
    private final Credits credits;
    private final boolean connectedReply;
    private final boolean datagramReply;

    RpcStyle(String key, boolean connectedRequest, boolean sharedServerBuffers, Credits credits,
            boolean connectedReply, boolean datagramReply) {
        this.key = key;
        this.connectedRequest = connectedRequest;
        this.sharedServerBuffers = sharedServerBuffers;
        this.credits = credits;
        this.connectedReply = connectedReply;
        this.datagramReply = datagramReply;
    }

    /** The name {@code fabric.rpc} spells it with. */
    public String key() {
        return key;
    }

    /** Whether requests go on a connected queue pair (else a datagram one). */
    public boolean connectedRequest() {
        return connectedRequest;
    }

    /** Whether requests land in buffers all clients share (an SRQ, a polled region) rather than their connection's. */
    public boolean sharedServerBuffers() {
        return sharedServerBuffers;
    }

    public Credits credits() {
        return credits;
    }

    public boolean connectedReply() {
        return connectedReply;
    }

    /** Whether a message goes as datagrams, one MTU each, in that direction. */
    public boolean datagram(boolean request) {
        return request ? !connectedRequest : datagramReply;
    }

    /** The style named {@code key}; null when there is none such. */
    public static RpcStyle of(String key) {
        for (RpcStyle s : values()) {
            if (s.key.equals(key)) {
                return s;
            }
        }
        return null;
    }

    /** Every style's key, for the configuration table. */
    public static String[] keys() {
        RpcStyle[] all = values();
        String[] out = new String[all.length];
        for (int i = 0; i < all.length; i++) {
            out[i] = all[i].key;
        }
        return out;
    }
}
