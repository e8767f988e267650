package dev.splitsim.machine.cli;

import dev.splitsim.core.stats.Histogram;
import dev.splitsim.core.stats.Stat;
import dev.splitsim.core.time.Clock;
import dev.splitsim.cpu.timing.StallCause;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.kernel.remote.ExCacheMissPath;
import java.util.HashMap;
import java.util.Map;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunResult;

/** The short human summary printed on stderr after a run. */
final class Summary {
    /** Where the process monitor counts the calls it does not implement: syscalls.unsupported.NAME. */
    private static final String UNSUPPORTED = "unsupported.";

    /** The summary lists at most this many region-of-interest sections. */
    private static final int SHOWN_SECTIONS = 8;

    private Summary() {}

    static String of(Machine m, RunResult r) {
        long insts = m.instructions();
        long cycles = m.cycles();
        double simSeconds = Clock.ticksToSeconds(m.nowTicks());
        double host = m.hostSeconds();
        StringBuilder sb = new StringBuilder();
        sb.append("---- splitsim summary (profile ").append(m.config().profileName()).append(") ----\n");
        sb.append(String.format("exit status      %d (%s)%n", r.exitStatus(), r.outcome().name().toLowerCase()));
        sb.append(String.format("simulated time   %s%n", seconds(simSeconds)));
        sb.append(String.format("instructions     %,d%n", insts));
        sb.append(String.format("cycles           %,d  (IPC %.3f)%n", cycles, cycles == 0 ? 0.0 : (double) insts / cycles));
        sb.append(String.format("host time        %.3f s  (%.1f MIPS)%n", host, host == 0 ? 0.0 : insts / host / 1e6));
        Map<String, Double> st = new HashMap<>();
        for (Stat s : m.stats().all()) {
            st.put(s.name(), s.doubleValue());
        }
        int n = m.processCount();
        if (n == 1) {
            core(m, st, sb, "");
            cores(m, st, sb, "");
            unsupported(m, sb, "");
            sections(m, sb);
            if (m.excache() != null) {
                excache(m, st, sb, 0, "");
                split(m, sb);
            }
            if (m.swapPages() != null) {
                swap(st, sb);
            }
            return sb.toString();
        }
        // Several CPU components: each one's part under its name, then what they share.
        for (int k = 0; k < n; k++) {
            String p = m.processorName(k) + ".";
            sb.append(String.format("%-16s pid %d, exit status %d, %,d instructions%n", m.processorName(k),
                    m.process(k).pid(), m.process(k).exitStatus(), st.get(p + "cpu.instructions").longValue()));
            core(m, st, sb, p);
            cores(m, st, sb, p);
            unsupported(m, sb, p);
            excache(m, st, sb, k, p);
        }
        sections(m, sb);
        split(m, sb);
        return sb.toString();
    }

    private static void core(Machine m, Map<String, Double> st, StringBuilder sb, String p) {
        StringBuilder stalls = new StringBuilder();
        for (int i = 0; i < StallCause.NAMES.length; i++) {
            long c = st.get(p + "cpu.stall_cycles." + StallCause.NAMES[i]).longValue();
            if (c > 0) {
                stalls.append(String.format(" %s %,d", StallCause.NAMES[i].replace('_', '-'), c));
            }
        }
        sb.append(String.format("  base %,d +%s%n", st.get(p + "cpu.base_cycles").longValue(),
                stalls.length() == 0 ? " no stalls" : stalls.toString()));
        if (m.hart().timing() == null) {
            sb.append("  (timing off: one cycle per instruction)\n");
            return;
        }
        sb.append(String.format("caches           L1I %.2f%% miss, L1D %,d misses (%.2f%%), L2 %,d misses (%.2f%%)%n",
                100 * st.get(p + "l1i.miss_rate"), st.get(p + "l1d.misses").longValue(), 100 * st.get(p + "l1d.miss_rate"),
                st.get(p + "l2.misses").longValue(), 100 * st.get(p + "l2.miss_rate")));
        long predictions = st.get(p + "bpred.predictions").longValue();
        sb.append(String.format("branches         %,d predicted, %,d mispredicted (%.2f%%: direction %,d, target %,d,"
                + " return %,d)%n", predictions, st.get(p + "bpred.mispredicts").longValue(),
                predictions == 0 ? 0.0 : 100.0 * st.get(p + "bpred.mispredicts") / predictions,
                st.get(p + "bpred.mispredicts.direction").longValue(), st.get(p + "bpred.mispredicts.target").longValue(),
                st.get(p + "bpred.mispredicts.return").longValue()));
    }

    /** The system calls the guest made that the process monitor answered -ENOSYS, by name, with their counts. */
    private static void unsupported(Machine m, StringBuilder sb, String p) {
        String prefix = p + "syscalls." + UNSUPPORTED;
        StringBuilder calls = new StringBuilder();
        long total = 0;
        for (Stat s : m.stats().all()) {
            if (s.name().startsWith(prefix)) {
                long n = (long) s.doubleValue();
                total += n;
                calls.append(calls.length() == 0 ? " " : ", ");
                calls.append(String.format("%s %,d", s.name().substring(prefix.length()), n));
            }
        }
        if (total > 0) {
            sb.append(String.format("unsupported      %,d system calls answered -ENOSYS:%s%n", total, calls));
        }
    }

