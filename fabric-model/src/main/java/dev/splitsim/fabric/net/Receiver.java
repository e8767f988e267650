package dev.splitsim.fabric.net;

/** The software of a component that takes its messages in (a monitor, an RPC endpoint). */
public interface Receiver {
    /**
     * {@code m} has arrived at {@code tick}. The receiver owns it until it calls
     * {@link Fabric#handled}, which returns it to the pool.
     */
    void receive(Message m, long tick);
}
