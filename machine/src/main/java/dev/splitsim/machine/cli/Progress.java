package dev.splitsim.machine.cli;

import dev.splitsim.core.time.Clock;
import dev.splitsim.machine.Machine;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The one-line progress indicator of a long run: instructions so far, host MIPS over the last
 * refresh and simulated time, rewritten in place on stderr by a daemon thread of the host. The
 * thread only reads the machine's plain counters, racily (a count a turn old is good enough for a
 * progress line), so the guest's loop is exactly what it is without it: no lock, no allocation,
 * no write. A run that ends within the first {@link #FIRST_AFTER_MILLIS} prints nothing.
 */
final class Progress implements AutoCloseable {
    static final long FIRST_AFTER_MILLIS = 2000;
    private static final long REFRESH_MILLIS = 500;

    private final Machine machine;
    private final PrintStream err;
    private final Thread thread;
    private volatile boolean done;
    /** The width of the last line shown, to blank it when the run ends; 0 while none is shown. */
    private int shown;

    private Progress(Machine machine, PrintStream err) {
        this.machine = machine;
        this.err = err;
        this.thread = new Thread(this::refresh, "progress");
        thread.setDaemon(true);
    }

    /** Shows the progress of {@code m}'s run when asked or when stderr is a terminal; null when not shown. */
    static Progress start(Machine m, PrintStream err, boolean forced, boolean quiet) {
        if (quiet || !(forced || stderrIsTerminal())) {
            return null;
        }
        Progress p = new Progress(m, err);
        p.thread.start();
        return p;
    }

    /**
     * Whether the process's stderr is a terminal. Java tells that only of stdin and stdout together
     * (System.console), so on Linux the descriptor's target is asked first.
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty");
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    private void refresh() {
        long startNanos = System.nanoTime();
        long lastNanos = startNanos;
        long lastInstructions = 0;
        try {
            Thread.sleep(FIRST_AFTER_MILLIS);
            while (!done) {
                long now = System.nanoTime();
                long instructions = machine.instructions();
                double mips = now == lastNanos ? 0 : (instructions - lastInstructions) / ((now - lastNanos) / 1e3);
                show(line(instructions, mips, Clock.ticksToSeconds(machine.nowTicks()), (now - startNanos) / 1e9));
                lastNanos = now;
                lastInstructions = instructions;
                Thread.sleep(REFRESH_MILLIS);
            }
        } catch (InterruptedException e) {
            // The run is over.
        }
    }

    static String line(long instructions, double mips, double simSeconds, double hostSeconds) {
        return String.format("splitsim: %,d instructions, %.1f MIPS, %s simulated, %.0f s", instructions, mips,
                Summary.seconds(simSeconds), hostSeconds);
    }

    private synchronized void show(String line) {
        if (done) {
            return;
        }
        err.print("\r" + line + " ".repeat(Math.max(0, shown - line.length())));
        err.flush();
        shown = line.length();
    }

    /** Stops the thread and blanks the line, so what follows on stderr starts at the left margin. */
    @Override
    public void close() {
        done = true;
        thread.interrupt();
        synchronized (this) {
            if (shown > 0) {
                err.print("\r" + " ".repeat(shown) + "\r");
                err.flush();
                shown = 0;
            }
        }
    }
}
