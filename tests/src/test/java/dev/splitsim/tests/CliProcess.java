package dev.splitsim.tests;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The splitsim command line started as a process of its own (a JVM running the CLI's main class
 * with this test's class path), for what only a real process shows: signals, exit statuses and
 * what reaches its stderr.
 */
final class CliProcess {
    private CliProcess() {}

    /** A builder for {@code splitsim ARGS...}, with SIGINT at its default action even when this JVM ignores it. */
    static ProcessBuilder of(List<String> args) {
        List<String> command = new ArrayList<>();
        if (sigintIgnored() && Tools.onPath("python3")) {
            // A job started in the background of a shell ignores SIGINT, and so would its children: the
            // JVM then leaves SIGINT ignored. Ctrl-C at a terminal never meets that, so undo it.
            command.addAll(List.of("python3", "-c",
                    "import os, signal, sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])"));
        }
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.splitsim.machine.cli.Main"));
        command.addAll(args);
        return new ProcessBuilder(command);
    }

    /** Whether this process ignores SIGINT (Linux's /proc tells; elsewhere it is taken as not). */
    static boolean sigintIgnored() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("SigIgn:")) {
                    return (Long.parseUnsignedLong(line.substring(7).trim(), 16) & (1L << (2 - 1))) != 0;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // No /proc: assume the usual disposition.
        }
        return false;
    }

    /** Whether a child would get SIGINT at its default action. */
    static boolean canInterrupt() {
        return !sigintIgnored() || Tools.onPath("python3");
    }
}
