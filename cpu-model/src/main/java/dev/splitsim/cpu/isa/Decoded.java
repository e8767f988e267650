package dev.splitsim.cpu.isa;

/**
 * A decoded instruction packed into one {@code long}, so the decoded-instruction cache is a plain
 * {@code long[]} and the interpreter never allocates.
 *
 * <pre>
 *  bits  0..7   opcode ({@link Op})
 *  bit   8      1 when the instruction was 16 bits long (RVC), 0 for 32 bits
 *  bits  9..13  rd
 *  bits 14..18  rs1 (for CSRR*I: the 5-bit unsigned immediate)
 *  bits 19..23  rs2
 *  bits 24..28  rs3 (fused multiply-add only)
 *  bits 29..31  rm, the rounding-mode field of FP instructions (7 = dynamic)
 *  bits 32..63  immediate, sign-extended to 32 bits: I/S/B/U/J immediates (B and J as byte
 *               offsets, U already shifted left by 12), shift amounts, the CSR number for Zicsr,
 *               bits 31..20 of the instruction for FENCE (fm, pred, succ)
 * </pre>
 *
 * Register fields are the architectural numbers (compressed registers already mapped to x8..x15).
 */
public final class Decoded {
    private Decoded() {}

    public static final int OP_MASK = 0xff;
    public static final long COMPRESSED = 1L << 8;

    public static int op(long d) {
        return (int) d & OP_MASK;
    }

    public static boolean compressed(long d) {
        return (d & COMPRESSED) != 0;
    }

    /** Length of the instruction in bytes: 2 or 4. */
    public static int length(long d) {
        return 4 - ((int) (d >>> 7) & 2);
    }

    public static int rd(long d) {
        return (int) (d >>> 9) & 31;
    }

    public static int rs1(long d) {
        return (int) (d >>> 14) & 31;
    }

    public static int rs2(long d) {
        return (int) (d >>> 19) & 31;
    }

    public static int rs3(long d) {
        return (int) (d >>> 24) & 31;
    }

    public static int rm(long d) {
        return (int) (d >>> 29) & 7;
    }

    public static int imm(long d) {
        return (int) (d >>> 32);
    }

    public static long pack(int op, boolean compressed, int rd, int rs1, int rs2, int rs3, int rm, int imm) {
        return (op & 0xffL)
                | (compressed ? COMPRESSED : 0L)
                | ((long) (rd & 31) << 9)
                | ((long) (rs1 & 31) << 14)
                | ((long) (rs2 & 31) << 19)
                | ((long) (rs3 & 31) << 24)
                | ((long) (rm & 7) << 29)
                | ((long) imm << 32);
    }
}
