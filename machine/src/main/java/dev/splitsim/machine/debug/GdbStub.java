package dev.splitsim.machine.debug;

import dev.splitsim.cpu.exec.Csr;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.machine.InternalFailure;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.trace.Symbols;
import dev.splitsim.machine.trace.TextTrace;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A GDB remote-serial-protocol stub on 127.0.0.1: gdb can read and write the integer and FP
 * registers and memory, set breakpoints, step and continue, and ask the machine about itself with
 * {@code monitor fabric}, {@code monitor excache} and {@code monitor stats}. One client, one
 * thread: the machine runs only while gdb has asked it to.
 */
public final class GdbStub {
    private static final int PC_REG = 32;
    private static final int FIRST_FP_REG = 33;
    private static final int FFLAGS_REG = 66;
    private static final int FRM_REG = 67;
    private static final int FCSR_REG = 68;
    private static final long EBREAK = 0x00100073L;
    private static final long C_EBREAK = 0x9002L;
    /** The byte gdb sends outside any packet when the user presses Ctrl-C. */
    private static final int INTERRUPT = 3;
    /** What {@link #lookAtConnection} says when gdb sent nothing, and when it closed the connection. */
    private static final int NOTHING = -2;
    private static final int GONE = -1;
    /**
     * The longest packet taken in: the 4000 bytes offered in qSupported with room to spare. A longer
     * one is read to its end and answered with an error, so a client cannot fill the heap.
     */
    private static final int MAX_PACKET = 64 << 10;
    /** What {@link #readPacket} returns for a packet longer than {@link #MAX_PACKET}. */
    private static final String OVERSIZED = "\u0000oversized";
    /** How many instructions run between looks for gdb's interrupt byte. */
    private static final int POLL_STEPS = 4096;
    /**
     * Host time between looks at whether gdb is still there while the program runs: a look waits a
     * millisecond for a byte, which would slow the run down if done at every poll.
     */
    private static final long LOOK_NANOS = 50_000_000L;

    private final Machine m;
    private final EventLog log;
    private final Symbols symbols;
    private final PrintStream status;
    private final Set<Long> breakpoints = new HashSet<>();
    private Socket socket;
    private InputStream in;
    private OutputStream out;
    private long lastLook;
    private boolean noAck;
    private Ending ending = Ending.PROGRAM_OVER;

    /** Why the session ended: the program is over, or gdb detached from it or killed it. */
    public enum Ending {
        PROGRAM_OVER, DETACHED, KILLED
    }

    public GdbStub(Machine m, EventLog log, Symbols symbols, PrintStream status) {
        this.m = m;
        this.log = log;
        this.symbols = symbols;
        this.status = status;
    }

    /**
     * Waits for gdb on 127.0.0.1:{@code port} (0: any free port, printed) and serves it until the
     * program ends or gdb leaves; says why it ended.
     */
    public Ending serve(int port) throws IOException {
        try (ServerSocket server = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
            status.println("splitsim: waiting for gdb on 127.0.0.1:" + server.getLocalPort()
                    + " (gdb-multiarch PROGRAM -ex 'target remote :" + server.getLocalPort() + "')");
            status.flush();
            try (Socket s = server.accept()) {
                socket = s;
                s.setTcpNoDelay(true);
                in = new BufferedInputStream(s.getInputStream());
                out = s.getOutputStream();
                loop();
            } catch (IOException e) {
                // Only the connection to gdb does I/O here: listening failed before this point.
                connectionLost(e);
            }
        }
        return ending;
    }

    /**
     * The connection broke (reset, broken pipe) rather than closed: as when gdb goes away without a
     * word, the program is left to run on to its end, and the user is told why gdb lost it.
     */
    private void connectionLost(IOException e) {
        if (!over() && ending == Ending.PROGRAM_OVER) {
            ending = Ending.DETACHED;
        }
        String why = e.getMessage() == null ? "" : " (" + e.getMessage().toLowerCase(Locale.ROOT) + ")";
        status.println("splitsim: lost the connection to gdb" + why
                + (ending == Ending.DETACHED ? "; the program runs on as after a detach" : ""));
        status.flush();
    }