    /** One line per core when there are several: its share of the work, IPC, idle time and misses. */
    private static void cores(Machine m, Map<String, Double> st, StringBuilder sb, String p) {
        int n = st.get(p + "cpu.cores").intValue();
        if (n < 2) {
            return;
        }
        sb.append(String.format("threads          %d created, %,d put onto a core%n", st.get(p + "threads.created").longValue(),
                st.get(p + "threads.context_switches").longValue()));
        for (int i = 0; i < n; i++) {
            String c = p + "cpu" + i + ".";
            Double misses = st.get(c + "excache_misses");
            sb.append(String.format("  core %-2d       %,d instructions, IPC %.3f, idle %,d cycles%s%n", i,
                    st.get(c + "instructions").longValue(), st.get(c + "ipc"),
                    st.get(c + "stall_cycles.idle").longValue(),
                    misses == null ? "" : String.format(", %,d ExCache misses", misses.longValue())));
        }
    }

    /** CPU component {@code k}'s ExCache: lookups, misses by kind, write-backs, miss latency by stage. */
    private static void excache(Machine m, Map<String, Double> st, StringBuilder sb, int k, String p) {
        long accesses = st.get(p + "excache.accesses").longValue();
        sb.append(String.format("excache          %,d lookups, hit rate %.2f%%  (%,d lines of %d KiB)%n", accesses,
                100 * st.get(p + "excache.hit_rate"), st.get(p + "excache.lines").longValue(),
                m.excache(k).pagesPerLine() * 4));
        sb.append(String.format("  misses         %,d cold, %,d capacity/conflict, %,d permission; %,d zero-filled locally%n",
                st.get(p + "excache.misses_cold").longValue(), st.get(p + "excache.misses_capacity_conflict").longValue(),
                st.get(p + "excache.misses_permission").longValue(), st.get(p + "excache.zero_fills").longValue()));
        sb.append(String.format("  write-backs    %,d (%,d piggybacked on misses)%n",
                st.get(p + "excache.writebacks").longValue(), st.get(p + "excache.piggybacked_flushes").longValue()));
        Histogram h = m.missPath(k).latency();
        if (h.count() > 0) {
            sb.append(String.format("  miss latency   mean %.2f us, p50 %.2f us, p99 %.2f us over %,d remote misses (RPC style %s)%n",
                    h.mean() / 1e6, h.percentile(50) / 1e6, h.percentile(99) / 1e6, h.count(),
                    m.fabric().rpcParams().style().key()));
            StringBuilder parts = new StringBuilder();
            for (String stage : ExCacheMissPath.stages()) {
                double ns = m.missPath(k).stageMeanNs(stage);
                if (ns > 0) {
                    parts.append(String.format(" %s %.0f", stage.replace('_', '-'), ns));
                }
            }
            sb.append("  mean by stage (ns):").append(parts).append('\n');
        }
    }

    /** What the CPU components share: the fabric and the memory components. */
    private static void split(Machine m, StringBuilder sb) {
        Map<String, Double> st = new HashMap<>();
        for (Stat s : m.stats().all()) {
            st.put(s.name(), s.doubleValue());
        }
        Fabric f = m.fabric();
        sb.append(String.format("fabric           %,d messages, %,d bytes%n", f.messages(), f.bytes()));
        for (MessageType t : MessageType.values()) {
            if (f.messages(t) > 0) {
                sb.append(String.format("  %-22s %,12d msgs %,16d B%n", t.name(), f.messages(t), f.bytes(t)));
            }
        }
        sb.append(String.format("memory           %d component(s), %,d page walks, %,d frames in use%n",
                st.get("memory.components").longValue(), st.get("memory.page_walks").longValue(),
                st.get("memory.frames_in_use").longValue()));
    }

    /** The Linux machine's faults, reclaim and where its cores waited (layout swap). */
    private static void swap(Map<String, Double> st, StringBuilder sb) {
        sb.append(String.format("swap             %,d major faults, %,d minor; %,d pages in (%,d by readahead, %,d of"
                + " them used), %,d out%n", st.get("swap.major_faults").longValue(),
                st.get("swap.minor_faults").longValue(), st.get("swap.pages_in").longValue(),
                st.get("swap.readahead_pages").longValue(), st.get("swap.readahead_hits").longValue(),
                st.get("swap.pages_out").longValue()));
        sb.append(String.format("  reclaim        %,d pages (%,d looked at) in %,d passes; %,d TLB shootdowns (%,d IPIs),"
                + " %s waiting for acks%n", st.get("swap.reclaimed").longValue(), st.get("swap.scanned").longValue(),
                st.get("swap.reclaim_passes").longValue(),
                st.get("swap.shootdowns").longValue(), st.get("swap.shootdown_ipis").longValue(),
                seconds(st.get("swap.shootdown_ps") / 1e12)));
        sb.append(String.format("  waits          fault path %s, of it I/O %s and locks %s (summed over cores)%n",
                seconds(st.get("swap.fault_ps") / 1e12), seconds(st.get("swap.io_wait_ps") / 1e12),
                seconds(st.get("swap.lock_wait_ps") / 1e12)));
    }

    /** The guest's region-of-interest sections, a line each (the first few: the files have them all). */
    private static void sections(Machine m, StringBuilder sb) {
        java.util.List<dev.splitsim.machine.StatsSections.Section> all = m.sections().sections();
        for (int i = 0; i < Math.min(all.size(), SHOWN_SECTIONS); i++) {
            dev.splitsim.machine.StatsSections.Section s = all.get(i);
            sb.append(String.format("roi %-3d %-12s %,d instructions, %s simulated%n", s.number(),
                    s.name().isEmpty() ? "(no name)" : s.name(), s.changes().getOrDefault("cpu.instructions", 0L),
                    seconds(Clock.ticksToSeconds(s.changes().getOrDefault("sim.ticks", 0L)))));
        }
        if (all.size() > SHOWN_SECTIONS) {
            sb.append(String.format("roi ... %d sections in all (see --stats-json)%n", all.size()));
        }
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
