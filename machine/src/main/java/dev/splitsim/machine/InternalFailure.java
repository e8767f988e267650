package dev.splitsim.machine;

/**
 * A failure of the simulator itself, never of the guest or the user: whatever escapes a run
 * (an exception, a stack overflow, an exhausted heap) ends as this one line and status 70, in
 * {@code run}, {@code debug}, {@code bench} and in every sweep point alike. The machine wraps what
 * escapes it with the guest pc it was at, so the report says where the guest was.
 */
public final class InternalFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** The exit status of an internal error (EX_SOFTWARE). */
    public static final int STATUS = 70;
    private static final long NO_PC = -1;

    private final long pc;

    private InternalFailure(Throwable cause, long pc) {
        super(String.valueOf(cause), cause, false, false);
        this.pc = pc;
    }

    /** {@code t} as a failure at guest pc {@code pc}; one that already is a failure keeps its pc. */
    public static InternalFailure at(Throwable t, long pc) {
        return t instanceof InternalFailure f ? f : new InternalFailure(t, pc);
    }

    /** {@code t} as a failure where no guest was running, or as the failure it already is. */
    public static InternalFailure of(Throwable t) {
        return at(t, NO_PC);
    }

    /** What failed: the Java exception or error, for its stack trace. */
    public Throwable failure() {
        return getCause();
    }

    /**
     * The one line for the user, without the {@code splitsim: } prefix:
     * {@code internal error: <Throwable> (guest pc=0x...; ...)}.
     */
    public String describe() {
        String where = pc == NO_PC ? "no guest running" : "guest pc=0x" + Long.toHexString(pc);
        return "internal error: " + getCause() + " (" + where + "; this is a bug in splitsim: please report it with"
                + " the command line and the program; SPLITSIM_DEBUG=1 prints the Java stack)";
    }
}
