package dev.splitsim.fabric.net;

/**
 * What a NIC does by itself with a one-sided verb that reaches it (RDMA READ, WRITE, atomics):
 * the verbs layer answers, no software of the component runs.
 */
public interface OneSidedTarget {
    void arrived(Message m, long tick);
}
