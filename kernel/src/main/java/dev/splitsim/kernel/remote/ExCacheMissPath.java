package dev.splitsim.kernel.remote;

import dev.splitsim.core.stats.Histogram;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.cpu.excache.ExCache;
import dev.splitsim.cpu.excache.ExCacheBacking;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.cpu.timing.StallCause;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.kernel.AddressSpace;
import dev.splitsim.kernel.memory.GlobalMemoryManager;
import dev.splitsim.kernel.memory.MemoryComponent;
import dev.splitsim.kernel.memory.MemoryTiming;

/**
 * The process monitor's ExCache miss path, on the faulting core and without a context switch
 * (docs/reference.md, LegoOS ExCache rows): trap in; write a dirty victim back, riding on the miss
 * when it goes to the same memory component; zero-fill a line the memory components do not hold
 * yet; else send P2M_PCACHE_MISS to the owner of the line's region, wait for the reply, and install
 * the bytes and permissions it carries. The memory monitor at that component does the rest. The
 * core waits the whole time, so a core never has more than one miss outstanding.
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

    private final RpcClient rpc;
    private final Fabric fabric;
    private final int cpuNode;
    private final GlobalMemoryManager manager;
    private final AddressSpace space;
    private final CoreTime time;
    private final SplitTiming timing;
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

    public ExCacheMissPath(RpcClient rpc, GlobalMemoryManager manager, AddressSpace space, CoreTime time,
            SplitTiming timing) {
        this.rpc = rpc;
        this.fabric = rpc.fabric();
        this.cpuNode = rpc.node();
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
                t = flush(victimAsid, victimVline * count, pages, first, count, t);
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
                t = flush(victimAsid, victimVline * count, pages, first, count, t);
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
        Message request = rpc.request(victimRides ? MessageType.P2M_PCACHE_MISS_FLUSH : MessageType.P2M_PCACHE_MISS,
                owner.node());
        request.cause(time.core(), -1, time.pc(), vaddr).set("opcode", request.type().ordinal()).set("src", cpuNode)
                .set("length", lineBytes).set("pid", asid).set("tgid", asid).set("flags", access).set("vaddr", vaddr);
        if (victimRides) {
            request.set("victim_pid", victimAsid).set("victim_vaddr", victimVaddr).set("victim_length", lineBytes);
            copyLine(pages, first, count, request.data((int) lineBytes));
            piggybacked++;
        }
        if (fabric.tracing()) {
            request.detail(detail(asid, vaddr, access, victimRides ? victimVline * count : -1));
        }
        long sentAt = t;
        Message reply = rpc.call(request, t);
        long requestSequence = reply.replyTo();
        t = reply.deliverTick();
        install(reply, pages, perms, first, count);
        account(reply, sentAt, t);
        fabric.handled(reply, -1, t, t);
        long filled = t + timing.fillTicks();
        stage[FILL] += timing.fillTicks();
        stage("fill", t, filled);
        t = filled;
        remoteMisses++;
        latency.add(t - start);
        for (int i = 0; i < STAGES.length; i++) {
            stageTotal[i] += stage[i];
        }
        report(line, vaddr, access, MissRecord.REMOTE, start, t, requestSequence, victimVaddr);
        time.waitUntil(t, StallCause.EXCACHE_MISS);
        return 0;
    }

    /**
     * Adds one round trip's time to the miss stages: both messages' NIC, wire, switch and queueing
     * time, the wait for a monitor worker, and the monitor's dispatch, walk and memory access.
     */
    private void account(Message reply, long sentAt, long arrived) {
        long prop = fabric.params().propagationTicks();
        long sw = fabric.params().switchHopTicks();
        long monitor = reply.monitorTicks();
        long walk = reply.walkTicks();
        long memory = reply.memoryTicks();
        long atMonitor = sentAt + reply.requestLatencyTicks();
        long replyLatency = arrived - reply.postTick();
        long workerWait = Math.max(0, reply.postTick() - atMonitor - monitor - walk - memory);
        stage[NIC] += reply.requestNicTicks() + reply.nicTicks(prop, sw);
        stage[WIRE] += reply.requestWireTicks() + reply.wireTicks(prop);
        stage[SWITCH] += 2 * sw;
        stage[QUEUE] += reply.requestQueueTicks() + reply.queueTicks() + workerWait;
        stage[MONITOR] += monitor;
        stage[WALK] += walk;
        stage[READ] += memory;
        long at = atMonitor;
        stage("request", sentAt, at);
        stage("monitor_queue", at, at += workerWait);
        stage("monitor", at, at += monitor);
        stage("walk", at, at += walk);
        stage("memory_read", at, at += memory);
        stage("reply", arrived - replyLatency, arrived);
    }

    /** Copies the line's bytes and per-page permissions out of the reply into the ExCache slot. */
    private static void install(Message reply, byte[][] pages, byte[] perms, int first, int count) {
        long prot = reply.get("prot");
        byte[] data = reply.data();
        for (int i = 0; i < count; i++) {
            perms[first + i] = (byte) ((prot >>> (3 * i)) & 7);
            System.arraycopy(data, i * PageProvider.PAGE_SIZE, pages[first + i], 0, PageProvider.PAGE_SIZE);
        }
    }

    private static void copyLine(byte[][] pages, int first, int count, byte[] into) {
        for (int i = 0; i < count; i++) {
            System.arraycopy(pages[first + i], 0, into, i * PageProvider.PAGE_SIZE, PageProvider.PAGE_SIZE);
        }
    }

    private static String detail(int asid, long vaddr, int access, long victimPage) {
        String s = "pid=" + asid + " vaddr=0x" + Long.toHexString(vaddr) + " flags="
                + (access == PageProvider.WRITE ? "write" : access == PageProvider.EXECUTE ? "exec" : "read");
        return victimPage < 0 ? s : s + " victim=0x" + Long.toHexString(pageAddress(victimPage));
    }

    /** P2M_PCACHE_FLUSH of one line, its bytes in the message, and its acknowledgement; returns when the ack is back. */
    private long flush(int asid, long firstPage, byte[][] pages, int first, int count, long t) {
        long vaddr = pageAddress(firstPage);
        MemoryComponent owner = manager.owner(vaddr);
        long lineBytes = (long) count * PageProvider.PAGE_SIZE;
        Message request = rpc.request(MessageType.P2M_PCACHE_FLUSH, owner.node());
        request.cause(time.core(), -1, time.pc(), vaddr).set("opcode", request.type().ordinal()).set("src", cpuNode)
                .set("pid", asid).set("vaddr", vaddr).set("length", lineBytes);
        copyLine(pages, first, count, request.data((int) lineBytes));
        if (fabric.tracing()) {
            request.detail("vaddr=0x" + Long.toHexString(vaddr));
        }
        Message ack = rpc.call(request, t);
        long done = ack.deliverTick();
        fabric.handled(ack, -1, done, done);
        return done;
    }

    @Override
    public void writeBack(int asid, long vline, byte[][] pages, int first, int count) {
        long t = flush(asid, vline * count, pages, first, count, time.missStart());
        separateFlushes++;
        time.waitUntil(t, StallCause.EXCACHE_MISS);
    }

    @Override
    public int upgrade(int asid, long vpage, int access) {
        long vaddr = pageAddress(vpage);
        MemoryComponent owner = manager.owner(vaddr);
        long start = time.missStart();
        long t = start + timing.trapTicks();
        int count = cache.pagesPerLine();
        long lineVaddr = pageAddress(vpage & -(long) count);
        Message request = rpc.request(MessageType.P2M_PCACHE_MISS, owner.node());
        request.cause(time.core(), -1, time.pc(), vaddr).set("opcode", request.type().ordinal()).set("src", cpuNode)
                .set("length", (long) count * PageProvider.PAGE_SIZE).set("pid", asid).set("tgid", asid)
                .set("flags", access | MessageType.MISS_PERMISSION_ONLY).set("vaddr", lineVaddr);
        if (fabric.tracing()) {
            request.detail(detail(asid, vaddr, access, -1) + " permission");
        }
        Message reply = rpc.call(request, t);
        long done = reply.deliverTick();
        long requestSequence = reply.replyTo();
        int prot = (int) ((reply.get("prot") >>> (3 * (vpage - (vpage & -(long) count)))) & 7);
        if (missTrace != null) {
            timeline.clear();
            stage("trap", start, t);
            account(reply, t, done);
            report(-1, vaddr, access, MissRecord.PERMISSION, start, done, requestSequence, -1);
        } else {
            java.util.Arrays.fill(stage, 0);
        }
        fabric.handled(reply, -1, done, done);
        time.waitUntil(done, StallCause.EXCACHE_MISS);
        return prot == 0 ? -1 : prot;
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
