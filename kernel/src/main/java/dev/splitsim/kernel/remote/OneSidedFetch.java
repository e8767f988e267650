package dev.splitsim.kernel.remote;

import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.fabric.verbs.Access;
import dev.splitsim.fabric.verbs.CompletionQueue;
import dev.splitsim.fabric.verbs.MemoryRegion;
import dev.splitsim.fabric.verbs.PagedMemory;
import dev.splitsim.fabric.verbs.QueuePair;
import dev.splitsim.fabric.verbs.RegionMemory;
import dev.splitsim.fabric.verbs.Transport;
import dev.splitsim.fabric.verbs.Verbs;
import dev.splitsim.fabric.verbs.VerbsDevice;
import dev.splitsim.fabric.verbs.WorkCompletion;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;

/**
 * ExCache fills by one-sided RDMA READ (excache.fetch=one-sided). Each memory component registers
 * its physical memory with its NIC once; a miss served by RPC brings back, besides the line, the
 * frames its pages are held in, and the CPU component keeps those translations (a bounded table,
 * oldest out first). A later miss on a line whose every page it can translate reads the frames
 * straight into the ExCache slot, with no memory-side CPU: no poller, no monitor worker. First
 * touch, permission changes and lines it cannot translate still go by RPC; an unmapped or replaced
 * range drops its translations (the memory monitor frees those frames only on that call).
 */
public final class OneSidedFetch implements CompletionQueue.Listener {
    /** Who hears that a line's reads have all completed (or that one failed: then it goes by RPC). */
    public interface Done {
        void fetched(Object line, long tick, boolean ok);
    }

    private static final int LINES_IN_FLIGHT = 256;
    private static final int QUEUE_DEPTH = 1024;

    private final VerbsDevice nic;
    private final CompletionQueue completions;
    /** The memory component's NIC at each node (null where none), and the key of its one region. */
    private final VerbsDevice[] memoryNics;
    private final int[] remoteKeyByNode;
    /**
     * A connection per core (index core + 1; 0 for the kernel before any core runs) and memory
     * node, made at its first use: each core posts in its own time order, as a reliable
     * connection's packets must go.
     */
    private final QueuePair[][] pairs;
    /** The tick of each connection's last post: a connection's work requests go out in order. */
    private final long[][] lastPost;
    private final SlotMemory slots = new SlotMemory();
    private final MemoryRegion slotRegion;
    private final Long2LongOpenHashMap frames = new Long2LongOpenHashMap();
    private final long[] order;
    private int oldest;
    private int held;
    private final Object[] lines = new Object[LINES_IN_FLIGHT];
    private final int[] readsLeft = new int[LINES_IN_FLIGHT];
    private final boolean[] failed = new boolean[LINES_IN_FLIGHT];
    private int nextLine;
    private final WorkCompletion completion = new WorkCompletion();
    private Done done;
    private long reads;
    private long lineFetches;
    private long translationMisses;

    /**
     * The CPU component at {@code cpuNode} with an ExCache of {@code slotBytes}, reading from the
     * memory components at {@code memoryNodes} whose physical memory is given by {@code memories}
     * and {@code capacities}; keeps at most {@code translations} page translations.
     */
    public OneSidedFetch(Verbs verbs, int cpuNode, long slotBytes, int[] memoryNodes, RegionMemory[] memories,
            long[] capacities, int translations) {
        if (translations < 1) {
            throw new IllegalArgumentException("excache.translations must be at least 1, got " + translations);
        }
        this.order = new long[translations];
        frames.defaultReturnValue(-1);
        nic = verbs.open(cpuNode, slots);
        slotRegion = nic.register(0, slotBytes, Access.LOCAL_WRITE);
        completions = nic.createCompletionQueue(QUEUE_DEPTH);
        completions.setListener(this);
        int maxNode = cpuNode;
        for (int n : memoryNodes) {
            maxNode = Math.max(maxNode, n);
        }
        memoryNics = new VerbsDevice[maxNode + 1];
        remoteKeyByNode = new int[maxNode + 1];
        pairs = new QueuePair[maxNode + 1][dev.splitsim.cpu.exec.Hart.MAX_CORES + 1];
        lastPost = new long[maxNode + 1][dev.splitsim.cpu.exec.Hart.MAX_CORES + 1];
        for (int i = 0; i < memoryNodes.length; i++) {
            VerbsDevice memoryNic = verbs.device(memoryNodes[i]) != null ? verbs.device(memoryNodes[i])
                    : verbs.open(memoryNodes[i], memories[i]);
            // The memory monitor registers its memory once; the key reaches the CPU at connection set-up.
            MemoryRegion all = memoryNic.register(0, capacities[i], Access.REMOTE_READ);
            memoryNics[memoryNodes[i]] = memoryNic;
            remoteKeyByNode[memoryNodes[i]] = all.remoteKey();
        }
    }

