package dev.splitsim.machine.debug;

import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.excache.ExCache;
import dev.splitsim.cpu.isa.Decoded;
import dev.splitsim.cpu.isa.Decoder;
import dev.splitsim.cpu.isa.Disassembler;
import dev.splitsim.cpu.isa.Op;
import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.kernel.memory.MemoryComponent;
import dev.splitsim.kernel.process.SyscallRecord;
import dev.splitsim.kernel.remote.MissRecord;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.trace.Symbols;
import dev.splitsim.machine.trace.TextTrace;
import dev.splitsim.machine.trace.TraceSources;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;

/**
 * The interactive debugger over one machine: run control (step, next, finish, continue,
 * breakpoints, watchpoints, until a fabric message) and inspection of the core, the ExCache, the
 * fabric and the memory component's page table. Every stop shows where the core is and what the
 * instructions since the last stop sent over the fabric.
 *
 * <p>With several processes, one per CPU component, the run commands run the whole machine (its
 * components share one time line, so none can run ahead alone) and the stop shows the core that
 * ran last. The inspection commands, breakpoints and watchpoints are of the focused process: the
 * one that ran last, or the one {@code process N} chose. A breakpoint or watchpoint stays with the
 * process it was set in.
 */
public final class Debugger {
    private static final int MAX_RUN_STEPS = Integer.MAX_VALUE;
    /** A stop shows at most this many of the events since the last one. */
    private static final int SHOWN_EVENTS = 12;
    /** How far into a function its frame record may still be unbuilt (four compressed or two full instructions). */
    private static final int PROLOGUE_BYTES = 8;
    /** How many misses {@code msg slowest} lists unless told. */
    private static final int SLOWEST_SHOWN = 5;
    /** The most units, instructions or misses one command shows: a mistyped count must not flood the terminal. */
    public static final int MAX_SHOWN = 4096;

    private final Machine m;
    private final EventLog log;
    /** The CPU components' names and their programs' symbols, in topology order. */
    private final TraceSources sources;
    /** Each component's program's line information. */
    private final List<LineTable> lineTables;
    private final PrintStream out;
    private final Map<Integer, Break> breakpoints = new TreeMap<>();
    private final Map<Integer, Watch> watches = new TreeMap<>();
    /** The process the commands look at: the one whose core ran last, or the one {@code process N} chose. */
    private int focus;
    /** Per component, the core its commands look at: the one of it that ran last. */
    private final Hart[] shownCore;
    /** Per component, whether its process's end has been reported. */
    private final boolean[] endReported;
    private int nextId = 1;
    private boolean quit;
    /** Set by a host signal handler (Ctrl-C) to stop a running command; read between instructions. */
    private volatile boolean interrupted;

    /** A breakpoint at {@code address} of the process on CPU component {@code component}. */
    private record Break(int component, long address) {}

    private static final class Watch {
        final int component;
        final long address;
        final int length;
        byte[] last;

        Watch(int component, long address, int length, byte[] last) {
            this.component = component;
            this.address = address;
            this.length = length;
            this.last = last;
        }
    }

    /**
     * A debugger over {@code m}, whose CPU components run the programs of {@code sources} with the
     * line information {@code lines}, one per component in topology order.
     */
    public Debugger(Machine m, EventLog log, TraceSources sources, List<LineTable> lines, PrintStream out) {
        if (lines.size() != m.processCount()) {
            throw new IllegalArgumentException(lines.size() + " line tables for " + m.processCount() + " processes");
        }
        this.m = m;
        this.log = log;
        this.sources = sources;
        this.lineTables = List.copyOf(lines);
        this.out = out;
        this.shownCore = new Hart[m.processCount()];
        this.endReported = new boolean[m.processCount()];
        for (int k = 0; k < shownCore.length; k++) {
            shownCore[k] = m.cores(k)[0];
        }
        focus = m.selectedComponent();
        if (m.hart() != null) {
            shownCore[focus] = m.hart();
        }
    }

    /** The focused process's core. */
    private Hart hart() {
        return shownCore[focus];
    }

    private Symbols symbols() {
        return sources.symbols(focus);
    }

    private LineTable lines() {
        return lineTables.get(focus);
    }

    /** Whether the machine runs several processes, so that what is shown names its component. */
    private boolean several() {
        return m.processCount() > 1;
    }

    public boolean quitRequested() {
        return quit;
    }

    /**
     * Stops the command that is running the guest (continue, step N, until, ...) after its current
     * instruction, from another thread; the stop is shown and the next command is read as usual.
     */
    public void interrupt() {
        interrupted = true;
    }

    /** Whether an interrupt came since the last check; clears it. */
    private boolean takeInterrupt() {
        boolean was = interrupted;
        interrupted = false;
        return was;
    }

    /** The first stop, at the entry point. */
    public void start() {
        log.takeSinceStop();
        out.println("splitsim debugger: " + symbols().size() + " symbols" + (lines().isEmpty() ? "" : ", source lines")
                + (several() ? " in " + sources.name(0) + "'s program, " + m.processCount() + " processes" : "")
                + "; 'help' lists the commands.");
        showStop(null);
    }

