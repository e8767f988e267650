package dev.splitsim.kernel.remote;

import dev.splitsim.core.stats.Histogram;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.cpu.excache.ExCache;
import dev.splitsim.cpu.excache.ExCacheBacking;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.cpu.timing.StallCause;
import dev.splitsim.fabric.Delivery;
import dev.splitsim.fabric.Fabric;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.kernel.AddressSpace;
import dev.splitsim.kernel.memory.GlobalMemoryManager;
import dev.splitsim.kernel.memory.MemoryComponent;
import dev.splitsim.kernel.memory.MemoryTiming;

/**
 * The process monitor's ExCache miss path, on the faulting core and without a context switch
 * (REFERENCE.md, LegoOS ExCache rows): trap in; write a dirty victim back, riding on the miss when it
 * goes to the same memory component; zero-fill a line the memory components do not hold yet, or
 * send P2M_PCACHE_MISS to the owner of the line's region, whose memory monitor translates, reads
 * and replies with the line; install it; return to the guest. The core waits the whole time, so a
 * core never has more than one miss outstanding.
 */
public final class ExCacheMissPath implements ExCacheBacking, AddressSpace.RangeListener {
    private static final String[] STAGES = {"trap", "nic", "wire", "switch", "queue", "monitor", "walk", "memory_read",
        "fill", "victim_flush"};
    private static final int TRAP = 0;
    private static final int NIC = 1;
    private static final int WIRE = 2;
    private static final int SWITCH = 3;
    private static final int QUEUE = 4;
    private static final int MONITOR = 5;
    private static final int WALK = 6;
    private static final int READ = 7;
    private static final int FILL = 8;
    private static final int FLUSH = 9;

    private final Fabric fabric;
    private final int cpuNode;
    private final GlobalMemoryManager manager;
    private final AddressSpace space;
    private final CoreTime time;
    private final SplitTiming timing;
    private final Delivery request = new Delivery();
    private final Delivery reply = new Delivery();
    private final long[] stage = new long[STAGES.length];
    private final long[] stageTotal = new long[STAGES.length];
    private final Histogram latency = new Histogram(10_000L, 100_000);
    private ExCache cache;
    private java.util.function.Consumer<MissRecord> missTrace;
    /** The stages of the miss being served, kept only while {@link #missTrace} listens. */
    private final java.util.List<MissRecord.Stage> timeline = new java.util.ArrayList<>();
    /** Misses taken by each core (any kind), for the per-core summary. */
    private final long[] missesByCore = new long[dev.splitsim.cpu.exec.Hart.MAX_CORES];
    private long remoteMisses;
    private long piggybacked;
    private long separateFlushes;

    public ExCacheMissPath(Fabric fabric, int cpuNode, GlobalMemoryManager manager, AddressSpace space, CoreTime time,
            SplitTiming timing) {
        this.fabric = fabric;
        this.cpuNode = cpuNode;
        this.manager = manager;
        this.space = space;
        this.time = time;
        this.timing = timing;
    }

    public void setCache(ExCache cache) {
        this.cache = cache;
    }

    /** Every miss from now on goes to {@code sink}; null stops it. */
    public void setMissTrace(java.util.function.Consumer<MissRecord> sink) {
        this.missTrace = sink;
    }

    /** Whether misses are traced, i.e. whether the miss path builds records at all. */
    public boolean tracing() {
        return missTrace != null;
    }

    private void stage(String name, long from, long to) {
        if (missTrace != null && to > from) {
            timeline.add(new MissRecord.Stage(name, from, to));
        }
    }

    private void report(int line, long vaddr, int access, String served, long start, long end, long request,
            long victimVaddr) {
        if (missTrace != null) {
            missTrace.accept(new MissRecord(time.core(), time.pc(), vaddr, accessName(access), line, served, start, end,
                    request, victimVaddr, java.util.List.copyOf(timeline)));
            timeline.clear();
        }
    }

    private static String accessName(int access) {
        return access == PageProvider.WRITE ? "write" : access == PageProvider.EXECUTE ? "exec" : "read";
    }

