package dev.splitsim.cpu.exec;

import dev.splitsim.cpu.mem.PageProvider;
import java.util.function.LongSupplier;

/**
 * One RV64GC hardware thread: architectural state, the interpreter loop, CSRs and traps.
 * The public surface below is the contract the kernel and the machine rely on.
 */
public final class Hart {
    public static final int PRIV_U = 0;
    public static final int PRIV_S = 1;
    public static final int PRIV_M = 3;

    /** Hart id (mhartid). */
    public final int id;
    /** Integer registers; x[0] reads as zero whatever is stored there. */
    public final long[] x = new long[32];
    /** FP registers as raw bits; singles NaN-boxed. */
    public final long[] f = new long[32];
    public final Fpu fpu = new Fpu();
    public long pc;

    private final PageProvider memory;

    public Hart(int id, PageProvider memory) {
        this.id = id;
        this.memory = memory;
    }

    /** With a handler, U-mode ecalls and exceptions go to it (Linux process); without, to mtvec (bare metal). */
    public void setUserTrapHandler(UserTrapHandler handler) {
        throw new UnsupportedOperationException("hart not yet built");
    }

    public void setPrivilege(int mode) {
        throw new UnsupportedOperationException("hart not yet built");
    }

    public int privilege() {
        throw new UnsupportedOperationException("hart not yet built");
    }

    /** Linux emulates misaligned accesses for user programs; bare metal traps on them. */
    public void setMisalignedAccessAllowed(boolean allowed) {
        throw new UnsupportedOperationException("hart not yet built");
    }

    /** Simulated time in ticks (picoseconds); rdtime and the time CSR read it at a 10 MHz timebase. */
    public void setTimeSource(LongSupplier ticks) {
        throw new UnsupportedOperationException("hart not yet built");
    }

    /** Runs at most {@code maxInstructions}; returns early after {@link #stop()}. Returns instructions retired. */
    public long run(long maxInstructions) {
        throw new UnsupportedOperationException("hart not yet built");
    }

    /** Makes {@link #run} return after the current instruction (a trap handler ended the process). */
    public void stop() {
        throw new UnsupportedOperationException("hart not yet built");
    }

    public long cycles() {
        throw new UnsupportedOperationException("hart not yet built");
    }

    public long instret() {
        throw new UnsupportedOperationException("hart not yet built");
    }

    /** Charges extra cycles (system call service, stalls modeled outside the core). */
    public void addCycles(long cycles) {
        throw new UnsupportedOperationException("hart not yet built");
    }

    public long readCsr(int csr) {
        throw new UnsupportedOperationException("hart not yet built");
    }

    public void writeCsr(int csr, long value) {
        throw new UnsupportedOperationException("hart not yet built");
    }

    /** Drops every soft-TLB entry and decoded instruction (after munmap, mprotect, exec). */
    public void flushTranslations() {
        throw new UnsupportedOperationException("hart not yet built");
    }

    /** Drops soft-TLB entries and decoded instructions of one virtual page. */
    public void flushPage(long vpage) {
        throw new UnsupportedOperationException("hart not yet built");
    }

    /** The raw instruction bits at {@code addr} (16 or 32 bits) for fault reports, or -1 when unreadable. */
    public long instructionBitsAt(long addr) {
        throw new UnsupportedOperationException("hart not yet built");
    }
}
