package dev.splitsim.fabric.msg;

/**
 * The RDMA operation that carries a message. Two-sided verbs and WRITE_WITH_IMM end at the
 * receiver's software (a posted receive or a ring with a completion); one-sided verbs end at the
 * receiver's NIC, which reads or writes registered memory by itself.
 */
public enum Verb {
    SEND(true),
    WRITE(false),
    WRITE_WITH_IMM(true),
    READ(false),
    READ_RESPONSE(false),
    ATOMIC_CAS(false),
    ATOMIC_FETCH_ADD(false),
    ATOMIC_RESPONSE(false),
    ACK(false);

    private final boolean consumesReceive;

    Verb(boolean consumesReceive) {
        this.consumesReceive = consumesReceive;
    }

    /** Whether the receiver's software sees the message (a completion with a receive consumed). */
    public boolean reachesSoftware() {
        return consumesReceive;
    }
}
