package dev.splitsim.machine.trace;

import dev.splitsim.cpu.isa.Disassembler;
import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.kernel.process.SyscallRecord;
import dev.splitsim.kernel.remote.MissRecord;
import java.io.PrintWriter;

/** The machine-readable trace: one JSON object per line, times in picoseconds, a "kind" field per event. */
public final class JsonlTrace implements EventSink {
    private final PrintWriter out;
    private final TraceSources sources;

    public JsonlTrace(PrintWriter out, TraceSources sources) {
        this.out = out;
        this.sources = sources;
    }

    /** With several processes, the {@code "component":NAME,} that opens each CPU-side event after its kind. */
    private String component(int k) {
        return sources.several() ? "\"component\":" + quote(sources.name(k)) + "," : "";
    }

    static String quote(String s) {
        if (s == null) {
            return "null";
        }
        StringBuilder b = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"': b.append("\\\""); break;
                case '\\': b.append("\\\\"); break;
                case '\n': b.append("\\n"); break;
                case '\t': b.append("\\t"); break;
                default:
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public void message(MessageRecord m) {
        Symbols symbols = sources.symbols(sources.componentOf(m));
        out.printf("{\"kind\":\"fabric\",\"seq\":%d,\"type\":\"%s\",\"src\":\"%s\",\"dst\":\"%s\",\"bytes\":%d,"
                + "\"send_ps\":%d,\"arrive_ps\":%d,\"handled_ps\":%d,\"reply_to\":%d,\"nic_ps\":%d,\"wire_ps\":%d,"
                + "\"switch_ps\":%d,\"queue_ps\":%d,\"core\":%d,\"pc\":%d,\"symbol\":%s,\"vaddr\":%d,\"payload\":%s}%n",
                m.sequence(), m.type(), m.source(), m.destination(), m.bytes(), m.sendTick(), m.arriveTick(),
                m.handledTick(), m.replyTo(), m.nicTicks(), m.wireTicks(), m.switchTicks(), m.queueTicks(), m.core(),
                m.pc(), quote(m.pc() < 0 ? null : symbols.describe(m.pc())), m.vaddr(), quote(m.detail()));
    }

    @Override
    public void miss(int component, MissRecord m) {
        Symbols symbols = sources.symbols(component);
        StringBuilder st = new StringBuilder("[");
        for (int i = 0; i < m.stages().size(); i++) {
            MissRecord.Stage s = m.stages().get(i);
            st.append(i == 0 ? "" : ",").append(String.format("{\"name\":\"%s\",\"start_ps\":%d,\"end_ps\":%d}",
                    s.name(), s.startTick(), s.endTick()));
        }
        out.printf("{\"kind\":\"excache\",%s\"core\":%d,\"pc\":%d,\"symbol\":%s,\"vaddr\":%d,\"access\":\"%s\",\"line\":%d,"
                + "\"served\":\"%s\",\"start_ps\":%d,\"end_ps\":%d,\"request\":%d,\"victim\":%d,\"stages\":%s}%n",
                component(component), m.core(), m.pc(), quote(symbols.describe(m.pc())), m.vaddr(), m.access(), m.line(), m.served(),
                m.startTick(), m.endTick(), m.requestSequence(), m.victimVaddr(), st.append(']'));
    }

    @Override
    public void syscall(int component, SyscallRecord s) {
        Symbols symbols = sources.symbols(component);
        out.printf("{\"kind\":\"syscall\",%s\"core\":%d,\"pc\":%d,\"symbol\":%s,\"start_ps\":%d,\"end_ps\":%d,\"number\":%d,"
                + "\"name\":\"%s\",\"args\":[%d,%d,%d,%d,%d,%d],\"result\":%d}%n", component(component), s.core(), s.pc(),
                quote(symbols.describe(s.pc())), s.startTick(), s.endTick(), s.number(), s.name(), s.args()[0],
                s.args()[1], s.args()[2], s.args()[3], s.args()[4], s.args()[5], s.result());
    }

    @Override
    public void instruction(int component, int core, long pc, long bits, long tick) {
        out.printf("{\"kind\":\"insn\",%s\"core\":%d,\"pc\":%d,\"symbol\":%s,\"bits\":%d,\"text\":%s,\"time_ps\":%d}%n",
                component(component), core, pc, quote(sources.symbols(component).describe(pc)), bits, quote(Disassembler.disassemble(pc, (int) bits).replace('\t', ' ')),
                tick);
    }

    @Override
    public void close() {
        out.close();
    }
}