    /** Runs one command line; errors in it are reported on one line and leave the state unchanged. */
    public void execute(String line) {
        String l = line.trim();
        if (l.isEmpty() || l.startsWith("#")) {
            return;
        }
        String[] w = l.split("\\s+");
        String cmd = w[0];
        // A Ctrl-C at the prompt is no reason to stop the next command.
        interrupted = false;
        try {
            if (cmd.startsWith("x/") || cmd.equals("x")) {
                examine(cmd, w);
                return;
            }
            switch (cmd) {
                case "step": case "s": case "si": case "stepi": step(w.length > 1 ? count(w[1], "step count") : 1); break;
                case "next": case "n": case "ni": next(); break;
                case "finish": case "fin": finish(); break;
                case "continue": case "c": case "cont": resume("continue", () -> false); break;
                case "break": case "b": breakAt(rest(l)); break;
                case "delete": case "d": delete(w.length > 1 ? w[1] : null); break;
                case "watch": watch(w); break;
                case "until": until(w); break;
                case "msg": message(w); break;
                case "excache": excache(w); break;
                case "pt": pageTable(w); break;
                case "regs": regs(w); break;
                case "info": info(w); break;
                case "disas": case "disassemble": disas(w); break;
                case "bt": case "backtrace": backtrace(); break;
                case "stats": out.print(m.stats().toText()); break;
                case "time": time(); break;
                case "threads": threads(); break;
                case "process": case "inferior": focusOn(w); break;
                case "help": case "h": case "?": help(); break;
                case "quit": case "q": case "exit": quit = true; break;
                default: out.println("unknown command '" + cmd + "'; 'help' lists the commands");
            }
        } catch (NumberFormatException e) {
            // Every number is parsed with its own message; this keeps a slip from showing the JDK's words.
            out.println("error: a number in '" + l + "' is not one");
        } catch (IllegalArgumentException e) {
            out.println("error: " + e.getMessage());
        }
    }

    /** A count the user typed: a whole number of at least 1. */
    private static long count(String text, String what) {
        long n = Symbols.parseNumber(text);
        if (n < 1) {
            throw new IllegalArgumentException(what + " must be at least 1, got " + text);
        }
        return n;
    }

    /** {@code n}, or {@link #MAX_SHOWN} with a note when it is more. */
    private int capped(long n) {
        if (n > MAX_SHOWN) {
            out.println("count capped at " + MAX_SHOWN);
            return MAX_SHOWN;
        }
        return (int) n;
    }

    /** A number the user typed that must lie in {@code min..max}. */
    private static int inRange(String text, String what, int min, int max) {
        long v = Symbols.parseNumber(text);
        if (v < min || v > max) {
            throw new IllegalArgumentException(what + " must be " + min + ".." + max + ", got " + text);
        }
        return (int) v;
    }

    private static String rest(String line) {
        int sp = line.indexOf(' ');
        if (sp < 0) {
            throw new IllegalArgumentException("missing argument");
        }
        return line.substring(sp + 1).trim();
    }

    /** Whether the run is over: every process has ended, or one was stopped (which stops the run). */
    private boolean finished() {
        for (int k = 0; k < m.processCount(); k++) {
            if (m.process(k).stopMessage() != null) {
                return true;
            }
        }
        return m.allFinished();
    }

    private boolean exitedMessage() {
        if (!finished()) {
            return false;
        }
        if (!several()) {
            out.println("the program " + ending(0));
            return true;
        }
        for (int k = 0; k < m.processCount(); k++) {
            out.println(sources.name(k) + ": the program " + (ended(k) ? ending(k)
                    : "was still running at " + where(k, shownCore[k].pc)));
        }
        return true;
    }

    /** Whether process {@code k} has ended: exited, or stopped (which stops the run). */
    private boolean ended(int k) {
        return m.process(k).finished() || m.process(k).stopMessage() != null;
    }

    /** How process {@code k} ended: {@code exited with status 0}, {@code stopped: ...}. */
    private String ending(int k) {
        dev.splitsim.kernel.process.LinuxProcess p = m.process(k);
        if (p.fault() != null) {
            return "stopped: guest fault: " + p.fault().reason() + " at pc " + sources.symbols(k).at(p.fault().pc());
        }
        if (p.stopMessage() != null) {
            return "stopped: " + p.stopMessage();
        }
        return "exited with status " + p.exitStatus();
    }

    /** One instruction; false when the program is over. The focus follows the core that ran. */
    private boolean stepOne() {
        if (finished()) {
            return false;
        }
        m.step();
        focus = m.selectedComponent();
        shownCore[focus] = m.hart();
        return !finished();
    }

    /**
     * With several processes, the end of one while others run on stops the command (as gdb reports
     * an inferior's exit): which one, and how; null when none has ended since the last look.
     */
    private String processEnded() {
        if (!several()) {
            return null;
        }
        for (int k = 0; k < m.processCount(); k++) {
            if (!endReported[k] && m.process(k).finished()) {
                endReported[k] = true;
                return sources.name(k) + "'s program " + ending(k);
            }
        }
        return null;
    }

    private void step(long n) {
        if (exitedMessage()) {
            return;
        }
        String reason = null;
        for (long i = 0; i < n && reason == null; i++) {
            if (!stepOne()) {
                break;
            }
            reason = watchTriggered();
            if (reason == null) {
                reason = processEnded();
            }
            if (reason == null && takeInterrupt()) {
                reason = "interrupted";
            }
        }
        showStop(reason);
    }

