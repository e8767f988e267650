package dev.splitsim.fabric.verbs;

/** The service a queue pair offers. */
public enum Transport {
    /** Reliable connected: one remote queue pair, every request acknowledged, delivered in order, all verbs. */
    RC,
    /** Unreliable datagram: any destination per send, SEND only, at most one MTU, never acknowledged. */
    UD
}
