package dev.splitsim.cpu.exec;

/**
 * A synchronous exception raised in the middle of an instruction. One instance per hart is
 * reused so that a trap costs no allocation; it carries no stack trace because it is control flow,
 * not an error of the simulator.
 */
final class Trap extends RuntimeException {
    private static final long serialVersionUID = 1L;

    static final int MISALIGNED_FETCH = 0;
    static final int FETCH_ACCESS = 1;
    static final int ILLEGAL_INSTRUCTION = 2;
    static final int BREAKPOINT = 3;
    static final int MISALIGNED_LOAD = 4;
    static final int LOAD_ACCESS = 5;
    static final int MISALIGNED_STORE = 6;
    static final int STORE_ACCESS = 7;
    static final int ECALL_FROM_U = 8;
    static final int ECALL_FROM_M = 11;
    static final int FETCH_PAGE_FAULT = 12;
    static final int LOAD_PAGE_FAULT = 13;
    static final int STORE_PAGE_FAULT = 15;
    /** Not an exception of the architecture: the access waits for a page in flight and the instruction is run again. */
    static final int PENDING = -1;

    int cause;
    long tval;

    Trap() {
        super(null, null, false, false);
    }

    Trap raise(int cause, long tval) {
        this.cause = cause;
        this.tval = tval;
        return this;
    }
}