    /** Runs until a breakpoint, a watchpoint, the end, or {@code stop}; says why it stopped. */
    private void resume(String what, BooleanSupplier stop) {
        if (exitedMessage()) {
            return;
        }
        // Leave a breakpoint we are standing on before checking breakpoints again.
        if (!stepOne()) {
            showStop(null);
            return;
        }
        String reason = null;
        for (long i = 0; i < MAX_RUN_STEPS; i++) {
            reason = watchTriggered();
            if (reason == null) {
                reason = processEnded();
            }
            if (reason != null) {
                break;
            }
            if (stop.getAsBoolean()) {
                reason = what;
                break;
            }
            if (takeInterrupt()) {
                reason = "interrupted";
                break;
            }
            int bp = breakpointAt(focus, hart().pc);
            if (bp > 0) {
                reason = "breakpoint " + bp;
                break;
            }
            if (!stepOne()) {
                break;
            }
        }
        showStop(reason);
    }

    private int breakpointAt(int component, long pc) {
        for (Map.Entry<Integer, Break> e : breakpoints.entrySet()) {
            if (e.getValue().address() == pc && e.getValue().component() == component) {
                return e.getKey();
            }
        }
        return 0;
    }

    private long decodedAt(long pc) {
        long bits = hart().instructionBitsAt(pc);
        if (bits < 0) {
            return -1;
        }
        return (bits & 3) == 3 ? Decoder.decode32((int) bits) : Decoder.decode16((int) bits);
    }

    private void next() {
        long pc = hart().pc;
        long d = decodedAt(pc);
        int op = d < 0 ? -1 : Decoded.op(d);
        boolean call = (op == Op.JAL || op == Op.JALR) && (Decoded.rd(d) == 1 || Decoded.rd(d) == 5);
        if (!call) {
            step(1);
            return;
        }
        long after = pc + Decoded.length(d);
        long sp = hart().x[2];
        int k = focus;
        resume("next", () -> focus == k && hart().pc == after && hart().x[2] == sp);
    }

    private void finish() {
        List<long[]> frames = frames(2);
        if (frames.size() < 2) {
            throw new IllegalArgumentException("no caller frame found (bt shows none)");
        }
        long ret = frames.get(1)[0];
        long sp = hart().x[2];
        int k = focus;
        out.println("run till exit from " + symbols().at(hart().pc));
        resume("finish", () -> focus == k && hart().pc == ret && Long.compareUnsigned(hart().x[2], sp) >= 0);
    }

    private void breakAt(String text) {
        Qualified q = qualified(text);
        int k = q.process();
        long a = location(k, q.text());
        int id = nextId++;
        breakpoints.put(id, new Break(k, a));
        out.println("Breakpoint " + id + " at " + where(k, a) + inProcess(k));
    }

    /** {@code  in pcomp1} when several processes run, else nothing. */
    private String inProcess(int k) {
        return several() ? " in " + sources.name(k) : "";
    }

    /** A command's words without a trailing {@code process N}, and the process it names (the focused one without it). */
    private record Qualified(String text, int process) {}

    private Qualified qualified(String text) {
        String[] w = text.trim().split("\\s+");
        if (w.length >= 3 && w[w.length - 2].equals("process")) {
            return new Qualified(String.join(" ", Arrays.asList(w).subList(0, w.length - 2)),
                    processNamed(w[w.length - 1]));
        }
        return new Qualified(text.trim(), focus);
    }

    /** The process of CPU component {@code text}: its index in topology order, or its name. */
    private int processNamed(String text) {
        for (int k = 0; k < m.processCount(); k++) {
            if (sources.name(k).equals(text)) {
                return k;
            }
        }
        if (text.matches("\\d+")) {
            return inRange(text, "process", 0, m.processCount() - 1);
        }
        throw new IllegalArgumentException("no process '" + text + "': 'info processes' lists them");
    }

    /** A code address in process {@code k}'s program as the user types it: a symbol, an address or a source line. */
    private long location(int k, String where) {
        LineTable lines = lineTables.get(k);
        long a;
        if (where.matches(".+:\\d+")) {
            int colon = where.lastIndexOf(':');
            String file = where.substring(0, colon);
            int line = inRange(where.substring(colon + 1), "line", 1, Integer.MAX_VALUE);
            if (lines.isEmpty()) {
                throw new IllegalArgumentException("the program has no line information (compile it with -g)");
            }
            if (!lines.knowsFile(file)) {
                throw new IllegalArgumentException("no source file '" + file + "' in the line information");
            }
            a = lines.addressOf(file, line);
            if (a < 0) {
                throw new IllegalArgumentException("no code at or after line " + line + " of " + file);
            }
        } else {
            a = address(k, where);
        }
        return a;
    }

    /** {@code 0x10646 <sum> (t.c:8)}: the address, its symbol and, with line information, its line. */
    private String where(long pc) {
        return where(focus, pc);
    }

    /** {@link #where(long)} in the program of process {@code k}. */
    private String where(int k, long pc) {
        String line = lineTables.get(k).lineAt(pc);
        return sources.symbols(k).at(pc) + (line == null ? "" : " (" + line + ")");
    }

    /**
     * An address as the user types it: a number, a symbol with an optional offset, or a register
     * ({@code $sp}, {@code $a0+16}, {@code $pc}).
     */
    private long address(String text) {
        return address(focus, text);
    }

