package dev.splitsim.fabric.rpc;

/**
 * The RPC transport's configuration: its style, the threads that poll for requests at each server
 * node, and the receives a server keeps posted. Times are ticks.
 *
 * @param style how requests and replies travel
 * @param pollers polling threads per node, each taking one message at a time off the NIC
 * @param receiveDepth receives a server keeps posted per connection ({@link RpcStyle#RC_SEND})
 * @param sharedReceiveDepth receives in a server's one shared receive queue ({@link RpcStyle#UD_SRQ})
 * @param rnrDelayTicks how long a client's NIC waits after a receiver-not-ready NAK before it sends again
 * @param retransmitTicks how long a datagram client waits for a reply before it sends the request again
 * @param mtuBytes the largest datagram payload
 */
public record RpcParams(RpcStyle style, int pollers, int receiveDepth, int sharedReceiveDepth, long rnrDelayTicks,
        long retransmitTicks,
        int mtuBytes) {
    /** LegoOS's transport: one polling thread per node (docs/reference.md, LegoOS transport). */
    public static final RpcParams LEGOOS = new RpcParams(RpcStyle.LEGOOS, 1, 64, 4096, 10_000_000L, 1_000_000_000L, 4096);

    public RpcParams {
        if (style == null || pollers < 1 || receiveDepth < 1 || sharedReceiveDepth < 1 || rnrDelayTicks < 0 || retransmitTicks <= 0
                || mtuBytes <= 0) {
            throw new IllegalArgumentException("rpc: a style, at least one poller and one receive, a positive timeout and MTU");
        }
    }
}
