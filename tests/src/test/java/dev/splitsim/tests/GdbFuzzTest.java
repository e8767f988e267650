package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.machine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Malformed and random RSP packets to the gdb stub of {@code splitsim run --gdb 0}: bad
 * checksums, packets without an end, huge lengths and addresses, unknown commands, bytes outside
 * any packet. Every packet is answered, or the stub closes the session cleanly; then the program
 * runs to its end as after a detach and the run ends with no internal error.
 */
final class GdbFuzzTest {
    private static final Pattern LISTENING = Pattern.compile("waiting for gdb on 127\\.0\\.0\\.1:(\\d+)");
    private static final String HELLO = DifferentialTest.BIN.resolve("hello").toString();
    private static final int PACKETS = 60;
    private static final String[] COMMANDS = {"g", "G", "p", "P", "m", "M", "X", "s", "Z0", "z0", "Z1", "Z2", "?",
        "H", "Hg0", "T", "qSupported", "qXfer:features:read:target.xml:", "qRcmd,", "qAttached", "qC",
        "qfThreadInfo", "qsThreadInfo", "qSymbol::", "vCont?", "vCont;c", "vMustReplyEmpty", "QStartNoAckMode", "!",
        "x", "i", "R", ""};
    /** Commands that end the session (the program runs to its end, or is killed or left): sent now and then. */
    private static final String[] ENDINGS = {"c", "k", "D", "vKill;1"};
    private static final String[] NUMBERS = {"0", "1", "10", "20", "21", "42", "44", "45", "7fffffff", "80000000",
        "ffffffff", "100000000", "ffffffffffffffff", "10000000000000000", "10568", "3fffffee90", "-1", "g", ""};

    /** {@code splitsim run --gdb 0} in a thread of this JVM. */
    private static final class Run {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final AtomicInteger status = new AtomicInteger(-1);
        final Thread thread;

        Run(String profile) {
            thread = new Thread(() -> status.set(Main.run(new String[] {"run", "-q", "--profile", profile, "--gdb", "0",
                HELLO}, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true), new PrintStream(err, true))),
                    "splitsim-gdb-fuzz");
            thread.setDaemon(true);
            thread.start();
        }

        String err() {
            return err.toString(StandardCharsets.UTF_8);
        }

