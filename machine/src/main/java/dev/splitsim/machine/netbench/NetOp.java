package dev.splitsim.machine.netbench;

/** What one benchmark client does in a loop. */
enum NetOp {
    READ("READ", true),
    WRITE("WRITE", true),
    WRITE_WITH_IMM("WRITE_WITH_IMM", true),
    SEND("SEND", true),
    CAS("CAS", false),
    FETCH_ADD("FETCH_ADD", false),
    /** A split-kernel-style RPC in the fabric's style: a request of the size, a 4 B status back. */
    RPC("rpc", true),
    /** A WRITE made durable by a READ on the same connection behind it (persistent memory). */
    WRITE_READ_FLUSH("WRITE+READ flush", true),
    /** A WRITE, then an RPC whose handler runs clwb and a fence over the bytes (persistent memory). */
    WRITE_RPC_FLUSH("WRITE+RPC flush", true),
    /** An RPC carrying the bytes, answered once the server has written and persisted them. */
    RPC_PERSIST("RPC persistent write", true);

    final String label;
    final boolean sized;

    NetOp(String label, boolean sized) {
        this.label = label;
        this.sized = sized;
    }

    /** The RPC opcodes the benchmark's server knows. */
    static final int ECHO = 0;
    static final int PERSIST_WRITE = 1;
    static final int FLUSH = 2;
}
