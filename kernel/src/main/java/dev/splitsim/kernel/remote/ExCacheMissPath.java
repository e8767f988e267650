package dev.splitsim.kernel.remote;

import dev.splitsim.core.event.EventQueue;
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
import dev.splitsim.kernel.memory.Areas;
import dev.splitsim.kernel.memory.LineFrames;
import dev.splitsim.kernel.memory.MemoryTiming;
import dev.splitsim.kernel.memory.RegionMap;
import dev.splitsim.kernel.process.AddressSpace;
import java.util.List;

/**
 * The process monitor's ExCache miss path, on the faulting core and without a context switch
 * (docs/reference.md, LegoOS ExCache): trap in; write a dirty victim back, riding on the miss
 * when it goes to the same memory component; zero-fill a line the memory components cannot hold
 * bytes for yet; else send P2M_PCACHE_MISS to the owner of the line's region, wait for the reply,
 * and install the bytes and permissions it carries. The memory monitor at that component does the
 * rest. What it decides here it decides from the process monitor's own knowledge: the mirror of the
 * areas (permissions, anonymous or file), the lines it has written back and the ranges the memory
 * monitor said it wrote itself.
 */
public final class ExCacheMissPath implements ExCacheBacking, AddressSpace.RangeListener, RpcClient.ReplyHandler,
        OneSidedFetch.Done {
    private static final String[] STAGES = {"trap", "nic", "wire", "switch", "queue", "monitor", "walk", "memory_read",
        "fill", "victim_flush", "rdma_read"};
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
    private static final int RDMA_READ = 10;

    private final RpcClient rpc;
    private final Fabric fabric;
    private final int cpuNode;
    private final RegionMap regions;
    /** The process monitor's mirror of the areas, never the memory monitor's. */
    private final AddressSpace space;
    /** The debugger's look at memory-side pages (no message, no time); null when none. */
    private dev.splitsim.cpu.mem.PageProvider inspector;
    /**
     * While a range the memory monitor has just mapped anew leaves the cache: the pages of a
     * straddling line inside it are stale (they were unmapped when the line came) and are not written back.
     */
    private long staleStart;
    private long staleEnd;
    private final CoreTime time;
    private final SplitTiming timing;
    private final long[] stageTotal = new long[STAGES.length];
    private final Histogram latency = new Histogram(10_000L, 100_000);
    private ExCache cache;
    /** Per line slot: the core whose asynchronous fill it last received (-1 none) and what that core had retired then. */
    private int[] holdCore;
    private long[] holdRetired;
    /** One-sided fills (excache.fetch=one-sided); null when every miss goes by RPC. */
    private OneSidedFetch oneSided;
    private java.util.function.Consumer<MissRecord> missTrace;
    /** Misses taken by each core (any kind), for the per-core summary. */
    private final long[] missesByCore = new long[dev.splitsim.cpu.exec.Hart.MAX_CORES];
    private long remoteMisses;
    private long piggybacked;
    private long separateFlushes;
    /** Waits for the fabric made where the core stood (events run ahead of the other cores). */
    private long waitsInPlace;
    /** The misses being served (few: one per core at most, plus queued ones). */
    private final java.util.ArrayList<Fill> active = new java.util.ArrayList<>();
    private final java.util.ArrayDeque<Fill> pool = new java.util.ArrayDeque<>();
    /** Each core's miss in flight, whose later misses queue behind it. */
    private final Fill[] inFlightOnCore = new Fill[dev.splitsim.cpu.exec.Hart.MAX_CORES];
    /**
     * Write-backs on their way, by line address and count: a miss on such a line waits until the
     * memory component has the bytes (else a core behind in time could overtake the write-back).
     */
    private final it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap writeBacksInFlight =
            new it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap();
    /** Misses waiting for a write-back of their line to land. */
    private final java.util.ArrayList<Fill> behindWriteBacks = new java.util.ArrayList<>();
    /**
     * Lines (by address) the memory side may hold bytes for that are not zero: written back from
     * here, or written by the memory monitor itself (execve's image, pages mremap moved). Never
     * zero-filled locally again.
     */
    private final it.unimi.dsi.fastutil.longs.LongOpenHashSet writtenBack = new it.unimi.dsi.fastutil.longs.LongOpenHashSet();

    /** One miss being served: what missed, where its bytes go, its stages, and who waits for it. */
    private static final class Fill {
        int asid;
        int access;
        long vaddr;
        byte[][] pages;
        byte[] perms;
        int first;
        int count;
        int line;
        int core;
        long pc;
        /** Instructions the core had retired when it missed: its line is held for it until it retires more. */
        long retired;
        long start;
        boolean async;
        int victimAsid;
        long victimVaddr;
        boolean victimRides;
        /** The fabric node of the memory component owning the line's region; -1 when none is chosen. */
        int ownerNode = -1;
        String served;
        long flushSentAt;
        long sentAt;
        long deferredFrom;
        long request;
        int status;
        long doneTick;
        boolean finished;
        Fill nextOnCore;
        final long[] stage = new long[STAGES.length];
        final java.util.ArrayList<MissRecord.Stage> timeline = new java.util.ArrayList<>();
        /** The threads asleep until the line is in place: the one that missed, then any that joined. */
        final java.util.ArrayList<Object> waiters = new java.util.ArrayList<>(4);

        void reset() {
            java.util.Arrays.fill(stage, 0);
            finished = false;
            nextOnCore = null;
            request = -1;
            status = 0;
        }

        void stage(String name, long from, long to, boolean traced) {
            if (traced && to > from) {
                timeline.add(new MissRecord.Stage(name, from, to));
            }
        }
    }

    public ExCacheMissPath(RpcClient rpc, RegionMap regions, AddressSpace space, CoreTime time,
            SplitTiming timing) {
        this.rpc = rpc;
        this.fabric = rpc.fabric();
        this.cpuNode = rpc.node();
        this.regions = regions;
        this.space = space;
        this.time = time;
        this.timing = timing;
    }

    public void setCache(ExCache cache) {
        this.cache = cache;
        this.holdCore = new int[cache.lines()];
        this.holdRetired = new long[cache.lines()];
        java.util.Arrays.fill(holdCore, -1);
    }

    @Override
    public boolean held(int line) {
        int core = holdCore[line];
        return core >= 0 && time.stillAt(core, holdRetired[line]);
    }

    /** Fills lines it can translate by one-sided READ from now on. */
    public void setOneSided(OneSidedFetch fetch) {
        this.oneSided = fetch;
        fetch.setDone(this);
    }

    /** Every miss from now on goes to {@code sink}; null stops it. */
    public void setMissTrace(java.util.function.Consumer<MissRecord> sink) {
        this.missTrace = sink;
    }

    /** Whether misses are traced, i.e. whether the miss path builds records at all. */
    public boolean tracing() {
        return missTrace != null;
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
        missesByCore[Math.max(0, time.core())]++;
        Fill f = obtain();
        f.asid = asid;
        f.access = access;
        f.vaddr = vaddr;
        f.pages = pages;
        f.perms = perms;
        f.first = first;
        f.count = count;
        f.line = first / count;
        f.core = time.core();
        f.pc = time.pc();
        f.retired = time.retired();
        holdCore[f.line] = -1;
        f.start = time.now();
        f.async = time.maySleep();
        f.victimAsid = victimAsid;
        f.victimVaddr = victimVline >= 0 ? pageAddress(victimVline * count) : -1;
        int owner = regions.ownerNode(vaddr);
        f.ownerNode = owner;
        boolean victimRides = false;
        boolean separateFlush = false;
        if (victimVline >= 0) {
            int victimOwner = regions.ownerNode(f.victimVaddr);
            victimRides = timing.piggyback() && victimOwner == owner;
            separateFlush = !victimRides;
        }
        boolean anyMapped = false;
        boolean anyStored = false;
        for (int i = 0; i < count; i++) {
            Areas.Area a = space.areaAt(pageAddress(firstPage + i));
            perms[first + i] = (byte) (a == null ? 0 : a.prot() & 7);
            anyMapped |= a != null;
            // A file's bytes (a file mapping, the program) are at the memory side from the start.
            anyStored |= a != null && a.file();
        }
        // A line this CPU has written back holds data even while its write-back is still on the way.
        anyStored |= writtenBack.contains(vaddr);
        f.served = !anyMapped ? MissRecord.UNMAPPED : timing.zeroFill() && !anyStored ? MissRecord.ZERO_FILL
                : MissRecord.REMOTE;
        boolean readable = f.served == MissRecord.REMOTE && oneSided != null
                && oneSided.translates(owner, firstPage, count);
        if ((f.served != MissRecord.REMOTE || readable) && victimRides) {
            // No request to ride on (a READ carries no victim): the victim goes by itself.
            victimRides = false;
            separateFlush = true;
        }
        f.victimRides = victimRides;
        if (victimRides) {
            // From now on a miss on the victim waits for the request that carries it.
            writtenBack.add(f.victimVaddr);
            writeBacksInFlight.addTo(f.victimVaddr, 1);
        }
        long t = f.start + timing.trapTicks();
        f.stage[TRAP] = timing.trapTicks();
        f.stage("trap", f.start, t, missTrace != null);
        if (separateFlush && readable) {
            // The flush has copied the victim's bytes out of the slot: the READ need not wait for its ack.
            postFlush(f.victimAsid, f.victimVaddr, pages, first, count, t, f.core, f.pc, null);
            waitForWriteBackOrPost(f, t);
        } else if (separateFlush) {
            f.flushSentAt = t;
            postFlush(f.victimAsid, f.victimVaddr, pages, first, count, t, f.core, f.pc, f);
        } else if (f.served == MissRecord.REMOTE) {
            waitForWriteBackOrPost(f, t);
        } else {
            // Served on the spot: nothing to wait for, the core is charged the time.
            f.async = false;
            finishLocally(f, t);
            return completeSynchronously(f);
        }
        if (f.async) {
            f.waiters.add(time.sleep());
            return PENDING;
        }
        EventQueue events = fabric.events();
        waitsInPlace++;
        while (!f.finished) {
            if (!events.runNext()) {
                throw new IllegalStateException("ExCache miss at 0x" + Long.toHexString(vaddr) + " got no reply");
            }
        }
        return completeSynchronously(f);
    }

    /** The core waited for the whole miss: it is charged the time until the fill is in place. */
    private int completeSynchronously(Fill f) {
        int status = f.status;
        long done = f.doneTick;
        release(f);
        time.waitUntil(done, StallCause.EXCACHE_MISS);
        return status;
    }

    /** An unmapped line or a first-touch zero fill, with nothing on the fabric (or after the victim's flush). */
    private int finishLocally(Fill f, long t) {
        if (f.served == MissRecord.UNMAPPED) {
            f.status = -1;
        } else {
            for (int i = 0; i < f.count; i++) {
                java.util.Arrays.fill(f.pages[f.first + i], (byte) 0);
            }
            f.stage("zero_fill", t, t + timing.zeroFillTicks(), missTrace != null);
            t += timing.zeroFillTicks();
            f.status = ZERO_FILLED;
        }
        return finish(f, t);
    }

    /** Sends the miss, once any write-back of its line still on the way has reached the memory component. */
    private void waitForWriteBackOrPost(Fill f, long t) {
        if (!writeBacksInFlight.containsKey(f.vaddr)) {
            queueOrPost(f, t);
        } else if (f.async) {
            f.deferredFrom = t;
            behindWriteBacks.add(f);
        } else {
            EventQueue events = fabric.events();
            waitsInPlace++;
            while (writeBacksInFlight.containsKey(f.vaddr) && events.runNext()) {
                // The kernel's own miss waits on the spot.
            }
            queueOrPost(f, Math.max(t, events.now()));
        }
    }

    /** A write-back of line {@code vaddr} is at the memory component: misses that waited for it go. */
    private void writeBackLanded(long vaddr, long tick) {
        if (writeBacksInFlight.addTo(vaddr, -1) > 1) {
            return;
        }
        writeBacksInFlight.remove(vaddr);
        for (int i = 0; i < behindWriteBacks.size(); i++) {
            Fill w = behindWriteBacks.get(i);
            if (w.vaddr == vaddr) {
                behindWriteBacks.remove(i--);
                w.stage("write_back_wait", w.deferredFrom, tick, missTrace != null);
                w.stage[QUEUE] += Math.max(0, tick - w.deferredFrom);
                queueOrPost(w, Math.max(tick, w.deferredFrom));
            }
        }
    }

    /**
     * A core has one miss in flight at most: a thread placed on a core whose previous thread still
     * waits for its fill has its miss sent when that one is done.
     */
    private void queueOrPost(Fill f, long t) {
        if (f.async && f.core >= 0) {
            Fill busy = inFlightOnCore[f.core];
            if (busy != null) {
                while (busy.nextOnCore != null) {
                    busy = busy.nextOnCore;
                }
                busy.nextOnCore = f;
                f.deferredFrom = t;
                if (f.victimRides) {
                    // The dirty victim cannot wait with the miss: another thread could miss on it
                    // meanwhile and must find its bytes at the memory component.
                    f.victimRides = false;
                    postFlush(f.victimAsid, f.victimVaddr, f.pages, f.first, f.count, t, f.core, f.pc, null);
                    writeBacksInFlight.addTo(f.victimVaddr, -1);
                }
                return;
            }
            inFlightOnCore[f.core] = f;
        }
        postMiss(f, t);
    }

    /**
     * Reads the line one-sided when its frames are known here, else sends P2M_PCACHE_MISS (with the
     * dirty victim's bytes when it rides along) to the line's owner.
     */
    private void postMiss(Fill f, long t) {
        if (oneSided != null && !f.victimRides
                && oneSided.fetch(f, f.ownerNode, f.core, f.pages, f.first, f.count, f.vaddr >>> PageProvider.PAGE_SHIFT, t)) {
            f.sentAt = t;
            return;
        }
        postMissRpc(f, t);
    }

    private void postMissRpc(Fill f, long t) {
        long lineBytes = (long) f.count * PageProvider.PAGE_SIZE;
        Message request = rpc.request(f.victimRides ? MessageType.P2M_PCACHE_MISS_FLUSH : MessageType.P2M_PCACHE_MISS,
                f.ownerNode);
        request.cause(f.core, -1, f.pc, f.vaddr).set("opcode", request.type().ordinal()).set("src", cpuNode)
                .set("length", lineBytes).set("pid", f.asid).set("tgid", f.asid)
                .set("flags", f.access | (oneSided != null ? MessageType.MISS_TRANSLATIONS : 0)).set("vaddr", f.vaddr);
        if (f.victimRides) {
            request.set("victim_pid", f.victimAsid).set("victim_vaddr", f.victimVaddr).set("victim_length", lineBytes);
            copyLine(f.pages, f.first, f.count, request.data((int) lineBytes));
            piggybacked++;
        }
        if (fabric.tracing()) {
            request.detail(detail(f.asid, f.vaddr, f.access,
                    f.victimRides ? f.victimVaddr >>> PageProvider.PAGE_SHIFT : -1));
        }
        request.context(f);
        f.sentAt = t;
        rpc.post(request, t, this);
    }

    /** A reply of the miss path: a flushed victim's acknowledgement or a line. */
    @Override
    public void replied(Message reply, long tick) {
        Fill f = (Fill) reply.context();
        if (reply.type() == MessageType.M2P_FLUSH_ACK) {
            writeBackLanded(reply.causeVaddr(), tick);
            fabric.handled(reply, -1, tick, tick);
            separateFlushes++;
            if (f == null) {
                return;
            }
            f.stage[FLUSH] += tick - f.flushSentAt;
            f.stage("victim_flush", f.flushSentAt, tick, missTrace != null);
            if (f.served == MissRecord.REMOTE) {
                waitForWriteBackOrPost(f, tick);
            } else {
                finishLocally(f, tick);
            }
            return;
        }
        f.request = reply.replyTo();
        if (f.victimRides) {
            writeBackLanded(f.victimVaddr, tick);
        }
        install(reply, f.pages, f.perms, f.first, f.count);
        if (oneSided != null) {
            learnFrames(reply, f);
        }
        account(f, reply, f.sentAt, tick);
        fabric.handled(reply, -1, tick, tick);
        filled(f, tick);
    }

    /** The line's bytes are in the slot at {@code tick}: its tag is set, and the miss is served. */
    private void filled(Fill f, long tick) {
        long filled = tick + timing.fillTicks();
        f.stage[FILL] += timing.fillTicks();
        f.stage("fill", tick, filled, missTrace != null);
        remoteMisses++;
        f.status = 0;
        finish(f, filled);
    }

    /** The frames after the line's bytes in a reply to a miss that asked for translations. */
    private void learnFrames(Message reply, Fill f) {
        if (reply.dataLength() < LineFrames.bytes(f.count)) {
            return;
        }
        long firstPage = f.vaddr >>> PageProvider.PAGE_SHIFT;
        for (int i = 0; i < f.count; i++) {
            oneSided.learn(firstPage + i, LineFrames.get(reply.data(), f.count, i));
        }
    }

    /**
     * A one-sided fill's READs have all completed at {@code tick}: the bytes are in the slot, the
     * permissions are the mirror's (set when the miss began). A failed read (a frame no longer
     * registered) sends the miss by RPC instead.
     */
    @Override
    public void fetched(Object line, long tick, boolean ok) {
        Fill f = (Fill) line;
        if (!ok) {
            postMissRpc(f, tick);
            return;
        }
        f.stage[RDMA_READ] += tick - f.sentAt;
        f.stage("rdma_read", f.sentAt, tick, missTrace != null);
        filled(f, tick);
    }

    /**
     * The miss is served at {@code done}: statistics and the trace record; an asynchronous miss
     * releases its line to the cache and wakes the threads that waited for it, and sends the next
     * miss of its core. Returns the fill's status.
     */
    private int finish(Fill f, long done) {
        f.doneTick = done;
        f.finished = true;
        int status = f.status;
        if (f.served == MissRecord.REMOTE) {
            latency.add(done - f.start);
            for (int i = 0; i < STAGES.length; i++) {
                stageTotal[i] += f.stage[i];
            }
        }
        if (missTrace != null) {
            missTrace.accept(new MissRecord(f.core, f.pc, f.vaddr, accessName(f.access), f.line, f.served, f.start,
                    done, f.served == MissRecord.REMOTE ? f.request : -1, f.victimVaddr, List.copyOf(f.timeline)));
        }
        if (!f.async) {
            return status;
        }
        cache.fillDone(f.line, status);
        holdCore[f.line] = status < 0 ? -1 : f.core;
        holdRetired[f.line] = f.retired;
        for (Object thread : f.waiters) {
            time.wake(thread, done);
        }
        if (f.core >= 0 && inFlightOnCore[f.core] == f) {
            Fill next = f.nextOnCore;
            inFlightOnCore[f.core] = next;
            if (next != null) {
                next.stage("core_busy", next.deferredFrom, done, missTrace != null);
                next.stage[QUEUE] += Math.max(0, done - next.deferredFrom);
                postMiss(next, Math.max(done, next.deferredFrom));
            }
        }
        release(f);
        return status;
    }

    @Override
    public boolean join(int line) {
        Fill f = byLine(line);
        if (f == null) {
            return true;
        }
        if (time.maySleep()) {
            f.waiters.add(time.sleep());
            return false;
        }
        EventQueue events = fabric.events();
        waitsInPlace++;
        while (cache.isPending(line)) {
            if (!events.runNext()) {
                throw new IllegalStateException("ExCache line " + line + " waits for a fill that never comes");
            }
        }
        time.waitUntil(events.now(), StallCause.EXCACHE_MISS);
        return true;
    }

    /** The asynchronous fill in flight for line slot {@code line}, or null. */
    private Fill byLine(int line) {
        for (Fill f : active) {
            if (f.line == line && f.async && !f.finished) {
                return f;
            }
        }
        return null;
    }

    private Fill obtain() {
        Fill f = pool.poll();
        if (f == null) {
            f = new Fill();
        }
        f.reset();
        active.add(f);
        return f;
    }

    private void release(Fill f) {
        active.remove(f);
        f.waiters.clear();
        f.timeline.clear();
        f.pages = null;
        f.perms = null;
        f.ownerNode = -1;
        pool.add(f);
    }

    /**
     * Adds one round trip's time to the miss stages: both messages' NIC, wire, switch and queueing
     * time, the wait for a monitor worker, and the monitor's dispatch, walk and memory access.
     */
    private void account(Fill f, Message reply, long sentAt, long arrived) {
        long prop = fabric.params().propagationTicks();
        long sw = fabric.params().switchHopTicks();
        long monitor = reply.monitorTicks();
        long walk = reply.walkTicks();
        long memory = reply.memoryTicks();
        long atMonitor = sentAt + reply.requestLatencyTicks();
        long replyLatency = arrived - reply.postTick();
        long workerWait = Math.max(0, reply.postTick() - atMonitor - monitor - walk - memory);
        long[] stage = f.stage;
        stage[NIC] += reply.requestNicTicks() + reply.nicTicks(prop, sw);
        stage[WIRE] += reply.requestWireTicks() + reply.wireTicks(prop);
        stage[SWITCH] += 2 * sw;
        stage[QUEUE] += reply.requestQueueTicks() + reply.queueTicks() + workerWait;
        stage[MONITOR] += monitor;
        stage[WALK] += walk;
        stage[READ] += memory;
        boolean on = missTrace != null;
        long at = atMonitor;
        f.stage("request", sentAt, at, on);
        f.stage("monitor_queue", at, at += workerWait, on);
        f.stage("monitor", at, at += monitor, on);
        f.stage("walk", at, at += walk, on);
        f.stage("memory_read", at, at += memory, on);
        f.stage("reply", arrived - replyLatency, arrived, on);
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

    private Message flushRequest(int asid, long vaddr, byte[][] pages, int first, int count, int core, long pc) {
        return flushRequest(asid, vaddr, vaddr, pages, first, count, core, pc);
    }

    /** P2M_PCACHE_FLUSH of {@code count} pages from {@code vaddr}, part or all of the line at {@code lineVaddr}. */
    private Message flushRequest(int asid, long lineVaddr, long vaddr, byte[][] pages, int first, int count, int core,
            long pc) {
        writtenBack.add(lineVaddr);
        writeBacksInFlight.addTo(lineVaddr, 1);
        int owner = regions.ownerNode(vaddr);
        long lineBytes = (long) count * PageProvider.PAGE_SIZE;
        Message request = rpc.request(MessageType.P2M_PCACHE_FLUSH, owner);
        request.cause(core, -1, pc, lineVaddr).set("opcode", request.type().ordinal()).set("src", cpuNode)
                .set("pid", asid).set("vaddr", vaddr).set("length", lineBytes);
        copyLine(pages, first, count, request.data((int) lineBytes));
        if (fabric.tracing()) {
            request.detail("vaddr=0x" + Long.toHexString(vaddr));
        }
        return request;
    }

    /** P2M_PCACHE_FLUSH of a victim line, its bytes in the message; the ack continues {@code f}. */
    private void postFlush(int asid, long vaddr, byte[][] pages, int first, int count, long t, int core, long pc,
            Fill f) {
        Message request = flushRequest(asid, vaddr, pages, first, count, core, pc);
        request.context(f);
        rpc.post(request, t, this);
    }

    @Override
    public void writeBack(int asid, long vline, byte[][] pages, int first, int count) {
        long vaddr = pageAddress(vline * count);
        long end = vaddr + (long) count * PageProvider.PAGE_SIZE;
        if (staleEnd <= vaddr || staleStart >= end) {
            writeBackPages(asid, vaddr, vaddr, pages, first, count);
            return;
        }
        // Only the pages outside the stale range go: before it, then after it.
        int before = (int) ((Math.max(staleStart, vaddr) - vaddr) >>> PageProvider.PAGE_SHIFT);
        int from = (int) ((Math.min(staleEnd, end) - vaddr) >>> PageProvider.PAGE_SHIFT);
        if (before > 0) {
            writeBackPages(asid, vaddr, vaddr, pages, first, before);
        }
        if (from < count) {
            writeBackPages(asid, vaddr, vaddr + ((long) from << PageProvider.PAGE_SHIFT), pages, first + from,
                    count - from);
        }
    }

    private void writeBackPages(int asid, long lineVaddr, long vaddr, byte[][] pages, int first, int count) {
        waitsInPlace++;
        Message ack = rpc.call(flushRequest(asid, lineVaddr, vaddr, pages, first, count, time.core(), time.pc()),
                time.now());
        long done = ack.deliverTick();
        writeBackLanded(lineVaddr, done);
        fabric.handled(ack, -1, done, done);
        separateFlushes++;
        time.waitUntil(done, StallCause.EXCACHE_MISS);
    }

    @Override
    public int upgrade(int asid, long vpage, int access) {
        long vaddr = pageAddress(vpage);
        int owner = regions.ownerNode(vaddr);
        long start = time.now();
        long t = start + timing.trapTicks();
        int count = cache.pagesPerLine();
        long lineVaddr = pageAddress(vpage & -(long) count);
        Message request = rpc.request(MessageType.P2M_PCACHE_MISS, owner);
        request.cause(time.core(), -1, time.pc(), vaddr).set("opcode", request.type().ordinal()).set("src", cpuNode)
                .set("length", (long) count * PageProvider.PAGE_SIZE).set("pid", asid).set("tgid", asid)
                .set("flags", access | MessageType.MISS_PERMISSION_ONLY).set("vaddr", lineVaddr);
        if (fabric.tracing()) {
            request.detail(detail(asid, vaddr, access, -1) + " permission");
        }
        waitsInPlace++;
        Message reply = rpc.call(request, t);
        long done = reply.deliverTick();
        long requestSequence = reply.replyTo();
        int prot = (int) ((reply.get("prot") >>> (3 * (vpage - (vpage & -(long) count)))) & 7);
        if (missTrace != null) {
            Fill f = obtain();
            f.stage("trap", start, t, true);
            account(f, reply, t, done);
            missTrace.accept(new MissRecord(time.core(), time.pc(), vaddr, accessName(access), -1,
                    MissRecord.PERMISSION, start, done, requestSequence, -1, List.copyOf(f.timeline)));
            release(f);
        }
        fabric.handled(reply, -1, done, done);
        time.waitUntil(done, StallCause.EXCACHE_MISS);
        return prot == 0 ? -1 : prot;
    }

    /** Lets the debugger see memory-side pages that are not cached (an inspection, not part of the machine). */
    public void setInspector(dev.splitsim.cpu.mem.PageProvider memorySide) {
        this.inspector = memorySide;
    }

    @Override
    public byte[] peek(int asid, long vpage) {
        return inspector == null ? null : inspector.peek(vpage);
    }

    @Override
    public void rangeChanged(long start, long end, boolean discard) {
        if (oneSided != null) {
            oneSided.forget(start, end);
        }
        cache.removeRange(start >>> PageProvider.PAGE_SHIFT, pageUpShift(end), discard);
        awaitWriteBacks(start, end);
    }

    @Override
    public void rangeReplaced(long start, long end) {
        if (oneSided != null) {
            oneSided.forget(start, end);
        }
        staleStart = start;
        staleEnd = end;
        try {
            cache.removeRange(start >>> PageProvider.PAGE_SHIFT, pageUpShift(end), true);
        } finally {
            staleStart = 0;
            staleEnd = 0;
        }
        awaitWriteBacks(start, end);
    }

    private static long pageUpShift(long end) {
        return (end + PageProvider.PAGE_SIZE - 1) >>> PageProvider.PAGE_SHIFT;
    }

    /** Waits until no write-back of a line in [start, end) is still on its way to the memory side. */
    private void awaitWriteBacks(long start, long end) {
        long lineBytes = (long) cache.pagesPerLine() * PageProvider.PAGE_SIZE;
        long from = start - Math.floorMod(start, lineBytes);
        EventQueue events = fabric.events();
        if (!writeBacksInFlight.isEmpty() && anyInFlight(from, end)) {
            waitsInPlace++;
        }
        while (!writeBacksInFlight.isEmpty() && anyInFlight(from, end) && events.runNext()) {
            // Until the memory side has them.
        }
    }

    private boolean anyInFlight(long from, long end) {
        for (long line : writeBacksInFlight.keySet()) {
            if (line >= from && line < end) {
                return true;
            }
        }
        return false;
    }

    @Override
    public void storedByMemory(long start, long end) {
        long lineBytes = (long) cache.pagesPerLine() * PageProvider.PAGE_SIZE;
        for (long line = start - Math.floorMod(start, lineBytes); line < end; line += lineBytes) {
            writtenBack.add(line);
        }
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
        g.reading("waits_in_place", "waits", "waits for the fabric a core made where it stood, not asleep: kernel "
                + "copies missing inside a call, permission upgrades, separate write-backs", () -> waitsInPlace);
        if (oneSided != null) {
            g.reading("one_sided_fills", "misses", "misses filled by one-sided RDMA READ, no memory-side CPU",
                    oneSided::lineFetches);
            g.reading("one_sided_reads", "reads", "RDMA READs of those fills (one per page)", oneSided::reads);
            g.reading("translation_misses", "misses",
                    "misses sent by RPC because a page's frame was not known here", oneSided::translationMisses);
            g.reading("translations", "pages", "page translations held by the CPU component", oneSided::translations);
        }
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
