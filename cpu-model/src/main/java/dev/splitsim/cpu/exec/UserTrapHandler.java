package dev.splitsim.cpu.exec;

/**
 * The operating system a user-mode program runs under, when that system is modeled outside the
 * guest (the split kernel's process monitor). With a handler set, an {@code ecall} or a synchronous
 * exception taken in U mode goes here instead of to {@code mtvec}; bare-metal runs set none.
 */
public interface UserTrapHandler {
    /**
     * A system call. {@code hart.pc} still points at the {@code ecall}; on return the hart continues
     * at {@code pc + 4} unless the handler stopped it or changed {@code pc} itself.
     */
    void ecall(Hart hart);

    /**
     * Any other exception in U mode (illegal instruction, page fault, misaligned fetch, breakpoint):
     * {@code cause} is the RISC-V mcause code, {@code tval} what mtval would hold. {@code hart.pc} is
     * the faulting instruction. The handler decides: report and stop, or resume.
     */
    void exception(Hart hart, int cause, long tval);
}