    private void loop() throws IOException {
        while (true) {
            String packet = readPacket();
            if (packet == null) {
                goneAway();
                return;
            }
            String reply = handle(packet);
            if (reply == null) {
                return;
            }
            send(reply);
            if (packet.equals("QStartNoAckMode")) {
                // gdb acknowledges this OK; from the next packet on neither side acknowledges.
                noAck = true;
            }
            if (reply.startsWith("W") || reply.startsWith("X")) {
                return;
            }
        }
    }

    /** gdb closed the connection without detaching: the program runs on, as after a detach. */
    private void goneAway() {
        if (!over()) {
            ending = Ending.DETACHED;
            status.println("splitsim: gdb closed the connection; the program runs on as after a detach");
            status.flush();
        }
    }

    private String readPacket() throws IOException {
        while (true) {
            int c = in.read();
            if (c < 0) {
                return null;
            }
            if (c != '$') {
                continue;
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            int sum = 0;
            boolean oversized = false;
            while ((c = in.read()) != '#') {
                if (c < 0) {
                    return null;
                }
                if (body.size() < MAX_PACKET) {
                    body.write(c);
                } else {
                    oversized = true;
                }
                sum += c;
            }
            int hi = Character.digit(in.read(), 16);
            int lo = Character.digit(in.read(), 16);
            boolean intact = hi >= 0 && lo >= 0 && (hi << 4 | lo) == (sum & 0xff);
            if (!noAck) {
                // A damaged packet is asked for again; without acknowledgements the link is trusted.
                out.write(intact ? '+' : '-');
                out.flush();
                if (!intact) {
                    continue;
                }
            }
            return oversized ? OVERSIZED : body.toString(StandardCharsets.ISO_8859_1);
        }
    }

    private void send(String data) throws IOException {
        int sum = 0;
        for (int i = 0; i < data.length(); i++) {
            sum += data.charAt(i);
        }
        byte[] packet = String.format("$%s#%02x", data, sum & 0xff).getBytes(StandardCharsets.ISO_8859_1);
        while (true) {
            out.write(packet);
            out.flush();
            if (noAck) {
                return;
            }
            int ack = in.read();
            // '-' asks for the packet again; anything else (or the end of the connection) settles it.
            if (ack != '-') {
                return;
            }
        }
    }

    /**
     * Answers one packet; a malformed one gets an error reply instead of ending the session. A
     * failure of the machine itself is no packet's fault and ends the run as an internal error.
     */
    private String handle(String p) throws IOException {
        try {
            return answer(p);
        } catch (InternalFailure e) {
            throw e;
        } catch (RuntimeException e) {
            return "E01";
        }
    }

    private String answer(String p) throws IOException {
        if (p.equals(OVERSIZED)) {
            return "E01";
        }
        if (p.startsWith("qSupported")) {
            return "PacketSize=4000;qXfer:features:read+;swbreak+;QStartNoAckMode+";
        }
        if (p.equals("QStartNoAckMode")) {
            return "OK";
        }
        switch (p.isEmpty() ? ' ' : p.charAt(0)) {
            case '?': return stopReply();
            case 'g': return readRegisters();
            case 'G': return writeRegisters(p.substring(1));
            case 'p': return readRegister(Integer.parseInt(p.substring(1), 16));
            case 'P': {
                int eq = p.indexOf('=');
                return writeRegister(Integer.parseInt(p.substring(1, eq), 16), p.substring(eq + 1));
            }
            case 'm': return readMemory(p.substring(1));
            case 'M': return writeMemory(p.substring(1));
            case 'c': return resume(false);
            case 's': return resume(true);
            case 'Z': return breakpoint(p.substring(1), true);
            case 'z': return breakpoint(p.substring(1), false);
            case 'H': return "OK";
            case 'T': return "OK";
            case 'k': ending = Ending.KILLED; return null;
            case 'D': ending = Ending.DETACHED; send("OK"); return null;
            default: break;
        }
        if (p.startsWith("qXfer:features:read:target.xml:")) {
            String[] range = p.substring("qXfer:features:read:target.xml:".length()).split(",");
            return slice(TARGET_XML, Integer.parseInt(range[0], 16), Integer.parseInt(range[1], 16));
        }
        if (p.startsWith("qRcmd,")) {
            return monitor(new String(unhex(p.substring(6)), StandardCharsets.ISO_8859_1).trim());
        }
        if (p.equals("qAttached")) {
            return "1";
        }
        if (p.equals("qC")) {
            return "QC1";
        }
        if (p.equals("qfThreadInfo")) {
            return "m1";
        }
        if (p.equals("qsThreadInfo")) {
            return "l";
        }
        if (p.startsWith("qSymbol")) {
            return "OK";
        }
        if (p.startsWith("vKill")) {
            ending = Ending.KILLED;
            send("OK");
            return null;
        }
        return "";
    }

    private static String slice(String doc, int offset, int length) {
        if (offset >= doc.length()) {
            return "l";
        }
        int end = Math.min(doc.length(), offset + length);
        return (end == doc.length() ? "l" : "m") + doc.substring(offset, end);
    }

    private String stopReply() {
        if (m.process().finished()) {
            return String.format("W%02x", m.process().exitStatus() & 0xff);
        }
        return "S05";
    }

    private String resume(boolean single) throws IOException {
        if (m.process().finished()) {
            return stopReply();
        }
        // A break instruction gdb wrote into memory stops the core before it runs, as a trap would.
        if (!atBreakInstruction()) {
            m.step();
        }
        long n = 1;
        lastLook = System.nanoTime();
        while (!single && !over() && !breakpoints.contains(m.hart().pc) && !atBreakInstruction()) {
            m.step();
            if (++n % POLL_STEPS == 0) {
                int c = lookAtConnection();
                if (c == INTERRUPT) {
                    return "S02";
                }
                if (c == GONE) {
                    goneAway();
                    return null;
                }
            }
        }
        // The run's own ending line (the fault or the stop, with pc and instruction) follows once the
        // session is over; gdb learns of it from the signal.
        if (m.process().stopMessage() != null && !m.process().finished()) {
            return "X06";
        }
        if (m.process().fault() != null) {
            return String.format("X%02x", m.process().fault().signal() & 0xff);
        }
        return stopReply();
    }

    /**
     * A byte gdb sent while the program runs, {@link #NOTHING}, or {@link #GONE} when gdb closed the
     * connection; a reset connection throws. {@code available()} is 0 both when nothing came and
     * when the connection is gone, so now and then a short timed read tells the two apart.
     */
    private int lookAtConnection() throws IOException {
        if (in.available() > 0) {
            return in.read();
        }
        long now = System.nanoTime();
        if (now - lastLook < LOOK_NANOS) {
            return NOTHING;
        }
        lastLook = now;
        socket.setSoTimeout(1);
        try {
            int c = in.read();
            return c < 0 ? GONE : c;
        } catch (SocketTimeoutException e) {
            return NOTHING;
        } finally {
            socket.setSoTimeout(0);
        }
    }

    private boolean over() {
        return m.process().finished() || m.process().stopMessage() != null;
    }

    private boolean atBreakInstruction() {
        long bits = m.hart().instructionBitsAt(m.hart().pc);
        return bits == C_EBREAK || bits == EBREAK;
    }

    private String breakpoint(String args, boolean insert) {
        String[] f = args.split(",");
        if (!f[0].equals("0") && !f[0].equals("1")) {
            return "";
        }
        long a = Long.parseUnsignedLong(f[1], 16);
        if (insert) {
            breakpoints.add(a);
        } else {
            breakpoints.remove(a);
        }
        return "OK";
    }

    private long register(int r) {
        if (r < 32) {
            return m.hart().x[r];
        }
        if (r == PC_REG) {
            return m.hart().pc;
        }
        if (r >= FIRST_FP_REG && r < FIRST_FP_REG + 32) {
            return m.hart().f[r - FIRST_FP_REG];
        }
        return switch (r) {
            case FFLAGS_REG -> m.hart().readCsr(Csr.FFLAGS);
            case FRM_REG -> m.hart().readCsr(Csr.FRM);
            case FCSR_REG -> m.hart().readCsr(Csr.FCSR);
            default -> throw new IllegalArgumentException("register " + r);
        };
    }

    private static int width(int r) {
        return r >= FFLAGS_REG ? 4 : 8;
    }

    private static String le(long v, int bytes) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < bytes; i++) {
            b.append(String.format("%02x", (v >>> (8 * i)) & 0xff));
        }
        return b.toString();
    }

    private static long fromLe(String hex) {
        long v = 0;
        for (int i = hex.length() / 2 - 1; i >= 0; i--) {
            v = (v << 8) | Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return v;
    }

    private String readRegisters() {
        StringBuilder b = new StringBuilder();
        for (int r = 0; r <= FCSR_REG; r++) {
            if (r > FIRST_FP_REG + 31 && r < FFLAGS_REG) {
                continue;
            }
            b.append(le(register(r), width(r)));
        }
        return b.toString();
    }

    private String writeRegisters(String hex) {
        int pos = 0;
        for (int r = 0; r <= PC_REG && pos + 16 <= hex.length(); r++) {
            setRegister(r, fromLe(hex.substring(pos, pos + 16)));
            pos += 16;
        }
        for (int r = FIRST_FP_REG; r < FIRST_FP_REG + 32 && pos + 16 <= hex.length(); r++) {
            setRegister(r, fromLe(hex.substring(pos, pos + 16)));
            pos += 16;
        }
        return "OK";
    }

    private String readRegister(int r) {
        if (r > FCSR_REG || (r > FIRST_FP_REG + 31 && r < FFLAGS_REG)) {
            return "E01";
        }
        return le(register(r), width(r));
    }

    private String writeRegister(int r, String hex) {
        if (r > FCSR_REG || (r > FIRST_FP_REG + 31 && r < FFLAGS_REG)) {
            return "E01";
        }
        setRegister(r, fromLe(hex));
        return "OK";
    }

    private void setRegister(int r, long v) {
        if (r == 0) {
            return;
        }
        if (r < 32) {
            m.hart().x[r] = v;
        } else if (r == PC_REG) {
            m.hart().pc = v;
        } else if (r < FIRST_FP_REG + 32) {
            m.hart().f[r - FIRST_FP_REG] = v;
        } else {
            m.hart().writeCsr(r == FFLAGS_REG ? Csr.FFLAGS : r == FRM_REG ? Csr.FRM : Csr.FCSR, v);
        }
    }

    private String readMemory(String args) {
        String[] f = args.split(",");
        long a = Long.parseUnsignedLong(f[0], 16);
        int len = Math.min(Integer.parseInt(f[1], 16), 2048);
        byte[] b = new byte[len];
        if (!m.peek(a, b, len)) {
            // Give what is readable up to the first hole, as gdb accepts a short reply.
            int ok = 0;
            byte[] one = new byte[1];
            while (ok < len && m.peek(a + ok, one, 1)) {
                b[ok++] = one[0];
            }
            if (ok == 0) {
                return "E14";
            }
            len = ok;
        }
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < len; i++) {
            s.append(String.format("%02x", b[i] & 0xff));
        }
        return s.toString();
    }

    private String writeMemory(String args) {
        int colon = args.indexOf(':');
        String[] f = args.substring(0, colon).split(",");
        long a = Long.parseUnsignedLong(f[0], 16);
        byte[] data = unhex(args.substring(colon + 1));
        return m.poke(a, data, data.length) || writeReadOnly(a, data) ? "OK" : "E14";
    }

    /**
     * Writes into pages the guest may not write, as ptrace does for a debugger: gdb puts break
     * instructions into code this way when it does not use Z0. The bytes go into the CPU side's
     * copy of the page only, so they last while its line stays in the ExCache; gdb takes them out
     * again at every stop.
     */
    private boolean writeReadOnly(long address, byte[] data) {
        for (int i = 0; i < data.length; i++) {
            long a = address + i;
            long vpage = a >>> PageProvider.PAGE_SHIFT;
            byte[] page = m.excache() != null ? m.excache().page(vpage, PageProvider.READ)
                    : m.process().memory().peek(vpage);
            if (page == null) {
                return false;
            }
            page[(int) a & (PageProvider.PAGE_SIZE - 1)] = data[i];
            m.flushPage(vpage);
        }
        return true;
    }

    private static byte[] unhex(String hex) {
        byte[] b = new byte[hex.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(hex.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }

    private static String hex(String text) {
        StringBuilder b = new StringBuilder();
        for (byte c : text.getBytes(StandardCharsets.UTF_8)) {
            b.append(String.format("%02x", c & 0xff));
        }
        return b.toString();
    }

    /** {@code monitor ...}: the answer is sent as console output, then OK. */
    private String monitor(String command) throws IOException {
        String text;
        switch (command.split("\\s+")[0]) {
            case "fabric": text = fabricReport(); break;
            case "excache": text = excacheReport(); break;
            case "stats": text = m.stats().toText(); break;
            case "time":
                text = "simulated time " + TextTrace.us(m.nowTicks()) + ", " + m.hart().cycles() + " cycles, "
                        + m.hart().instret() + " instructions\n";
                break;
            default: text = "monitor commands: fabric, excache, stats, time\n";
        }
        for (int i = 0; i < text.length(); i += 512) {
            send("O" + hex(text.substring(i, Math.min(text.length(), i + 512))));
        }
        return "OK";
    }

    private String fabricReport() {
        if (m.fabric() == null) {
            return "no fabric: this machine is not split (profile local)\n";
        }
        StringBuilder b = new StringBuilder(String.format("fabric: %d messages, %d bytes so far; the last ones:%n",
                m.fabric().messages(), m.fabric().bytes()));
        List<MessageRecord> all = new ArrayList<>();
        log.messages().forEach(all::add);
        for (MessageRecord r : all.subList(Math.max(0, all.size() - 8), all.size())) {
            b.append("  ").append(TextTrace.describe(r, symbols)).append('\n');
        }
        return b.toString();
    }

    private String excacheReport() {
        if (m.excache() == null) {
            return "no ExCache: this machine is not split (profile local)\n";
        }
        var c = m.excache();
        return String.format("ExCache %d KiB: %d sets x %d ways, policy %s; %d accesses, %d hits, %d misses,"
                + " %d write-backs%n", c.lines() * c.lineBytes() / 1024, c.sets(), c.ways(), c.policyName(),
                c.accesses(), c.hits(), c.misses(), c.writebacks());
    }

    /** The registers gdb should expect: RV64 integer registers and pc, the D extension's registers and FP CSRs. */
    private static final String TARGET_XML = String.join("",
            "<?xml version=\"1.0\"?><!DOCTYPE target SYSTEM \"gdb-target.dtd\"><target version=\"1.0\">",
            "<architecture>riscv:rv64</architecture>",
            "<feature name=\"org.gnu.gdb.riscv.cpu\">", cpuRegisters(), "</feature>",
            "<feature name=\"org.gnu.gdb.riscv.fpu\">", fpuRegisters(), "</feature></target>");

    private static String cpuRegisters() {
        String[] names = {"zero", "ra", "sp", "gp", "tp", "t0", "t1", "t2", "fp", "s1", "a0", "a1", "a2", "a3", "a4",
            "a5", "a6", "a7", "s2", "s3", "s4", "s5", "s6", "s7", "s8", "s9", "s10", "s11", "t3", "t4", "t5", "t6"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            String type = i == 1 ? "code_ptr" : i == 2 || i == 8 ? "data_ptr" : "int";
            b.append(String.format("<reg name=\"%s\" bitsize=\"64\" type=\"%s\" regnum=\"%d\"/>", names[i], type, i));
        }
        return b.append("<reg name=\"pc\" bitsize=\"64\" type=\"code_ptr\" regnum=\"32\"/>").toString();
    }

    private static String fpuRegisters() {
        String[] names = {"ft0", "ft1", "ft2", "ft3", "ft4", "ft5", "ft6", "ft7", "fs0", "fs1", "fa0", "fa1", "fa2",
            "fa3", "fa4", "fa5", "fa6", "fa7", "fs2", "fs3", "fs4", "fs5", "fs6", "fs7", "fs8", "fs9", "fs10", "fs11",
            "ft8", "ft9", "ft10", "ft11"};
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < 32; i++) {
            b.append(String.format("<reg name=\"%s\" bitsize=\"64\" type=\"ieee_double\" regnum=\"%d\"/>", names[i],
                    FIRST_FP_REG + i));
        }
        b.append("<reg name=\"fflags\" bitsize=\"32\" type=\"int\" regnum=\"66\"/>");
        b.append("<reg name=\"frm\" bitsize=\"32\" type=\"int\" regnum=\"67\"/>");
        return b.append("<reg name=\"fcsr\" bitsize=\"32\" type=\"int\" regnum=\"68\"/>").toString();
    }
}
