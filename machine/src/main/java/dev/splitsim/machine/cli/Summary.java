package dev.splitsim.machine.cli;

import dev.splitsim.core.time.Clock;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunResult;

/** The short human summary printed on stderr after a run. */
final class Summary {
    private Summary() {}

    static String of(Machine m, RunResult r) {
        long insts = m.hart().instret();
        long cycles = m.hart().cycles();
        double simSeconds = Clock.ticksToSeconds(m.nowTicks());
        double host = m.hostSeconds();
        StringBuilder sb = new StringBuilder();
        sb.append("---- splitsim summary (profile ").append(m.config().profileName()).append(") ----\n");
        sb.append(String.format("exit status      %d (%s)%n", r.exitStatus(), r.outcome().name().toLowerCase()));
        sb.append(String.format("simulated time   %s%n", seconds(simSeconds)));
        sb.append(String.format("instructions     %,d%n", insts));
        sb.append(String.format("cycles           %,d  (IPC %.3f)%n", cycles, cycles == 0 ? 0.0 : (double) insts / cycles));
        sb.append(String.format("host time        %.3f s  (%.1f MIPS)%n", host, host == 0 ? 0.0 : insts / host / 1e6));
        return sb.toString();
    }

    static String seconds(double s) {
        if (s >= 1) {
            return String.format("%.6f s", s);
        }
        if (s >= 1e-3) {
            return String.format("%.3f ms", s * 1e3);
        }
        return String.format("%.3f us", s * 1e6);
    }
}