    /** {@link #address(String)} in process {@code k}: its program's symbols, its core's registers. */
    private long address(int k, String text) {
        String t = text.trim();
        if (!t.startsWith("$")) {
            return sources.symbols(k).parse(t);
        }
        int split = 1;
        while (split < t.length() && Character.isLetterOrDigit(t.charAt(split))) {
            split++;
        }
        long base = register(shownCore[k], t.substring(1, split));
        String rest = t.substring(split).trim();
        if (rest.isEmpty()) {
            return base;
        }
        if (rest.charAt(0) != '+' && rest.charAt(0) != '-') {
            throw new IllegalArgumentException("expected + or - after the register in '" + text + "'");
        }
        long offset = Symbols.parseNumber(rest.substring(1));
        return rest.charAt(0) == '+' ? base + offset : base - offset;
    }

    private static long register(Hart h, String name) {
        if (name.equals("pc")) {
            return h.pc;
        }
        if (name.equals("fp")) {
            return h.x[8];
        }
        for (int r = 0; r < 32; r++) {
            if (Disassembler.xName(r).equals(name) || name.equals("x" + r)) {
                return h.x[r];
            }
        }
        throw new IllegalArgumentException("no register '$" + name + "'");
    }

    private void delete(String which) {
        if (which == null) {
            breakpoints.clear();
            watches.clear();
            out.println("deleted every breakpoint and watchpoint");
            return;
        }
        long id = Symbols.parseNumber(which);
        if (id != (int) id || breakpoints.remove((int) id) == null && watches.remove((int) id) == null) {
            throw new IllegalArgumentException("no breakpoint or watchpoint " + which);
        }
        out.println("deleted " + id);
    }

    private void watch(String[] words) {
        Qualified q = qualified(String.join(" ", words));
        int k = q.process();
        String[] w = q.text().split("\\s+");
        if (w.length < 2) {
            throw new IllegalArgumentException("usage: watch <addr|symbol> [len] [process N]");
        }
        long a = address(k, w[1]);
        int len = w.length > 2 ? inRange(w[2], "watch length", 1, 4096) : 8;
        byte[] now = new byte[len];
        if (!m.peek(k, a, now, len)) {
            throw new IllegalArgumentException("0x" + Long.toHexString(a) + " is not mapped");
        }
        int id = nextId++;
        watches.put(id, new Watch(k, a, len, now));
        out.println("Watchpoint " + id + ": " + len + " bytes at " + sources.symbols(k).at(a) + inProcess(k));
    }

    /** The change a watchpoint saw in the last instruction, to be shown as the reason of the stop, or null. */
    private String watchTriggered() {
        String seen = null;
        for (Map.Entry<Integer, Watch> e : watches.entrySet()) {
            Watch wt = e.getValue();
            byte[] now = new byte[wt.length];
            if (m.peek(wt.component, wt.address, now, wt.length) && !Arrays.equals(now, wt.last)) {
                String change = "watchpoint " + e.getKey() + ", " + sources.symbols(wt.component).at(wt.address)
                        + inProcess(wt.component) + " changed from " + hex(wt.last) + " to " + hex(now);
                seen = seen == null ? change : seen + "; " + change;
                wt.last = now;
            }
        }
        return seen;
    }

