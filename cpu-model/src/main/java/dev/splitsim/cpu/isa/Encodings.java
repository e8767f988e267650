package dev.splitsim.cpu.isa;

/** Every RV64GC encoding, declared once: the decoder and the disassembler are built from this table. */
public final class Encodings {
    private Encodings() {}
}
