package dev.splitsim.machine.trace;

import dev.splitsim.cpu.isa.Disassembler;
import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.kernel.SyscallRecord;
import dev.splitsim.kernel.remote.MissRecord;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The trace in Chrome's trace-event JSON, which Perfetto and chrome://tracing open: a process per
 * component with a track for each of its cores, its NIC, link and monitor; every message a slice on the sending
 * NIC, the link and the receiving NIC joined by a flow arrow; every handled request a slice on the
 * receiver's monitor; every ExCache miss a slice on the core split into its stages; system calls
 * as slices and instructions as instants on the core.
 */
public final class ChromeTrace implements EventSink {
    /** Core {@code i} of the CPU component is track {@code CORE + i}, listed before the NIC and link. */
    static final int CORE = 100;
    static final int NIC = 2;
    static final int LINK = 3;
    static final int MONITOR = 4;

    private final PrintWriter out;
    private final Symbols symbols;
    private final Map<String, Integer> pids = new HashMap<>();
    private final Set<Long> tracks = new HashSet<>();
    private boolean first = true;

    public ChromeTrace(PrintWriter out, Symbols symbols) {
        this.out = out;
        this.symbols = symbols;
        out.print("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
        pid("pcomp0");
    }

    private static String ts(long ticks) {
        return String.format("%d.%06d", ticks / 1_000_000, ticks % 1_000_000);
    }

    private void event(String json) {
        out.print(first ? "" : ",\n");
        out.print(json);
        first = false;
    }

    /** The process of a component, announced with its name and sorted CPU first. */
    private int pid(String component) {
        Integer p = pids.get(component);
        if (p == null) {
            p = pids.size() + 1;
            pids.put(component, p);
            event(String.format("{\"ph\":\"M\",\"name\":\"process_name\",\"pid\":%d,\"tid\":0,\"args\":{\"name\":\"%s\"}}",
                    p, component));
            event(String.format("{\"ph\":\"M\",\"name\":\"process_sort_index\",\"pid\":%d,\"tid\":0,"
                    + "\"args\":{\"sort_index\":%d}}", p, p));
        }
        return p;
    }

    private static String monitorName(String component) {
        return component.startsWith("mcomp") ? "memory monitor" : component.startsWith("scomp") ? "storage monitor"
                : "process monitor";
    }

    /** A track, announced on first use. */
    private int track(String component, int tid) {
        int p = pid(component);
        if (tracks.add((long) p << 32 | tid)) {
            String name = tid >= CORE ? "core" + (tid - CORE) : tid == NIC ? "NIC" : tid == LINK ? "link"
                    : monitorName(component);
            event(String.format("{\"ph\":\"M\",\"name\":\"thread_name\",\"pid\":%d,\"tid\":%d,\"args\":{\"name\":\"%s\"}}",
                    p, tid, name));
            event(String.format("{\"ph\":\"M\",\"name\":\"thread_sort_index\",\"pid\":%d,\"tid\":%d,"
                    + "\"args\":{\"sort_index\":%d}}", p, tid, tid >= CORE ? tid - 2 * CORE : tid));
        }
        return p;
    }

    private void slice(String component, int tid, String name, String cat, long start, long end, String args) {
        int p = track(component, tid);
        event(String.format("{\"ph\":\"X\",\"cat\":\"%s\",\"name\":%s,\"pid\":%d,\"tid\":%d,\"ts\":%s,\"dur\":%s%s}", cat,
                JsonlTrace.quote(name), p, tid, ts(start), ts(Math.max(end - start, 1)),
                args == null ? "" : ",\"args\":" + args));
    }

    @Override
    public void message(MessageRecord m) {
        long half = m.nicTicks() / 2;
        String name = m.type() + " #" + m.sequence();
        String args = String.format("{\"bytes\":%d,\"reply_to\":%d,\"cause_pc\":%s,\"vaddr\":%s,\"payload\":%s}",
                m.bytes(), m.replyTo(), JsonlTrace.quote(m.pc() < 0 ? "kernel" : symbols.at(m.pc())),
                JsonlTrace.quote(m.vaddr() < 0 ? "" : "0x" + Long.toHexString(m.vaddr())), JsonlTrace.quote(m.detail()));
        slice(m.source(), NIC, name, "fabric", m.sendTick(), m.sendTick() + half, args);
        slice(m.source(), LINK, name, "fabric", m.sendTick() + half, m.arriveTick() - half, args);
        slice(m.destination(), NIC, name, "fabric", m.arriveTick() - half, m.arriveTick(), args);
        if (m.handledTick() > m.arriveTick() && !m.destination().startsWith("pcomp")) {
            slice(m.destination(), MONITOR, "handle " + name, "fabric", m.arriveTick(), m.handledTick(), args);
        }
        event(String.format("{\"ph\":\"s\",\"cat\":\"fabric\",\"name\":\"message\",\"id\":%d,\"pid\":%d,\"tid\":%d,"
                + "\"ts\":%s}", m.sequence(), pid(m.source()), NIC, ts(m.sendTick())));
        event(String.format("{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"fabric\",\"name\":\"message\",\"id\":%d,\"pid\":%d,"
                + "\"tid\":%d,\"ts\":%s}", m.sequence(), pid(m.destination()), NIC, ts(m.arriveTick() - half)));
    }

    @Override
    public void miss(MissRecord m) {
        String args = String.format("{\"pc\":%s,\"access\":\"%s\",\"served\":\"%s\",\"line\":%d,\"request\":%d}",
                JsonlTrace.quote(symbols.at(m.pc())), m.access(), m.served(), m.line(), m.requestSequence());
        int core = CORE + Math.max(0, m.core());
        slice("pcomp0", core, "ExCache miss 0x" + Long.toHexString(m.vaddr()), "excache", m.startTick(), m.endTick(),
                args);
        for (MissRecord.Stage s : m.stages()) {
            slice("pcomp0", core, s.name(), "excache", s.startTick(), s.endTick(), null);
        }
    }

    @Override
    public void syscall(SyscallRecord s) {
        slice("pcomp0", CORE + s.core(), s.name(), "syscall", s.startTick(), s.endTick(),
                "{\"call\":" + JsonlTrace.quote(s.call()) + ",\"pc\":" + JsonlTrace.quote(symbols.at(s.pc())) + "}");
    }

    @Override
    public void instruction(int core, long pc, long bits, long tick) {
        int p = track("pcomp0", CORE + core);
        event(String.format("{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"insn\",\"name\":%s,\"pid\":%d,\"tid\":%d,\"ts\":%s,"
                + "\"args\":{\"pc\":%s}}", JsonlTrace.quote(Disassembler.disassemble(pc, (int) bits).replace('\t', ' ')),
                p, CORE + core, ts(tick), JsonlTrace.quote(symbols.at(pc))));
    }

    @Override
    public void close() {
        out.print("\n]}\n");
        out.close();
    }
}
