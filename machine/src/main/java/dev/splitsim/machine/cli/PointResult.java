package dev.splitsim.machine.cli;

import java.util.Map;

/**
 * How one run of a sweep point ended. {@code status} is what {@code splitsim run} would have
 * exited with; {@code error} the one line it would have printed (null when the guest just exited);
 * the digests identify the guest's stdout and stderr (null when the machine never ran);
 * {@code stats} holds the chosen statistics the machine has.
 */
record PointResult(int point, int repeat, Map<String, String> values, String configSha256, int status,
        String outcome, String error, String stdoutSha256, String stderrSha256, Map<String, Double> stats,
        double hostSeconds) {
    static final String EXITED = "exited";
    static final String FAULT = "fault";
    static final String LIMIT = "limit";
    static final String STOPPED = "stopped";
    /** The point never ran: its configuration or program was refused, or the simulator failed. */
    static final String ERROR = "error";

    boolean ran() {
        return stdoutSha256 != null;
    }

    /** Whether this run printed what {@code reference} printed, on both streams. */
    boolean sameOutputAs(PointResult reference) {
        return ran() && reference.ran() && stdoutSha256.equals(reference.stdoutSha256)
                && stderrSha256.equals(reference.stderrSha256);
    }
}
