package dev.splitsim.cpu.excache;

/**
 * The software behind the ExCache's miss path (the process monitor). The CPU never sees the
 * fabric: it raises a miss through this interface and gets bytes and permissions back.
 */
public interface ExCacheBacking {
    /** Flag in {@link #fill}'s answer: the line was zero-filled locally, without a network trip. */
    int ZERO_FILLED = 8;

    /**
     * Flag in {@link #fill}'s answer: the request is on its way and the bytes are not there yet. The
     * line stays reserved (pending) until the backing calls {@link ExCache#fillDone}; the access
     * that missed waits for it.
     */
    int PENDING = 16;

    /**
     * Fills line {@code vline} of address space {@code asid} into {@code pages[first .. first+count-1]}
     * and each page's permissions (R=1, W=2, X=4; 0 when unmapped) into {@code perms} at the same
     * indexes. When {@code victimVline >= 0} the slot still holds that dirty victim of
     * {@code victimAsid}, which must be written back first (it may ride on the miss). Returns 0, or
     * {@link #ZERO_FILLED}, or -1 when no page of the line is mapped (nothing is cached).
     */
    int fill(int asid, long vline, int access, int victimAsid, long victimVline, byte[][] pages, byte[] perms,
            int first, int count);

    /**
     * The access being made needs line slot {@code line}, whose fill is in flight: the accessing
     * thread waits for that fill too. Returns true when it has waited already (the kernel's own
     * accesses wait on the spot) and the lookup may be made again; false when the thread sleeps.
     */
    boolean join(int line);

    /** Writes back a dirty line (eviction by a range flush). */
    void writeBack(int asid, long vline, byte[][] pages, int first, int count);

    /**
     * The line is cached but lacks the permission for {@code access}: asks the memory component
     * again. Returns the new permissions, or -1 when the access is still not allowed.
     */
    int upgrade(int asid, long vpage, int access);

    /**
     * Whether line slot {@code line}, just filled for an access that has not run again yet, is held
     * for it: the victim is then taken from the other ways while any is free to go, so that with
     * fewer lines than the cores need at once a fill is not taken away before its waiter uses it.
     */
    default boolean held(int line) {
        return false;
    }

    /** A copy of a page for the simulator itself (fault reports, debugger): no cost, no state change. */
    byte[] peek(int asid, long vpage);
}
