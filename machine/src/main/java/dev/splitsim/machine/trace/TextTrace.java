package dev.splitsim.machine.trace;

import dev.splitsim.cpu.isa.Disassembler;
import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.kernel.process.SyscallRecord;
import dev.splitsim.kernel.remote.MissRecord;
import java.io.PrintWriter;

/**
 * The readable trace: one line per event, starting with the simulated time in microseconds and the
 * event kind. The format is documented in the README and kept stable.
 */
public final class TextTrace implements EventSink {
    private final PrintWriter out;
    private final TraceSources sources;
    private final boolean closeOut;

    public TextTrace(PrintWriter out, TraceSources sources, boolean closeOut) {
        this.out = out;
        this.sources = sources;
        this.closeOut = closeOut;
    }

    /** Picoseconds as microseconds with all six decimals. */
    public static String us(long ticks) {
        return String.format("%d.%06d us", ticks / 1_000_000, ticks % 1_000_000);
    }

    private void line(long tick, String kind, String text) {
        out.printf("%18s  %-8s %s%n", us(tick), kind, text);
    }

    /** The fabric line of a message of a single process, as the debugger shows it. */
    public static String describe(MessageRecord m, Symbols symbols) {
        return describe(m, TraceSources.one(m.source(), symbols));
    }

    /** The fabric line of a message: its cause named by the CPU component it is from and that component's program. */
    public static String describe(MessageRecord m, TraceSources sources) {
        int k = sources.componentOf(m);
        Symbols symbols = sources.symbols(k);
        StringBuilder b = new StringBuilder();
        b.append('#').append(m.sequence()).append(' ').append(m.type()).append(' ').append(m.source()).append(" -> ")
                .append(m.destination()).append(' ').append(m.bytes()).append(" B sent ").append(us(m.sendTick()))
                .append(" arrived ").append(us(m.arriveTick()));
        if (m.replyTo() >= 0) {
            b.append(" reply to #").append(m.replyTo());
        } else {
            b.append(" handled ").append(us(m.handledTick()));
        }
        if (m.core() >= 0 && m.pc() >= 0) {
            b.append(" cause ").append(sources.core(k, m.core())).append(" pc ").append(symbols.at(m.pc()));
            if (m.vaddr() >= 0) {
                b.append(" va 0x").append(Long.toHexString(m.vaddr()));
            }
        } else {
            b.append(" cause kernel");
        }
        if (m.detail() != null) {
            b.append(" {").append(m.detail()).append('}');
        }
        return b.toString();
    }

    /** The ExCache line of a miss of a single process, as the debugger shows it. */
    public static String describe(MissRecord m, Symbols symbols, int ways) {
        return describe(m, "core" + m.core(), symbols, ways);
    }

    /** The ExCache line of a miss of CPU component {@code component}, its core and pc named as in the trace. */
    public static String describe(MissRecord m, TraceSources sources, int component, int ways) {
        return describe(m, sources.core(component, m.core()), sources.symbols(component), ways);
    }

    private static String describe(MissRecord m, String core, Symbols symbols, int ways) {
        StringBuilder b = new StringBuilder("miss ").append(core).append(" pc ").append(symbols.at(m.pc()))
                .append(" va 0x").append(Long.toHexString(m.vaddr())).append(' ').append(m.access());
        if (m.line() >= 0 && ways > 0) {
            b.append(" set ").append(m.line() / ways).append(" way ").append(m.line() % ways);
        }
        b.append(' ').append(m.served()).append(' ').append(us(m.endTick() - m.startTick()));
        if (m.requestSequence() >= 0) {
            b.append(" request #").append(m.requestSequence());
        }
        if (m.victimVaddr() >= 0) {
            b.append(" dirty victim 0x").append(Long.toHexString(m.victimVaddr()));
        }
        b.append(" [");
        for (int i = 0; i < m.stages().size(); i++) {
            MissRecord.Stage s = m.stages().get(i);
            b.append(i == 0 ? "" : " ").append(s.name()).append(' ')
                    .append(String.format("%.3f", (s.endTick() - s.startTick()) / 1e6));
        }
        return b.append("] us").toString();
    }

    private int ways;

    /** The ExCache's associativity, to name the set and way of each miss. */
    public TextTrace withWays(int w) {
        ways = w;
        return this;
    }

    @Override
    public void message(MessageRecord m) {
        line(m.sendTick(), "fabric", describe(m, sources));
    }

    @Override
    public void miss(int component, MissRecord m) {
        line(m.startTick(), "excache", describe(m, sources.core(component, m.core()), sources.symbols(component), ways));
    }

    @Override
    public void syscall(int component, SyscallRecord s) {
        line(s.startTick(), "syscall", sources.core(component, s.core()) + " pc "
                + sources.symbols(component).at(s.pc()) + " " + s.call()
                + (s.endTick() > s.startTick() ? " took " + us(s.endTick() - s.startTick()) : ""));
    }

    @Override
    public void instruction(int component, int core, long pc, long bits, long tick) {
        line(tick, "insn", sources.core(component, core) + " pc " + sources.symbols(component).at(pc) + " "
                + Disassembler.disassemble(pc, (int) bits).replace('\t', ' '));
    }

    @Override
    public void close() {
        out.flush();
        if (closeOut) {
            out.close();
        }
    }
}
