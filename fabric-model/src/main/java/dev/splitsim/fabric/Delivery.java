package dev.splitsim.fabric;

/**
 * Where one message's time went, reused for every message (no allocation per message).
 * Stages add up: {@code arriveTick - sendTick == nic + wire + switchHop + queue}.
 */
public final class Delivery {
    public long sendTick;
    /** When the receiver's software holds the message (after the receiving NIC's overhead). */
    public long arriveTick;
    public long nicTicks;
    public long wireTicks;
    public long switchTicks;
    public long queueTicks;
    public long sequence;

    public long latencyTicks() {
        return arriveTick - sendTick;
    }
}
