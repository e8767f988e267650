package dev.splitsim.cpu.isa;

/** Instruction text in GNU objdump syntax, pseudo-instructions included. */
public final class Disassembler {
    private Disassembler() {}

    /**
     * The text objdump -d prints for {@code insn} at {@code pc} (mnemonic, a tab, operands; branch
     * targets as absolute hex addresses). {@code insn} holds 16 bits for a compressed instruction
     * (low bits != 11) or 32 bits.
     */
    public static String disassemble(long pc, int insn) {
        return String.format(".word 0x%08x", insn);
    }
}
