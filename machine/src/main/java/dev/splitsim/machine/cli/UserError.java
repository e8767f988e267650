package dev.splitsim.machine.cli;

/** A mistake in what the user asked for; printed as one line, exit status 2. */
final class UserError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UserError(String message) {
        super(message);
    }
}
