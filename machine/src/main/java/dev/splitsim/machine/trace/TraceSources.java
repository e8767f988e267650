package dev.splitsim.machine.trace;

import dev.splitsim.fabric.MessageRecord;
import java.util.List;

/**
 * Whose events a trace shows: the CPU components in topology order, each with the symbols of the
 * program it runs. With one process the events read as they always did ({@code core0}); with
 * several each names its component ({@code pcomp1/core0}) and its addresses by its own program.
 */
public final class TraceSources {
    private final List<String> names;
    private final List<Symbols> symbols;

    private TraceSources(List<String> names, List<Symbols> symbols) {
        if (names.size() < symbols.size()) {
            throw new IllegalArgumentException(symbols.size() + " programs for " + names.size() + " CPU components");
        }
        this.names = List.copyOf(names);
        this.symbols = List.copyOf(symbols);
    }

    /** CPU component {@code k} of {@code names} runs the program of {@code symbols.get(k)}. */
    public static TraceSources of(List<String> names, List<Symbols> symbols) {
        return new TraceSources(names, symbols);
    }

    /** One process, on the first CPU component. */
    public static TraceSources one(String name, Symbols symbols) {
        return new TraceSources(List.of(name), List.of(symbols));
    }

    /** Whether several processes are traced, so each event says which component it is from. */
    public boolean several() {
        return symbols.size() > 1;
    }

    public String name(int component) {
        return names.get(component);
    }

    public Symbols symbols(int component) {
        return symbols.get(component);
    }

    /** {@code core0}, or {@code pcomp1/core0} when several components are traced. */
    public String core(int component, int core) {
        return several() ? names.get(component) + "/core" + core : "core" + core;
    }

    /** The CPU component at either end of a message (the sender first); 0 when neither end is one. */
    public int componentOf(MessageRecord m) {
        int k = index(m.source());
        return k >= 0 ? k : Math.max(0, index(m.destination()));
    }

    private int index(String name) {
        for (int k = 0; k < symbols.size(); k++) {
            if (names.get(k).equals(name)) {
                return k;
            }
        }
        return -1;
    }
}
