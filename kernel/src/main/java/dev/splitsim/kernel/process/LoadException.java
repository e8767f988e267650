package dev.splitsim.kernel.process;

/** A program that cannot be started (missing file, dynamically linked, no room); one line for the user. */
public final class LoadException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public LoadException(String message) {
        super(message);
    }
}
