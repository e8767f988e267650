package dev.splitsim.cpu.isa;

/** Turns instruction bits into a packed {@link Decoded} value; built from {@link Encodings}. */
public final class Decoder {
    private Decoder() {}

    /** Decodes a 32-bit instruction (low two bits 11); unknown bits give {@link Op#ILLEGAL}. */
    public static long decode32(int insn) {
        throw new UnsupportedOperationException("decoder not yet built");
    }

    /** Decodes and expands a 16-bit RVC instruction (low 16 bits of {@code half}). */
    public static long decode16(int half) {
        throw new UnsupportedOperationException("decoder not yet built");
    }
}
