package dev.splitsim.core.elf;

/** A file that is not a usable RISC-V ELF executable; the message is one line meant for the user. */
public final class ElfFormatException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ElfFormatException(String message) {
        super(message);
    }
}