    private static long pageAddress(long vpage) {
        return vpage << PageProvider.PAGE_SHIFT;
    }

    @Override
    public int fill(int asid, long vline, int access, int victimAsid, long victimVline, byte[][] pages, byte[] perms,
            int first, int count) {
        long firstPage = vline * count;
        long vaddr = pageAddress(firstPage);
        java.util.Arrays.fill(stage, 0);
        timeline.clear();
        missesByCore[Math.max(0, time.core())]++;
        long start = time.missStart();
        long t = start + timing.trapTicks();
        stage[TRAP] = timing.trapTicks();
        stage("trap", start, t);
        int line = first / count;
        long victimVaddr = victimVline >= 0 ? pageAddress(victimVline * count) : -1;
        MemoryComponent owner = manager.owner(vaddr);
        boolean victimRides = false;
        if (victimVline >= 0) {
            MemoryComponent victimOwner = manager.owner(pageAddress(victimVline * count));
            if (timing.piggyback() && victimOwner == owner) {
                victimRides = true;
            } else {
                long before = t;
                t = flush(victimVline * count, pages, first, count, t);
                stage[FLUSH] += t - before;
                stage("victim_flush", before, t);
                separateFlushes++;
            }
        }
        boolean anyMapped = false;
        boolean anyStored = false;
        for (int i = 0; i < count; i++) {
            AddressSpace.Area a = space.areaAt(pageAddress(firstPage + i));
            perms[first + i] = (byte) (a == null ? 0 : a.prot() & 7);
            anyMapped |= a != null;
            anyStored |= a != null && space.hasPage(firstPage + i);
        }
        if (!anyMapped || (timing.zeroFill() && !anyStored)) {
            if (victimRides) {
                long before = t;
                t = flush(victimVline * count, pages, first, count, t);
                stage[FLUSH] += t - before;
                stage("victim_flush", before, t);
                separateFlushes++;
            }
            if (!anyMapped) {
                report(line, vaddr, access, MissRecord.UNMAPPED, start, t, -1, victimVaddr);
                time.waitUntil(t, StallCause.EXCACHE_MISS);
                return -1;
            }
            for (int i = 0; i < count; i++) {
                java.util.Arrays.fill(pages[first + i], (byte) 0);
            }
            stage("zero_fill", t, t + timing.zeroFillTicks());
            t += timing.zeroFillTicks();
            report(line, vaddr, access, MissRecord.ZERO_FILL, start, t, -1, victimVaddr);
            time.waitUntil(t, StallCause.EXCACHE_MISS);
            return ZERO_FILLED;
        }
        long lineBytes = (long) count * PageProvider.PAGE_SIZE;
        MessageType type = victimRides ? MessageType.P2M_PCACHE_MISS_FLUSH : MessageType.P2M_PCACHE_MISS;
        long sent = victimRides ? lineBytes : 0;
        fabric.setCause(time.core(), time.pc(), vaddr);
        fabric.send(type, cpuNode, owner.node(), sent, t, request);
        addNetwork(request);
        stage("request", t, request.arriveTick);
        MemoryTiming mt = owner.timing();
        long picked = owner.startService(request.arriveTick);
        stage[QUEUE] += picked - request.arriveTick;
        stage("monitor_queue", request.arriveTick, picked);
        t = picked + mt.dispatchTicks();
        stage[MONITOR] += mt.dispatchTicks();
        stage("monitor", picked, t);
        if (victimRides) {
            storeVictim(victimVline * count, pages, first, count);
            stage("victim_write", t, t + mt.writeTicks());
            t += mt.writeTicks();
            stage[READ] += mt.writeTicks();
            piggybacked++;
        }
        long walkStart = t;
        for (int i = 0; i < count; i++) {
            long vp = firstPage + i;
            if (perms[first + i] == 0) {
                java.util.Arrays.fill(pages[first + i], (byte) 0);
                continue;
            }
            long walk = owner.translate(asid, vp);
            t += walk;
            stage[WALK] += walk;
            System.arraycopy(space.touchPage(vp), 0, pages[first + i], 0, PageProvider.PAGE_SIZE);
        }
        stage("walk", walkStart, t);
        stage("memory_read", t, t + mt.readTicks());
        t += mt.readTicks();
        stage[READ] += mt.readTicks();
        owner.countMissServed(victimRides);
        owner.endService(t);
        long handled = t;
        fabric.record(type, cpuNode, owner.node(), sent, request, handled,
                fabric.tracing() ? detail(asid, vaddr, access, victimRides ? victimVline * count : -1) : null);
        long requestSequence = request.sequence;
        fabric.send(MessageType.M2P_PCACHE_LINE, owner.node(), cpuNode, lineBytes, t, reply);
        addNetwork(reply);
        stage("reply", t, reply.arriveTick);
        t = reply.arriveTick + timing.fillTicks();
        stage[FILL] += timing.fillTicks();
        stage("fill", reply.arriveTick, t);
        fabric.record(MessageType.M2P_PCACHE_LINE, owner.node(), cpuNode, lineBytes, reply, t,
                fabric.tracing() ? "pid=" + asid + " vaddr=0x" + Long.toHexString(vaddr) : null, request.sequence);
        remoteMisses++;
        latency.add(t - start);
        for (int i = 0; i < STAGES.length; i++) {
            stageTotal[i] += stage[i];
        }
        report(line, vaddr, access, MissRecord.REMOTE, start, t, requestSequence, victimVaddr);
        time.waitUntil(t, StallCause.EXCACHE_MISS);
        return 0;
    }