        int port() throws InterruptedException {
            long deadline = System.currentTimeMillis() + 20_000;
            while (System.currentTimeMillis() < deadline) {
                Matcher m = LISTENING.matcher(err());
                if (m.find()) {
                    return Integer.parseInt(m.group(1));
                }
                if (!thread.isAlive()) {
                    break;
                }
                Thread.sleep(5);
            }
            return -1;
        }
    }

    private static String hexOf(SplittableRandom r, int maxBytes) {
        StringBuilder b = new StringBuilder();
        for (int n = r.nextInt(maxBytes + 1); n > 0; n--) {
            b.append(String.format("%02x", r.nextInt(256)));
        }
        if (r.nextInt(6) == 0) {
            b.append("xz"); // not hex
        }
        if (r.nextInt(6) == 0 && b.length() > 0) {
            b.setLength(b.length() - 1); // an odd count of digits
        }
        return b.toString();
    }

    private static String number(SplittableRandom r) {
        return r.nextInt(3) == 0 ? Long.toHexString(r.nextLong()) : NUMBERS[r.nextInt(NUMBERS.length)];
    }

    /** The data of one packet: a command with arguments that are often wrong. */
    static String data(SplittableRandom r) {
        String cmd = r.nextInt(40) == 0 ? ENDINGS[r.nextInt(ENDINGS.length)] : COMMANDS[r.nextInt(COMMANDS.length)];
        switch (cmd) {
            case "G": return "G" + hexOf(r, 600);
            case "p": return "p" + number(r);
            case "P": return "P" + number(r) + (r.nextInt(5) == 0 ? "" : "=") + hexOf(r, 10);
            case "m": return "m" + number(r) + (r.nextInt(5) == 0 ? "" : ",") + number(r);
            case "M": return "M" + number(r) + "," + number(r) + (r.nextInt(5) == 0 ? "" : ":") + hexOf(r, 40);
            case "X": return "X" + number(r) + "," + number(r) + ":" + hexOf(r, 8);
            case "Z0": case "z0": case "Z1": case "Z2":
                return cmd + (r.nextInt(5) == 0 ? "" : ",") + number(r) + "," + number(r);
            case "qXfer:features:read:target.xml:": return cmd + number(r) + "," + number(r);
            case "qRcmd,": {
                String[] m = {"fabric", "excache", "stats", "time", "nothing", "", "stats extra words"};
                StringBuilder b = new StringBuilder(cmd);
                for (byte c : m[r.nextInt(m.length)].getBytes(StandardCharsets.UTF_8)) {
                    b.append(String.format("%02x", c & 0xff));
                }
                return r.nextInt(5) == 0 ? b + hexOf(r, 4) : b.toString();
            }
            case "x": return new String(new char[] {(char) r.nextInt(256), (char) r.nextInt(256)});
            default: return cmd;
        }
    }

    private static byte[] framed(String data, boolean goodChecksum) {
        int sum = 0;
        for (char c : data.toCharArray()) {
            sum += c;
        }
        int cs = goodChecksum ? sum & 0xff : (sum + 1) & 0xff;
        return String.format("$%s#%02x", data, cs).getBytes(StandardCharsets.ISO_8859_1);
    }

    /** One packet from the stub, acknowledgement bytes before it skipped; null when the connection closed. */
    private static String readPacket(InputStream in) throws IOException {
        int c;
        do {
            c = in.read();
            if (c < 0) {
                return null;
            }
        } while (c != '$');
        StringBuilder b = new StringBuilder();
        while ((c = in.read()) != '#') {
            if (c < 0) {
                return null;
            }
            b.append((char) c);
        }
        in.read();
        in.read();
        return b.toString();
    }

    /** Bytes outside any packet: never a '$', which would open one. */
    private static byte[] junk(SplittableRandom r) {
        byte[] b = new byte[1 + r.nextInt(30)];
        for (int k = 0; k < b.length; k++) {
            do {
                b[k] = (byte) r.nextInt(256);
            } while (b[k] == '$');
        }
        return b;
    }

    /** Packet data without the framing characters, which the protocol would need escaped. */
    private static String clean(String data) {
        return data.replace('$', '.').replace('#', '.').replace('}', '.').replace('*', '.');
    }

    @Test
    void malformedPacketsGetAnAnswerOrACleanCloseAndTheRunEndsWell() {
        long[] packets = new long[1];
        long[] answered = new long[1];
        long[] closes = new long[1];
        Fuzz.Report report = Fuzz.campaign("gdb packets", 0x6db_5eedL, 200, 60_000).run((r, seed) -> {
            String profile = r.nextBoolean() ? "legoos" : "local";
            Run run = new Run(profile);
            int port = run.port();
            if (port < 0) {
                return "the stub never listened: " + run.err();
            }
            String problem = null;
            try (Socket s = new Socket("127.0.0.1", port)) {
                s.setTcpNoDelay(true);
                s.setSoTimeout(10_000);
                InputStream in = s.getInputStream();
                OutputStream out = s.getOutputStream();
                boolean noAck = false;
                boolean closed = false;
                for (int i = 0; i < PACKETS && !closed; i++) {
                    int kind = r.nextInt(20);
                    packets[0]++;
                    if (kind <= 1) {
                        // Junk or an interrupt byte while stopped: ignored, nothing comes back.
                        out.write(kind == 0 ? junk(r) : new byte[] {3});
                        out.flush();
                        continue;
                    }
                    String data = kind == 3 ? "m0,1".repeat(20000) : clean(data(r));
                    boolean intact = kind != 2;
                    out.write(framed(data, intact));
                    out.flush();
                    if (!intact && !noAck) {
                        int nak = in.read();
                        if (nak < 0) {
                            closed = true;
                        } else if (nak != '-') {
                            problem = "a damaged packet got " + (char) nak + " instead of '-'";
                            break;
                        }
                        continue;
                    }
                    String reply = readPacket(in);
                    while (reply != null && reply.startsWith("O") && !reply.equals("OK")) {
                        // Console output of a monitor command: acknowledged, then the answer follows.
                        if (!noAck) {
                            out.write('+');
                            out.flush();
                        }
                        reply = readPacket(in);
                    }
                    if (reply == null) {
                        closed = true;
                        break;
                    }
                    answered[0]++;
                    if (!noAck) {
                        out.write('+');
                        out.flush();
                    }
                    if (data.equals("QStartNoAckMode") && reply.equals("OK")) {
                        noAck = true;
                    }
                    if (reply.startsWith("W") || reply.startsWith("X")) {
                        closed = readPacket(in) == null;
                        if (!closed) {
                            problem = "the session went on after the program's end";
                        }
                    }
                }
                if (closed) {
                    closes[0]++;
                }
            } catch (SocketTimeoutException e) {
                problem = "no answer within 10 s";
            } catch (IOException e) {
                // A reset while the stub closes: a clean end of the session too.
                closes[0]++;
            }
            run.thread.join(30_000);
            if (run.thread.isAlive()) {
                return profile + ": the run did not end after the session: " + run.err();
            }
            if (problem != null) {
                return profile + ": " + problem;
            }
            Fuzz.Outcome o = new Fuzz.Outcome(run.status.get(), run.out.toString(StandardCharsets.UTF_8), run.err());
            return Fuzz.hostFailure(o) == null ? null : profile + ": " + Fuzz.hostFailure(o);
        });
        System.out.printf("fuzz gdb packets: %d packets sent, %d answered, %d sessions closed by the stub%n",
                packets[0], answered[0], closes[0]);
        assertThat(report.failures()).as(report.summary()).isEmpty();
    }
}
