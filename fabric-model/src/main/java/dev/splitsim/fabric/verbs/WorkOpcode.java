package dev.splitsim.fabric.verbs;

/** What a completion completes: a posted send-queue work request or a consumed receive. */
public enum WorkOpcode {
    SEND,
    WRITE,
    WRITE_WITH_IMM,
    READ,
    COMPARE_SWAP,
    FETCH_ADD,
    /** A receive consumed by a SEND. */
    RECV,
    /** A receive consumed by a WRITE_WITH_IMM: carries the immediate, the data went where the writer said. */
    RECV_WITH_IMM
}
