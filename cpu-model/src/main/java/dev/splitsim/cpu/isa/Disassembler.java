package dev.splitsim.cpu.isa;

/**
 * Instruction text in the style of GNU objdump: mnemonic, a tab, operands with ABI register names,
 * the common pseudo-instructions (li, mv, nop, j, ret, beqz, ...) and branch targets as absolute hex
 * addresses. Compressed instructions print as the base instruction they expand to. What each
 * instruction prints comes from the instruction table ({@link InstructionText}); this class holds
 * the register names and the pieces of text the table's syntax refers to.
 */
public final class Disassembler {
    private Disassembler() {}

    private static final String[] X = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "s0", "s1", "a0", "a1",
        "a2", "a3", "a4", "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4",
        "t5", "t6"};
    private static final String[] F = {"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0",
        "fa1", "fa2", "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9",
        "fs10", "fs11", "ft8", "ft9", "ft10", "ft11"};
    /** objdump's names of the rounding-mode field; 5 and 6 are reserved and print empty. */
    private static final String[] ROUNDING = {"rne", "rtz", "rdn", "rup", "rmm", "", "", "dyn"};
    private static final String[] ORDERING = {"", ".rl", ".aq", ".aqrl"};

    /** The ABI name of integer register {@code r} ({@code a0}, {@code sp}, ...). */
    public static String xName(int r) {
        return X[r];
    }

    /** The ABI name of FP register {@code r} ({@code fa0}, {@code ft0}, ...). */
    public static String fName(int r) {
        return F[r];
    }

    /** The mnemonic of an opcode, e.g. "fcvt.w.s". */
    public static String mnemonic(int op) {
        return InstructionText.MNEMONICS[op];
    }

    /**
     * The text for {@code insn} at {@code pc}. {@code insn} holds 16 bits for a compressed
     * instruction (low bits != 11) or 32 bits.
     */
    public static String disassemble(long pc, int insn) {
        boolean compressed = (insn & 3) != 3;
        long d = compressed ? Decoder.decode16(insn & 0xffff) : Decoder.decode32(insn);
        if (Decoded.op(d) == Op.ILLEGAL) {
            if (compressed && (insn & 0xffff) == 0) {
                return "unimp";
            }
            return compressed ? String.format(".short\t0x%04x", insn & 0xffff) : String.format(".word\t0x%08x", insn);
        }
        return InstructionText.format(d, pc);
    }

    /** The rounding-mode operand, with its comma; nothing for the dynamic mode. */
    static String rounding(int rm) {
        return rm == 7 ? "" : "," + ROUNDING[rm];
    }

    /** The mnemonic suffix of an atomic's aq and rl bits. */
    static String ordering(int aqrl) {
        return ORDERING[aqrl & 3];
    }

    /** A fence's predecessor or successor set as objdump writes it: "iorw" letters, or "0". */
    static String accesses(int set) {
        StringBuilder sb = new StringBuilder();
        String letters = "iorw";
        for (int i = 0; i < 4; i++) {
            if ((set & (8 >>> i)) != 0) {
                sb.append(letters.charAt(i));
            }
        }
        return sb.length() == 0 ? "0" : sb.toString();
    }

    static String target(long pc, int offset) {
        return "0x" + Long.toHexString(pc + offset);
    }

    static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }
}