    private static String detail(int asid, long vaddr, int access, long victimPage) {
        String s = "pid=" + asid + " vaddr=0x" + Long.toHexString(vaddr) + " flags="
                + (access == PageProvider.WRITE ? "write" : access == PageProvider.EXECUTE ? "exec" : "read");
        return victimPage < 0 ? s : s + " victim=0x" + Long.toHexString(pageAddress(victimPage));
    }

    private void addNetwork(Delivery d) {
        stage[NIC] += d.nicTicks;
        stage[WIRE] += d.wireTicks;
        stage[SWITCH] += d.switchTicks;
        stage[QUEUE] += d.queueTicks;
    }

    /** Copies a victim's mapped pages into the memory components (allocating frames on first flush). */
    private void storeVictim(long firstPage, byte[][] pages, int first, int count) {
        for (int i = 0; i < count; i++) {
            if (space.areaAt(pageAddress(firstPage + i)) != null) {
                System.arraycopy(pages[first + i], 0, space.touchPage(firstPage + i), 0, PageProvider.PAGE_SIZE);
            }
        }
    }

    /** P2M_PCACHE_FLUSH of one line and its acknowledgement; returns when the ack is back. */
    private long flush(long firstPage, byte[][] pages, int first, int count, long t) {
        long vaddr = pageAddress(firstPage);
        MemoryComponent owner = manager.owner(vaddr);
        long lineBytes = (long) count * PageProvider.PAGE_SIZE;
        fabric.setCause(time.core(), time.pc(), vaddr);
        Delivery d = fabric.send(MessageType.P2M_PCACHE_FLUSH, cpuNode, owner.node(), lineBytes, t, request);
        storeVictim(firstPage, pages, first, count);
        long handled = owner.startService(d.arriveTick) + owner.timing().dispatchTicks() + owner.timing().writeTicks();
        owner.endService(handled);
        owner.countFlushServed();
        fabric.record(MessageType.P2M_PCACHE_FLUSH, cpuNode, owner.node(), lineBytes, d, handled,
                fabric.tracing() ? "vaddr=0x" + Long.toHexString(vaddr) : null);
        Delivery ack = fabric.send(MessageType.M2P_FLUSH_ACK, owner.node(), cpuNode, 0, handled, reply);
        fabric.record(MessageType.M2P_FLUSH_ACK, owner.node(), cpuNode, 0, ack, ack.arriveTick, null, d.sequence);
        return ack.arriveTick;
    }

