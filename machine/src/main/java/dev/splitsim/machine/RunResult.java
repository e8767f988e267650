package dev.splitsim.machine;

/**
 * How a run ended. {@code exitStatus} is what the CLI returns: the guest's status, 128 + signal
 * after a guest fault, 124 at a limit, 128 + signal when a host signal interrupted the run.
 * {@code message} is the one line the CLI prints, or null.
 */
public record RunResult(Outcome outcome, int exitStatus, String message) {
    public enum Outcome {
        EXITED, FAULT, INSTRUCTION_LIMIT, TIME_LIMIT, STOPPED, INTERRUPTED
    }

    public static final int LIMIT_STATUS = 124;
}
