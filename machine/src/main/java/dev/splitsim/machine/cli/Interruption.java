package dev.splitsim.machine.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jline.utils.Signals;

/**
 * SIGINT and SIGTERM while a guest runs: the first asks the run to end at its next turn boundary
 * (the command then prints the summary and writes the statistics as after any run), a second one
 * ends the JVM at once, for a guest stuck where no turn ends. The handlers are the JVM's own
 * signal handlers (through jline, which reaches them without a compile-time tie to sun.misc);
 * {@link #close} puts the previous ones back.
 */
final class Interruption implements AutoCloseable {
    /** The signals handled, with their numbers: the status is 128 + number, as a shell reports it. */
    private static final Map<String, Integer> SIGNALS = new LinkedHashMap<>();

    static {
        SIGNALS.put("INT", 2);
        SIGNALS.put("TERM", 15);
    }

    private final Map<String, Object> previous = new LinkedHashMap<>();
    private volatile boolean asked;

    /** Calls {@code onSignal} with the signal's name ("SIGINT") and the status to end with. */
    private Interruption(BiConsumer<String, Integer> onSignal) {
        for (Map.Entry<String, Integer> s : SIGNALS.entrySet()) {
            String name = "SIG" + s.getKey();
            int status = 128 + s.getValue();
            Object old = Signals.register(s.getKey(), () -> {
                if (asked) {
                    Runtime.getRuntime().halt(status);
                }
                asked = true;
                onSignal.accept(name, status);
            });
            if (old != null) {
                previous.put(s.getKey(), old);
            }
        }
    }

    /** Handles SIGINT and SIGTERM with {@code onSignal} until closed. */
    static Interruption handle(BiConsumer<String, Integer> onSignal) {
        return new Interruption(onSignal);
    }

    /** Handles SIGINT only, each time afresh (the debugger's Ctrl-C stops the guest and keeps the session). */
    static Object everyInterrupt(Runnable onInterrupt) {
        return Signals.register("INT", onInterrupt);
    }

    static void restoreInterrupt(Object previousHandler) {
        if (previousHandler != null) {
            Signals.unregister("INT", previousHandler);
        }
    }

    @Override
    public void close() {
        previous.forEach(Signals::unregister);
    }
}