    @Override
    public void writeBack(int asid, long vline, byte[][] pages, int first, int count) {
        long t = flush(vline * count, pages, first, count, time.missStart());
        separateFlushes++;
        time.waitUntil(t, StallCause.EXCACHE_MISS);
    }

    @Override
    public int upgrade(int asid, long vpage, int access) {
        long vaddr = pageAddress(vpage);
        MemoryComponent owner = manager.owner(vaddr);
        long t = time.missStart() + timing.trapTicks();
        fabric.setCause(time.core(), time.pc(), vaddr);
        Delivery d = fabric.send(MessageType.P2M_PCACHE_MISS, cpuNode, owner.node(), 0, t, request);
        long handled = owner.startService(d.arriveTick) + owner.timing().dispatchTicks();
        owner.endService(handled);
        fabric.record(MessageType.P2M_PCACHE_MISS, cpuNode, owner.node(), 0, d, handled,
                fabric.tracing() ? detail(asid, vaddr, access, -1) + " permission" : null);
        Delivery r = fabric.send(MessageType.M2P_PCACHE_LINE, owner.node(), cpuNode, 0, handled, reply);
        fabric.record(MessageType.M2P_PCACHE_LINE, owner.node(), cpuNode, 0, r, r.arriveTick, null, d.sequence);
        if (missTrace != null) {
            timeline.clear();
            long start = t - timing.trapTicks();
            stage("trap", start, t);
            stage("request", t, d.arriveTick);
            stage("monitor", d.arriveTick, handled);
            stage("reply", handled, r.arriveTick);
            report(-1, vaddr, access, MissRecord.PERMISSION, start, r.arriveTick, d.sequence, -1);
        }
        time.waitUntil(r.arriveTick, StallCause.EXCACHE_MISS);
        AddressSpace.Area a = space.areaAt(vaddr);
        return a == null ? -1 : a.prot() & 7;
    }

    @Override
    public byte[] peek(int asid, long vpage) {
        if (space.areaAt(pageAddress(vpage)) == null) {
            return null;
        }
        byte[] stored = space.storedPage(vpage);
        return stored != null ? stored : new byte[PageProvider.PAGE_SIZE];
    }

    @Override
    public void rangeChanged(long start, long end, boolean discard) {
        cache.removeRange(start >>> PageProvider.PAGE_SHIFT, end >>> PageProvider.PAGE_SHIFT, discard);
    }

    /** ExCache misses (any kind) taken on core {@code core}. */
    public long missesOnCore(int core) {
        return missesByCore[core];
    }

    public Histogram latency() {
        return latency;
    }

    /** Mean time of one stage over the misses that crossed the fabric, in ns. */
    public double stageMeanNs(String name) {
        for (int i = 0; i < STAGES.length; i++) {
            if (STAGES[i].equals(name)) {
                return remoteMisses == 0 ? 0 : stageTotal[i] / 1000.0 / remoteMisses;
            }
        }
        throw new IllegalArgumentException(name);
    }

    public static String[] stages() {
        return STAGES.clone();
    }

    public void registerStats(StatsRegistry registry) {
        StatGroup g = registry.group("excache", null);
        g.reading("remote_misses", "misses", "misses served over the fabric", () -> remoteMisses);
        g.reading("piggybacked_flushes", "lines", "dirty victims that rode on a miss", () -> piggybacked);
        g.reading("separate_flushes", "lines", "dirty lines flushed with their own P2M_PCACHE_FLUSH",
                () -> separateFlushes);
        g.formula("miss_latency_mean_ns", "ns", "mean latency of a miss over the fabric", () -> latency.mean() / 1000);
        g.formula("miss_latency_p50_ns", "ns", "median latency of a miss over the fabric (10 ns buckets)",
                () -> latency.percentile(50) / 1000.0);
        g.formula("miss_latency_p99_ns", "ns", "99th percentile latency of a miss over the fabric (10 ns buckets)",
                () -> latency.percentile(99) / 1000.0);
        for (String s : STAGES) {
            g.formula("miss_stage." + s + "_ns", "ns", "mean time of a miss over the fabric spent in " + s,
                    () -> stageMeanNs(s));
        }
    }
}