    private static String hex(byte[] b) {
        StringBuilder s = new StringBuilder("0x");
        for (int i = b.length - 1; i >= 0; i--) {
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }

    private void until(String[] w) {
        if (w.length < 2 || !w[1].equals("msg")) {
            throw new IllegalArgumentException("usage: until msg [TYPE] [NODE]");
        }
        String type = w.length > 2 ? w[2].toUpperCase(Locale.ROOT) : null;
        String node = w.length > 3 ? w[3] : null;
        long seen = log.messageCount();
        resume("fabric message", () -> {
            if (log.messageCount() == seen) {
                return false;
            }
            for (MessageRecord r : log.messages()) {
                if (r.sequence() >= seen && (type == null || r.type().name().equals(type))
                        && (node == null || r.source().equals(node) || r.destination().equals(node))) {
                    return true;
                }
            }
            return false;
        });
    }

    /** Where the core stopped, and what the instructions since the last stop caused. */
    private void showStop(String reason) {
        List<Object> events = log.takeSinceStop();
        if (events.size() > SHOWN_EVENTS) {
            out.println("  (" + (events.size() - SHOWN_EVENTS) + " earlier events not shown; 'msg' and --trace-file"
                    + " have them)");
            events = events.subList(events.size() - SHOWN_EVENTS, events.size());
        }
        for (Object e : events) {
            if (e instanceof MessageRecord r) {
                out.println("  fabric  " + TextTrace.describe(r, sources));
            } else if (e instanceof EventLog.Miss r) {
                out.println("  excache " + describe(r));
            } else if (e instanceof EventLog.Syscall r) {
                out.println("  syscall " + (several() ? sources.name(r.component()) + " " : "") + r.record().call());
            }
        }
        if (exitedMessage()) {
            return;
        }
        if (reason != null) {
            out.println("stopped: " + reason);
        }
        if (m.process(focus).finished()) {
            // The focused process has ended while others run on: the stop shows one of those.
            for (int k = 0; k < m.processCount(); k++) {
                if (!m.process(k).finished()) {
                    focus = k;
                    break;
                }
            }
        }
        showWhere();
    }

    /** Where the focused core is, in its program, at what time, and which core and thread that is. */
    private void showWhere() {
        long pc = hart().pc;
        out.println(where(pc) + ": " + disassemble(pc) + "    [" + TextTrace.us(m.nowTicks()) + "]" + coreAndThread());
    }

    /** A miss as the trace shows it, with the ExCache geometry of its component. */
    private String describe(EventLog.Miss r) {
        ExCache c = m.excache(r.component());
        return TextTrace.describe(r.record(), sources, r.component(), c == null ? 0 : c.ways());
    }

    /** With several cores or processes, which core stopped and which thread it runs. */
    private String coreAndThread() {
        if (m.cores(focus).length < 2 && !several()) {
            return "";
        }
        dev.splitsim.kernel.thread.GuestThread t = m.process(focus).scheduler().current(hart());
        return (several() ? " " + sources.name(focus) : "") + " core " + hart().id
                + (t == null ? " idle" : " thread " + t.tid);
    }

    /** {@code process}: which process the commands look at; {@code process N}: look at N's from now on. */
    private void focusOn(String[] w) {
        if (w.length > 1) {
            focus = processNamed(w[1]);
        }
        out.println("process " + focus + " on " + sources.name(focus) + ", pid " + m.process(focus).pid()
                + (m.process(focus).finished() ? ", " + ending(focus) : ""));
        if (!m.process(focus).finished()) {
            showWhere();
        }
    }

    /** {@code info processes}: every process, the focused one marked. */
    private void processes() {
        for (int k = 0; k < m.processCount(); k++) {
            dev.splitsim.kernel.process.LinuxProcess p = m.process(k);
            out.println((k == focus ? "* " : "  ") + k + "  " + sources.name(k) + "  pid " + p.pid() + "  "
                    + (ended(k) ? ending(k) : "at " + where(k, shownCore[k].pc)));
        }
    }

    private void threads() {
        dev.splitsim.kernel.thread.Scheduler s = m.process(focus).scheduler();
        if (several()) {
            out.println("process " + focus + " on " + sources.name(focus) + ":");
        }
        for (Hart h : m.cores(focus)) {
            dev.splitsim.kernel.thread.GuestThread t = s.current(h);
            out.println(String.format("core %d  %s  at %s", h.id, t == null ? "idle" : "thread " + t.tid
                    + " at " + where(h.pc), TextTrace.us(s.nowTicks(h.id))));
        }
        for (dev.splitsim.kernel.thread.GuestThread t : s.threads()) {
            String state;
            switch (t.state()) {
                case RUNNING: continue;
                case READY: state = "ready"; break;
                default:
                    state = t.futexAddress() >= 0 ? "waits on futex 0x" + Long.toHexString(t.futexAddress()) : "sleeps";
                    if (t.timeoutTick() != dev.splitsim.kernel.thread.Scheduler.NEVER) {
                        state += " until " + TextTrace.us(t.timeoutTick());
                    }
                    break;
            }
            out.println(String.format("thread %d  %s, goes on at %s", t.tid, state, where(t.savedPc())));
        }
    }

    private String disassemble(long pc) {
        return disassemble(focus, pc);
    }

    /** The instruction at {@code pc} in process {@code k}'s memory. */
    private String disassemble(int k, long pc) {
        long bits = shownCore[k].instructionBitsAt(pc);
        return bits < 0 ? "(not mapped)" : Disassembler.disassemble(pc, (int) bits).replace('\t', ' ');
    }

    private void message(String[] w) {
        if (m.fabric() == null) {
            throw new IllegalArgumentException("no fabric: this machine is not split (profile local)");
        }
        if (w.length == 1) {
            long now = m.nowTicks();
            int shown = 0;
            for (MessageRecord r : log.messages()) {
                if (r.inFlightAt(now)) {
                    out.println("  in flight: " + TextTrace.describe(r, sources));
                    shown++;
                }
            }
            if (shown == 0) {
                out.println("no message in flight at " + TextTrace.us(now) + " (the core waits for every reply);"
                        + " the last ones:");
                List<MessageRecord> all = new ArrayList<>();
                log.messages().forEach(all::add);
                for (MessageRecord r : all.subList(Math.max(0, all.size() - 5), all.size())) {
                    out.println("  " + TextTrace.describe(r, sources));
                }
            }
            return;
        }
        if (w[1].equals("slowest")) {
            slowest(w.length > 2 ? capped(count(w[2], "number of misses")) : SLOWEST_SHOWN);
            return;
        }
        long seq = Symbols.parseNumber(w[1].replace("#", ""));
        MessageRecord r = log.message(seq);
        if (r == null) {
            throw new IllegalArgumentException("no message #" + seq + " in the log");
        }
        out.println("message #" + r.sequence() + " " + r.type() + " " + r.source() + " -> " + r.destination() + ", "
                + r.bytes() + " bytes" + (r.replyTo() >= 0 ? ", the reply to #" + r.replyTo() : ", a request"));
        int k = sources.componentOf(r);
        out.println("  cause      " + (r.core() < 0 || r.pc() < 0 ? "kernel (not a guest access)"
                : sources.core(k, r.core()) + " pc " + sources.symbols(k).at(r.pc()) + ": " + disassemble(k, r.pc())
                        + (r.vaddr() >= 0 ? ", va 0x" + Long.toHexString(r.vaddr()) : "")));
        long t = r.sendTick();
        out.println("  sent       " + TextTrace.us(t));
        out.println("  NICs       " + TextTrace.us(r.nicTicks()) + "  (send and receive overhead, DMA)");
        out.println("  wire       " + TextTrace.us(r.wireTicks()) + "  (serialization and propagation)");
        out.println("  switch     " + TextTrace.us(r.switchTicks()));
        out.println("  queueing   " + TextTrace.us(r.queueTicks()) + "  (behind earlier traffic on a link)");
        out.println("  arrived    " + TextTrace.us(r.arriveTick()));
        if (r.handledTick() > r.arriveTick()) {
            out.println("  handled    " + TextTrace.us(r.handledTick()) + "  (the receiver's monitor done)");
        }
        out.println("  payload    " + (r.detail() == null ? "(none)" : r.detail()));
        EventLog.Miss miss = log.missOf(r.sequence());
        if (miss != null) {
            out.println("  serves     " + describe(miss));
        }
    }

    /** The misses that stalled the core longest, each with the instruction behind it and its request. */
    private void slowest(int n) {
        List<EventLog.Miss> all = new ArrayList<>();
        log.misses().forEach(all::add);
        if (all.isEmpty()) {
            out.println("no ExCache miss yet");
            return;
        }
        // Stable sort: among equally slow misses the earliest comes first.
        all.sort((a, b) -> Long.compare(b.record().endTick() - b.record().startTick(),
                a.record().endTick() - a.record().startTick()));
        out.println("the " + Math.min(n, all.size()) + " slowest of " + all.size() + " ExCache misses:");
        for (EventLog.Miss miss : all.subList(0, Math.min(n, all.size()))) {
            MissRecord r = miss.record();
            int k = miss.component();
            out.println("  " + TextTrace.us(r.endTick() - r.startTick()) + "  " + r.served() + " " + r.access()
                    + " va 0x" + Long.toHexString(r.vaddr()) + " at " + (several() ? sources.core(k, r.core()) + " " : "")
                    + where(k, r.pc()) + ": " + disassemble(k, r.pc())
                    + (r.requestSequence() >= 0 ? "  (msg " + r.requestSequence() + ")" : ""));
        }
    }

    private void excache(String[] w) {
        ExCache c = m.excache(focus);
        if (c == null) {
            throw new IllegalArgumentException("no ExCache: this machine is not split (profile local)");
        }
        if (w.length == 1) {
            out.printf("ExCache %d KiB: %d sets x %d ways of %d-byte lines, policy %s; %d accesses, %d hits, %d misses,"
                    + " %d write-backs%n", c.lines() * c.lineBytes() / 1024, c.sets(), c.ways(), c.lineBytes(),
                    c.policyName(), c.accesses(), c.hits(), c.misses(), c.writebacks());
            return;
        }
        int set;
        if (w[1].equals("set")) {
            if (w.length < 3) {
                throw new IllegalArgumentException("usage: excache set N");
            }
            set = inRange(w[2], "set", 0, c.sets() - 1);
        } else {
            long va = address(w[1]);
            set = c.setOf(va);
            ExCache.LineView v = c.lineOf(va);
            out.println("0x" + Long.toHexString(va) + " maps to set " + set + (v == null ? ", not present"
                    : ", way " + v.way() + (v.dirty() ? ", dirty" : ", clean")));
        }
        out.println("set " + set + " (" + c.ways() + " ways, " + c.policyName() + "):");
        List<ExCache.LineView> ways = c.describeSet(set);
        for (int i = 0; i < ways.size(); i++) {
            ExCache.LineView v = ways.get(i);
            if (!v.valid()) {
                // A run of empty ways is one line: a 64-way set is mostly empty early in a run.
                int last = i;
                while (last + 1 < ways.size() && !ways.get(last + 1).valid()) {
                    last++;
                }
                out.println(last == i ? String.format("  way %2d  empty", v.way())
                        : String.format("  ways %d-%d  empty", v.way(), ways.get(last).way()));
                i = last;
                continue;
            }
            long va = v.vline() * c.lineBytes();
            out.printf("  way %2d  pid %d va 0x%x-0x%x %s %s  %s%n", v.way(), v.asid(), va, va + c.lineBytes() - 1,
                    v.dirty() ? "dirty" : "clean", v.perms(), v.policyState());
        }
    }

    private void pageTable(String[] w) {
        if (w.length < 2) {
            throw new IllegalArgumentException("usage: pt <vaddr>");
        }
        long va = address(w[1]);
        dev.splitsim.kernel.memory.Areas.Area a = m.virtualMemory(focus).areas().areaAt(va);
        out.println("0x" + Long.toHexString(va) + ": " + (a == null ? "no vma (unmapped)"
                : String.format("vma 0x%x-0x%x %s %s", a.start(), a.end(),
                        dev.splitsim.mem.vm.PageTable.perms(a.prot() & 7), a.name() == null ? "" : a.name())));
        if (m.memoryManager() == null) {
            out.println("  (profile local: no memory component, pages live on the CPU side)");
            return;
        }
        MemoryComponent owner = m.memoryManager().owner(va);
        long vpage = va >>> dev.splitsim.cpu.mem.PageProvider.PAGE_SHIFT;
        int pid = m.process(focus).pid();
        out.println("  owner mcomp" + owner.index() + " (1 GiB region " + (va >>> 30) + "), TLB "
                + (owner.tlbHolds(pid, vpage) ? "holds it" : "does not hold it"));
        List<String> walk = owner.describeTranslation(pid, vpage);
        if (walk.isEmpty()) {
            out.println("  no page table for the process in this component yet");
        }
        for (String s : walk) {
            out.println("  " + s);
        }
    }

    /** gdb's habits: {@code info registers}, {@code info breakpoints}. */
    private void info(String[] w) {
        String what = w.length > 1 ? w[1] : "registers";
        if ("breakpoints".startsWith(what) || "watchpoints".startsWith(what)) {
            if (breakpoints.isEmpty() && watches.isEmpty()) {
                out.println("no breakpoints or watchpoints");
            }
            for (Map.Entry<Integer, Break> e : breakpoints.entrySet()) {
                Break b = e.getValue();
                out.println(e.getKey() + "  breakpoint  " + where(b.component(), b.address()) + inProcess(b.component()));
            }
            for (Map.Entry<Integer, Watch> e : watches.entrySet()) {
                Watch wt = e.getValue();
                out.println(e.getKey() + "  watchpoint  " + wt.length + " bytes at "
                        + sources.symbols(wt.component).at(wt.address) + inProcess(wt.component));
            }
        } else if ("processes".startsWith(what) || "inferiors".startsWith(what)) {
            processes();
        } else if ("registers".startsWith(what) || what.equals("all-registers")) {
            regs(new String[] {"regs", what.equals("all-registers") ? "all" : ""});
        } else {
            throw new IllegalArgumentException("info registers|breakpoints|processes");
        }
    }

    private void regs(String[] w) {
        long[] x = hart().x;
        for (int i = 0; i < 32; i += 4) {
            StringBuilder b = new StringBuilder();
            for (int j = i; j < i + 4; j++) {
                b.append(String.format("%-4s 0x%016x  ", Disassembler.xName(j), x[j]));
            }
            out.println(b.toString().trim());
        }
        out.println("pc   " + where(hart().pc));
        if (w.length > 1 && (w[1].equals("fp") || w[1].equals("all"))) {
            long[] f = hart().f;
            for (int i = 0; i < 32; i += 4) {
                StringBuilder b = new StringBuilder();
                for (int j = i; j < i + 4; j++) {
                    b.append(String.format("%-4s 0x%016x  ", Disassembler.fName(j), f[j]));
                }
                out.println(b.toString().trim());
            }
        }
    }

    /** {@code x/<n><fmt><unit> <addr>}: fmt x d u c s i, unit b h w g (gdb's letters). */
    private void examine(String cmd, String[] w) {
        if (w.length < 2) {
            throw new IllegalArgumentException("usage: x/<n><fmt> <addr|symbol>");
        }
        String spec = cmd.length() > 2 ? cmd.substring(2) : "";
        int i = 0;
        while (i < spec.length() && Character.isDigit(spec.charAt(i))) {
            i++;
        }
        long count = 1;
        if (i > 0) {
            try {
                count = Long.parseLong(spec.substring(0, i));
            } catch (NumberFormatException e) {
                // Only digits: too many of them for a long, which is capped like any large count.
                count = Long.MAX_VALUE;
            }
        }
        char fmt = 'x';
        int size = 4;
        for (char ch : spec.substring(i).toCharArray()) {
            switch (ch) {
                case 'b': size = 1; break;
                case 'h': size = 2; break;
                case 'w': size = 4; break;
                case 'g': size = 8; break;
                case 'x': case 'd': case 'u': case 'c': case 's': case 'i': fmt = ch; break;
                default: throw new IllegalArgumentException("unknown format letter '" + ch + "'");
            }
        }
        long a = address(w[1]);
        int n = capped(count);
        if (fmt == 'i') {
            disassembleRange(a, n);
            return;
        }
        if (fmt == 's') {
            byte[] b = new byte[1];
            StringBuilder s = new StringBuilder();
            long p = a;
            while (s.length() < 4096 && m.peek(focus, p, b, 1) && b[0] != 0) {
                s.append((char) (b[0] & 0xff));
                p++;
            }
            out.println(symbols().at(a) + ": \"" + s + "\"");
            return;
        }
        if (fmt == 'c') {
            size = 1;
        }
        int perLine = Math.max(1, 16 / size);
        byte[] buf = new byte[size];
        for (int k = 0; k < n; k++) {
            if (k % perLine == 0) {
                out.print((k == 0 ? "" : "\n") + symbols().at(a + (long) k * size) + ":");
            }
            if (!m.peek(focus, a + (long) k * size, buf, size)) {
                out.println();
                throw new IllegalArgumentException("0x" + Long.toHexString(a + (long) k * size) + " is not mapped");
            }
            long v = 0;
            for (int j = size - 1; j >= 0; j--) {
                v = (v << 8) | (buf[j] & 0xff);
            }
            long signed = size == 8 ? v : (v << (64 - 8 * size)) >> (64 - 8 * size);
            String text = fmt == 'd' ? Long.toString(signed) : fmt == 'u' ? Long.toUnsignedString(v)
                    : fmt == 'c' ? "'" + (v >= 32 && v < 127 ? String.valueOf((char) v) : String.format("\\x%02x", v)) + "'"
                    : String.format("0x%0" + (2 * size) + "x", v);
            out.print("\t" + text);
        }
        out.println();
    }

    private void disas(String[] w) {
        long a = w.length > 1 ? address(w[1]) : hart().pc;
        int n = w.length > 2 ? capped(count(w[2], "instruction count")) : 8;
        disassembleRange(a, n);
    }

    private void disassembleRange(long a, int n) {
        long pc = a;
        for (int i = 0; i < n; i++) {
            long bits = hart().instructionBitsAt(pc);
            if (bits < 0) {
                out.println(symbols().at(pc) + ": (not mapped)");
                return;
            }
            out.println((pc == hart().pc ? "=> " : "   ") + symbols().at(pc) + ":\t"
                    + Disassembler.disassemble(pc, (int) bits).replace('\t', ' '));
            pc += (bits & 3) == 3 ? 4 : 2;
        }
    }

    /**
     * Frames by the frame pointer: frame 0 is the pc; each frame record below s0 holds the caller's
     * s0 at s0-16 and return address at s0-8 (as gcc lays them out with -fno-omit-frame-pointer).
     * Without frame pointers the walk stops early; ra then names the caller of a leaf.
     */
    private List<long[]> frames(int max) {
        List<long[]> out = new ArrayList<>();
        long[] x = hart().x;
        long pc = hart().pc;
        Symbols symbols = symbols();
        out.add(new long[] {pc, x[8]});
        long start = symbols.startOf(pc);
        if (start >= 0 && pc - start < PROLOGUE_BYTES && x[1] != 0) {
            // In the prologue the frame record is not pushed yet: the caller is in ra, s0 is the caller's frame.
            out.add(new long[] {x[1], x[8]});
        }
        long fp = x[8];
        long sp = x[2];
        byte[] b = new byte[8];
        while (out.size() < max && fp != 0 && Long.compareUnsigned(fp, sp) >= 0 && (fp & 7) == 0) {
            if (!m.peek(focus, fp - 8, b, 8)) {
                break;
            }
            long ra = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            if (!m.peek(focus, fp - 16, b, 8)) {
                break;
            }
            long prev = java.nio.ByteBuffer.wrap(b).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
            if (symbols.describe(ra) == null && symbols.size() > 0 || ra == 0) {
                break;
            }
            out.add(new long[] {ra, prev});
            if (Long.compareUnsigned(prev, fp) <= 0) {
                break;
            }
            fp = prev;
        }
        if (out.size() == 1 && x[1] != 0 && x[1] != hart().pc) {
            out.add(new long[] {x[1], 0});
        }
        return out;
    }

    private void backtrace() {
        List<long[]> f = frames(64);
        for (int i = 0; i < f.size(); i++) {
            out.println("#" + i + "  " + where(f.get(i)[0]));
        }
    }

    private void time() {
        out.printf("simulated time %s, %d cycles, %d instructions (IPC %.3f)%n", TextTrace.us(m.nowTicks()),
                hart().cycles(), hart().instret(),
                hart().cycles() == 0 ? 0.0 : (double) hart().instret() / hart().cycles());
        if (m.fabric() != null) {
            out.printf("fabric: %d messages, %d bytes; ExCache%s: %d misses%n", m.fabric().messages(), m.fabric().bytes(),
                    inProcess(focus), m.excache(focus).misses());
        }
    }

    private void help() {
        out.println(String.join("\n",
                "run control:",
                "  step [n] (s)         run n instructions (default 1)",
                "  next (n)             one instruction, stepping over calls",
                "  finish               run until the current function returns",
                "  continue (c)         run until a breakpoint, a watchpoint or the end",
                "  until msg [TYPE] [NODE]  run until the next fabric message (of TYPE, to or from NODE) is sent",
                "  break <sym|addr|file:line> (b)  stop when the pc reaches it (sym+off works; file:line needs -g)",
                "  watch <addr|sym> [len]  stop when those bytes change (default 8)",
                "  delete [id]          delete a breakpoint or watchpoint (all without id)",
                "  info breakpoints     list breakpoints and watchpoints",
                "inspection:",
                "  regs [fp]            integer (and FP) registers",
                "  x/<n><fmt><unit> <addr|sym>  memory: fmt x d u c s i, unit b h w g",
                "                       (an address may be a number, sym+off or a register: $sp, $a0+8)",
                "  disas [addr] [n]     disassemble n instructions (default: 8 at pc)",
                "  bt                   backtrace by the frame pointer",
                "  msg                  fabric messages in flight (else the last ones)",
                "  msg <seq>            one message: cause, time per stage, payload, the miss it serves",
                "  msg slowest [n]      the n slowest ExCache misses (default 5): instruction, address, request",
                "  excache [set N | vaddr]  the ExCache, one set, or the set an address maps to",
                "  pt <vaddr>           translation at the memory component: vma, each page-table level, frame",
                "  time                 simulated time, cycles, instructions",
                "  threads              every core and thread: which thread runs where, what the others wait for",
                "several processes (run --process):",
                "  info processes       every process, its CPU component and where it is (* the focused one)",
                "  process N            look at process N (index or component name): regs, x, bt, excache, pt ...",
                "                       run commands run the whole machine; a stop focuses the core that ran last",
                "  break LOC process N  a breakpoint (watch ... process N: a watchpoint) in process N's program",
                "  stats                every statistic",
                "  quit (q)             leave"));
    }
}
