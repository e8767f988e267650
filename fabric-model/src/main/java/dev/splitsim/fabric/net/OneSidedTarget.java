package dev.splitsim.fabric.net;

/**
 * What a NIC does by itself with a one-sided verb that reaches it (RDMA READ, WRITE, atomics):
 * the verbs layer answers, no software of the component runs.
 */
public interface OneSidedTarget {
    void arrived(Message m, long tick);

    /**
     * A message that no one will acknowledge (a datagram) has left this NIC's send engine at
     * {@code tick}: all the sender will ever learn of it. The message is still in flight; only its
     * context may be read.
     */
    default void left(Message m, long tick) {}
}