    /** Core {@code core}'s connection to the memory component at {@code node}, made on first use. */
    private QueuePair pair(int node, int core) {
        int c = Math.max(0, core + 1);
        QueuePair qp = pairs[node][c];
        if (qp == null) {
            VerbsDevice memoryNic = memoryNics[node];
            qp = nic.createQueuePair(Transport.RC, completions, completions, QUEUE_DEPTH, 1);
            CompletionQueue theirs = memoryNic.createCompletionQueue(QUEUE_DEPTH);
            Verbs.connect(qp, memoryNic.createQueuePair(Transport.RC, theirs, theirs, QUEUE_DEPTH, 1));
            pairs[node][c] = qp;
        }
        return qp;
    }

    public void setDone(Done d) {
        this.done = d;
    }

    /** Keeps what a miss's reply said: page {@code vpage} is held in the frame at {@code frameAddress} (-1: none). */
    public void learn(long vpage, long frameAddress) {
        if (frameAddress < 0) {
            return;
        }
        if (frames.containsKey(vpage)) {
            frames.put(vpage, frameAddress);
            return;
        }
        if (held == order.length) {
            // The table is full: the oldest translation goes (a later miss on it asks again by RPC).
            frames.remove(order[oldest]);
            oldest = (oldest + 1) % order.length;
            held--;
        }
        order[(oldest + held) % order.length] = vpage;
        held++;
        frames.put(vpage, frameAddress);
    }

    /** The pages of [start, end) were unmapped or replaced: their frames may be freed, so their translations go. */
    public void forget(long start, long end) {
        long first = start >>> PageProvider.PAGE_SHIFT;
        long last = (end + PageProvider.PAGE_SIZE - 1) >>> PageProvider.PAGE_SHIFT;
        if (frames.isEmpty() || last <= first) {
            return;
        }
        int before = frames.size();
        if (last - first <= before) {
            for (long p = first; p < last; p++) {
                frames.remove(p);
            }
        } else {
            frames.keySet().removeIf((long p) -> p >= first && p < last);
        }
        if (frames.size() != before) {
            // The order ring keeps only the pages still held, oldest first.
            compactOrder();
        }
    }

    private void compactOrder() {
        int kept = 0;
        for (int i = 0; i < held; i++) {
            long p = order[(oldest + i) % order.length];
            if (frames.containsKey(p)) {
                order[(oldest + kept) % order.length] = p;
                kept++;
            }
        }
        held = kept;
    }

    /**
     * Reads the line of {@code count} pages from {@code firstVpage} at the memory component at
     * {@code node}, on core {@code core}'s connection (-1: the kernel's), into ExCache slots {@code first}… of {@code pages}, when every page can be
     * translated; false (nothing sent) when one cannot. {@code line} is handed to {@link Done}.
     */
    public boolean fetch(Object line, int node, int core, byte[][] pages, int first, int count, long firstVpage,
            long tick) {
        if (!translates(node, firstVpage, count)) {
            translationMisses++;
            return false;
        }
        int slot = nextLine;
        if (lines[slot] != null) {
            throw new IllegalStateException("more than " + LINES_IN_FLIGHT + " one-sided fills in flight");
        }
        nextLine = (nextLine + 1) % LINES_IN_FLIGHT;
        slots.pages = pages;
        lines[slot] = line;
        readsLeft[slot] = count;
        failed[slot] = false;
        QueuePair qp = pair(node, core);
        int c = Math.max(0, core + 1);
        tick = Math.max(tick, lastPost[node][c]);
        lastPost[node][c] = tick;
        for (int i = 0; i < count; i++) {
            long local = (long) (first + i) << PageProvider.PAGE_SHIFT;
            if (!qp.postRead(slot, local, slotRegion.localKey(), PageProvider.PAGE_SIZE, frames.get(firstVpage + i),
                    remoteKeyByNode[node], tick)) {
                throw new IllegalStateException("one-sided send queue full");
            }
            reads++;
        }
        lineFetches++;
        return true;
    }

    /** Whether every page of the line can be read one-sided from the memory component at {@code node}. */
    public boolean translates(int node, long firstVpage, int count) {
        if (node < 0 || node >= memoryNics.length || memoryNics[node] == null) {
            return false;
        }
        for (int i = 0; i < count; i++) {
            if (frames.get(firstVpage + i) < 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void written(CompletionQueue queue, long tick) {
        while (queue.poll(tick, completion)) {
            int slot = (int) completion.workRequestId();
            failed[slot] |= !completion.ok();
            if (--readsLeft[slot] == 0) {
                Object line = lines[slot];
                lines[slot] = null;
                done.fetched(line, completion.polledTick(), !failed[slot]);
            }
        }
    }

    /** Lines filled by one-sided reads. */
    public long lineFetches() {
        return lineFetches;
    }

    /** RDMA READs posted (one per page). */
    public long reads() {
        return reads;
    }

    /** Misses that went by RPC because a page had no translation here. */
    public long translationMisses() {
        return translationMisses;
    }

    /** Translations held now. */
    public int translations() {
        return frames.size();
    }

    /** The ExCache's slots as the CPU's NIC writes READ data into them: slot i at i pages. */
    private static final class SlotMemory extends PagedMemory {
        byte[][] pages;

        @Override
        protected byte[] page(long index) {
            return pages[(int) index];
        }
    }
}
