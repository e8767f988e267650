package dev.splitsim.fabric.verbs;

/**
 * The verbs layer's own parameters; the hops' timing is the fabric's ({@code FabricParams}).
 *
 * @param rnrDelayTicks how long a requester waits after a receiver-not-ready NAK before it sends again
 * @param rnrRetries how many times it sends again before it gives up with {@link WorkStatus#RNR_RETRY_EXCEEDED}
 * @param mtuBytes the largest datagram payload
 */
public record VerbsParams(long rnrDelayTicks, int rnrRetries, int mtuBytes) {
    public VerbsParams {
        if (rnrDelayTicks < 0 || rnrRetries < 0 || mtuBytes <= 0) {
            throw new IllegalArgumentException("verbs: RNR delay and retries must not be negative, the MTU positive");
        }
    }
}
