package dev.splitsim.machine.trace;

import dev.splitsim.cpu.isa.Disassembler;
import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.kernel.process.SyscallRecord;
import dev.splitsim.kernel.remote.MissRecord;
import dev.splitsim.machine.config.Topology;
import java.io.PrintWriter;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The trace in Chrome's trace-event JSON, which Perfetto and chrome://tracing open: a process per
 * component with a track for each of its cores and for each resource a message occupies (the NIC's
 * send and receive engines, the uplink and the downlink, the polling thread, each monitor worker).
 * Every message is a slice on each resource it used, for exactly the time it held it, so a track
 * shows its resource's queue: slices on one resource track never overlap. A flow arrow joins the
 * sending NIC to the receiving NIC; every ExCache miss is a slice on the core split into its
 * stages; system calls are slices and instructions instants on the core, under the CPU component
 * whose process made them.
 */
public final class ChromeTrace implements EventSink {
    /** Core {@code i} of the CPU component is track {@code CORE + i}, listed before the NIC and link. */
    static final int CORE = 100;
    static final int NIC_TX = 2;
    static final int UPLINK = 3;
    static final int DOWNLINK = 4;
    static final int NIC_RX = 5;
    static final int POLLER = 6;
    /** Monitor worker {@code w} of a component is track {@code WORKER + w}. */
    static final int WORKER = 10;

    private final PrintWriter out;
    private final TraceSources sources;
    private final Map<String, Integer> pids = new HashMap<>();
    private final Set<Long> tracks = new HashSet<>();
    private final Topology topology;
    private boolean first = true;

    public ChromeTrace(PrintWriter out, TraceSources sources, Topology topology) {
        this.out = out;
        this.sources = sources;
        this.topology = topology;
        out.print("{\"displayTimeUnit\":\"ns\",\"traceEvents\":[\n");
        pid(topology.cpu().get(0));
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

    private String trackName(String component, int tid) {
        switch (tid) {
            case NIC_TX: return "NIC tx";
            case UPLINK: return "uplink";
            case DOWNLINK: return "downlink";
            case NIC_RX: return "NIC rx";
            case POLLER: return "poller";
            default: break;
        }
        if (tid >= CORE) {
            return "core" + (tid - CORE);
        }
        return topology.monitorOf(component) + " worker " + (tid - WORKER);
    }

    /** A track, announced on first use. */
    private int track(String component, int tid) {
        int p = pid(component);
        if (tracks.add((long) p << 32 | tid)) {
            String name = trackName(component, tid);
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
                JsonlTrace.quote(name), p, tid, ts(start), ts(Math.max(end - start, 0)),
                args == null ? "" : ",\"args\":" + args));
    }

    @Override
    public void message(MessageRecord m) {
        MessageRecord.Occupancy o = m.occupancy();
        String name = m.type() + " #" + m.sequence();
        Symbols symbols = sources.symbols(sources.componentOf(m));
        String args = String.format("{\"bytes\":%d,\"reply_to\":%d,\"cause_pc\":%s,\"vaddr\":%s,\"payload\":%s}",
                m.bytes(), m.replyTo(), JsonlTrace.quote(m.pc() < 0 ? "kernel" : symbols.at(m.pc())),
                JsonlTrace.quote(m.vaddr() < 0 ? "" : "0x" + Long.toHexString(m.vaddr())), JsonlTrace.quote(m.detail()));
        slice(m.source(), NIC_TX, name, "fabric", o.txStart(), o.txEnd(), args);
        slice(m.source(), UPLINK, name, "fabric", o.upStart(), o.upEnd(), args);
        slice(m.destination(), DOWNLINK, name, "fabric", o.downStart(), o.downEnd(), args);
        slice(m.destination(), NIC_RX, name, "fabric", o.rxStart(), o.rxEnd(), args);
        if (o.pollStart() >= 0) {
            slice(m.destination(), POLLER, name, "fabric", o.pollStart(), o.pollEnd(), args);
        }
        if (o.worker() >= 0 && m.handledTick() > o.handleStart()) {
            slice(m.destination(), WORKER + o.worker(), "handle " + name, "fabric", o.handleStart(), m.handledTick(),
                    args);
        }
        event(String.format("{\"ph\":\"s\",\"cat\":\"fabric\",\"name\":\"message\",\"id\":%d,\"pid\":%d,\"tid\":%d,"
                + "\"ts\":%s}", m.sequence(), pid(m.source()), NIC_TX, ts(o.txStart())));
        event(String.format("{\"ph\":\"f\",\"bp\":\"e\",\"cat\":\"fabric\",\"name\":\"message\",\"id\":%d,\"pid\":%d,"
                + "\"tid\":%d,\"ts\":%s}", m.sequence(), pid(m.destination()), NIC_RX, ts(o.rxStart())));
    }

    @Override
    public void miss(int component, MissRecord m) {
        String cpu = sources.name(component);
        Symbols symbols = sources.symbols(component);
        String args = String.format("{\"pc\":%s,\"access\":\"%s\",\"served\":\"%s\",\"line\":%d,\"request\":%d}",
                JsonlTrace.quote(symbols.at(m.pc())), m.access(), m.served(), m.line(), m.requestSequence());
        int core = CORE + Math.max(0, m.core());
        slice(cpu, core, "ExCache miss 0x" + Long.toHexString(m.vaddr()), "excache", m.startTick(), m.endTick(),
                args);
        for (MissRecord.Stage s : m.stages()) {
            slice(cpu, core, s.name(), "excache", s.startTick(), s.endTick(), null);
        }
    }

    @Override
    public void syscall(int component, SyscallRecord s) {
        slice(sources.name(component), CORE + s.core(), s.name(), "syscall", s.startTick(), s.endTick(),
                "{\"call\":" + JsonlTrace.quote(s.call()) + ",\"pc\":"
                        + JsonlTrace.quote(sources.symbols(component).at(s.pc())) + "}");
    }

    @Override
    public void instruction(int component, int core, long pc, long bits, long tick) {
        int p = track(sources.name(component), CORE + core);
        event(String.format("{\"ph\":\"i\",\"s\":\"t\",\"cat\":\"insn\",\"name\":%s,\"pid\":%d,\"tid\":%d,\"ts\":%s,"
                + "\"args\":{\"pc\":%s}}", JsonlTrace.quote(Disassembler.disassemble(pc, (int) bits).replace('\t', ' ')),
                p, CORE + core, ts(tick), JsonlTrace.quote(sources.symbols(component).at(pc))));
    }

    @Override
    public void close() {
        out.print("\n]}\n");
        out.close();
    }
}
