package dev.splitsim.kernel.swap;

import dev.splitsim.core.event.Resource;
import dev.splitsim.core.host.HostMemoryBudget;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.cpu.mem.PageInvalidationListener;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.cpu.timing.StallCause;
import dev.splitsim.kernel.memory.VirtualMemory;
import dev.splitsim.kernel.remote.CoreTime;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.Long2LongOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongConsumer;

/**
 * A Linux process's pages on a machine whose memory holds only {@code frames} of them: the rest
 * are in the swap area and nowhere else. It is the page store of the process's
 * {@link VirtualMemory}, so every access the cores cannot serve from their translations comes
 * here: a resident page is marked referenced, a page in swap is a major fault (read with its
 * readahead cluster), a page never touched a minor fault; either may first reclaim frames.
 *
 * <p>Reclaim follows Linux's two LRU lists: new pages go to the head of the active list, pages
 * read from swap to the inactive one. Reclaim takes the inactive list's tail: a page referenced
 * since it was put there gets a second chance on the active list, the others are evicted; the
 * active list's tail moves to the inactive list whenever that list is the shorter. Moving a page
 * to the inactive list drops the cores' translations of it, as Linux clears the accessed bit, so
 * the next access shows here. A page keeps its swap slot while it is clean (the swap cache), so
 * evicting it again writes nothing; a write frees the slot.
 *
 * <p>Unmapping a reclaimed page must drop it from every TLB that may hold it. Linux defers the
 * flush and batches it over the pages of one reclaim pass, except that a page whose translation
 * was writable (a dirty page) is flushed before its write-back starts, so that no core can still
 * store to it while it is written out. Each flush is a TLB shootdown: with other cores running
 * threads of the process, an IPI to each of them, and the initiator waits for their acks.
 */
public final class SwapPages implements VirtualMemory.PageStore {
    private static final int PAGE = PageProvider.PAGE_SIZE;
    private static final int NONE = -1;
    private static final byte FREE = 0;
    private static final byte INACTIVE = 1;
    private static final byte ACTIVE = 2;

    private final SwapTiming timing;
    private final SwapDevice device;
    private final CoreTime time;
    private final HostMemoryBudget budget;
    /** The kernel locks the fault and reclaim paths share (swap cache, LRU lists): one holder at a time. */
    private final Resource locks = new Resource("swap.locks");
    private final List<PageInvalidationListener> cores = new ArrayList<>();
    private OtherCores others = OtherCores.NONE;

    // Frames: parallel arrays, linked into the free, inactive and active lists.
    private final byte[][] bytes;
    private final long[] vpageOf;
    private final long[] slotOf;
    private final int[] prev;
    private final int[] next;
    private final byte[] list;
    private final boolean[] referenced;
    private final boolean[] readAhead;
    /** Frames a fault is filling: reclaim passes over them. */
    private final boolean[] busy;
    private int freeHead = NONE;
    private int freeCount;
    private int allocated;
    private final int[] head = {NONE, NONE, NONE};
    private final int[] tail = {NONE, NONE, NONE};
    private final int[] length = new int[3];

    private final Long2IntOpenHashMap resident = new Long2IntOpenHashMap();
    /** Pages in swap only: virtual page to slot. */
    private final Long2LongOpenHashMap swapped = new Long2LongOpenHashMap();
    /** Slot to the page whose copy it holds (resident and clean, or swapped), NONE when free. */
    private long[] owner = new long[1024];
    private long slotCursor;
    private long slotsUsed;
    private final long slotLimit;

    private final int[] victims;
    private final byte[][] run;
    private final int[] want;
    private final int[] reading;

    private long majorFaults;
    private long minorFaults;
    private long pagesIn;
    private long pagesOut;
    private long readAheadPages;
    private long readAheadHits;
    private long reclaimed;
    private long faultTicks;
    private long ioWaitTicks;
    private long reclaimPasses;
    private long scanned;
    private long shootdowns;
    private long shootdownIpis;
    private long shootdownTicks;

    public SwapPages(long frames, long swapBytes, SwapTiming timing, SwapDevice device, CoreTime time,
            HostMemoryBudget budget) {
        int n = (int) Math.min(Integer.MAX_VALUE - 8, frames);
        if (n < 4 * timing.cluster()) {
            throw new IllegalArgumentException("linux.memory must hold at least four readahead clusters ("
                    + 4 * timing.cluster() + " pages), got " + frames + " pages");
        }
        this.timing = timing;
        this.device = device;
        this.time = time;
        this.budget = budget;
        this.slotLimit = swapBytes / PAGE;
        bytes = new byte[n][];
        vpageOf = new long[n];
        slotOf = new long[n];
        prev = new int[n];
        next = new int[n];
        list = new byte[n];
        referenced = new boolean[n];
        readAhead = new boolean[n];
        busy = new boolean[n];
        resident.defaultReturnValue(NONE);
        swapped.defaultReturnValue(NONE);
        Arrays.fill(owner, NONE);
        int batch = Math.max(timing.reclaimBatch(), timing.cluster());
        victims = new int[batch];
        run = new byte[batch][];
        want = new int[timing.cluster()];
        reading = new int[timing.cluster()];
    }

    /** A core's translations, dropped when a page leaves memory or loses its referenced mark. */
    public void addCore(PageInvalidationListener l) {
        cores.add(l);
    }

    /** The cores a TLB shootdown interrupts (by default none). */
    public void setOtherCores(OtherCores o) {
        this.others = o;
    }

    // ---- the page store

    @Override
    public byte[] get(long vpage) {
        int f = resident.get(vpage);
        if (f != NONE) {
            return bytes[f];
        }
        long slot = swapped.get(vpage);
        return slot == NONE ? null : copyOfSlot(slot);
    }

    @Override
    public byte[] touch(long vpage) {
        int f = resident.get(vpage);
        if (f != NONE) {
            referenced[f] = true;
            if (readAhead[f]) {
                readAhead[f] = false;
                readAheadHits++;
            }
            return bytes[f];
        }
        long slot = swapped.get(vpage);
        return slot == NONE ? firstTouch(vpage) : swapIn(vpage, slot);
    }

    /** The page was written: its copy in swap is stale, so its slot is freed (it is dirty again). */
    public void dirtied(long vpage) {
        int f = resident.get(vpage);
        if (f != NONE && slotOf[f] != NONE) {
            freeSlot(slotOf[f]);
            slotOf[f] = NONE;
        }
    }

    @Override
    public void removeRange(long startPage, long endPage, LongConsumer removed) {
        for (long vpage : inRange(startPage, endPage)) {
            int f = resident.remove(vpage);
            if (f != NONE) {
                if (slotOf[f] != NONE) {
                    freeSlot(slotOf[f]);
                }
                unlink(f);
                pushFree(f);
            } else {
                freeSlot(swapped.remove(vpage));
            }
            removed.accept(vpage);
        }
    }

    @Override
    public void forEachStored(long startPage, long endPage, VirtualMemory.StoredPage visitor) {
        // Copies: the visitor may touch pages, and a touch may reuse a frame for another page.
        for (long vpage : inRange(startPage, endPage)) {
            int f = resident.get(vpage);
            visitor.visit(vpage, f != NONE ? bytes[f].clone() : copyOfSlot(swapped.get(vpage)));
        }
    }

    @Override
    public long count() {
        return resident.size() + swapped.size();
    }

    // ---- faults

    /** A minor fault: a page never touched gets a zeroed frame. */
    private byte[] firstTouch(long vpage) {
        long start = time.now();
        long t = start + timing.trapTicks() + timing.handlerTicks();
        int f = takeFrame(t);
        t = Math.max(t, doneTick) + timing.zeroTicks();
        Arrays.fill(bytes[f], (byte) 0);
        install(f, vpage, NONE, ACTIVE, true);
        minorFaults++;
        finish(start, t);
        return bytes[f];
    }

    /**
     * A major fault: the page's slot and the other swapped pages of its aligned readahead cluster
     * are read; the thread waits for the request that holds its own page.
     */
    private byte[] swapIn(long vpage, long slot) {
        long start = time.now();
        long t = start + timing.trapTicks() + timing.handlerTicks();
        t = locks.serve(t, timing.lookupTicks()) + timing.lookupTicks();
        int wanted = 0;
        long base = slot & -timing.cluster();
        for (long s = base; s < base + timing.cluster(); s++) {
            if (s == slot || (s < owner.length && owner[(int) s] != NONE && swapped.containsKey(owner[(int) s]))) {
                want[wanted++] = (int) (s - base);
            }
        }
        // The faulting page's frame first; frames being filled are kept from the reclaims that follow.
        int mine = takeFrame(t);
        t = Math.max(t, doneTick);
        install(mine, vpage, slot, INACTIVE, true);
        busy[mine] = true;
        swapped.remove(vpage);
        int frameCount = 0;
        for (int i = 0; i < wanted; i++) {
            long s = base + want[i];
            if (s == slot) {
                reading[frameCount++] = mine;
                continue;
            }
            int f = takeFrame(t);
            t = Math.max(t, doneTick);
            long page = owner[(int) s];
            swapped.remove(page);
            install(f, page, s, INACTIVE, false);
            readAhead[f] = true;
            busy[f] = true;
            readAheadPages++;
            reading[frameCount++] = f;
        }
        // Every page read goes into the swap cache and onto the inactive list, the faulting one too.
        long add = (long) frameCount * timing.cacheAddTicks();
        t = locks.serve(t, add) + add;
        long ready = t;
        long submitted = t;
        // Consecutive slots go in one request; the thread waits for the one with its page.
        for (int i = 0; i < frameCount; ) {
            int j = i + 1;
            while (j < frameCount && slotOf[reading[j]] == slotOf[reading[j - 1]] + 1) {
                j++;
            }
            boolean holdsMine = false;
            for (int k = i; k < j; k++) {
                run[k - i] = bytes[reading[k]];
                holdsMine |= reading[k] == mine;
                busy[reading[k]] = false;
            }
            t += timing.blockTicks();
            long done = device.read(t, slotOf[reading[i]], j - i, run, 0);
            pagesIn += j - i;
            if (holdsMine) {
                ready = done;
                submitted = t;
            }
            i = j;
        }
        majorFaults++;
        ioWaitTicks += ready - submitted;
        finish(start, ready + timing.wakeTicks());
        return bytes[mine];
    }

    private void finish(long start, long end) {
        faultTicks += end - start;
        time.waitUntil(end, StallCause.PAGE_FAULT);
    }

    // ---- frames and reclaim

    /** When the last {@link #takeFrame} had its frame: after the reclaim it did, if any. */
    private long doneTick;

    /** A free frame, reclaiming a batch first when there is none; {@link #doneTick} says when. */
    private int takeFrame(long tick) {
        doneTick = tick;
        if (freeHead == NONE && allocated < bytes.length) {
            budget.take();
            bytes[allocated] = new byte[PAGE];
            pushFree(allocated++);
        }
        if (freeHead == NONE) {
            doneTick = reclaim(tick);
        }
        int f = freeHead;
        freeHead = next[f];
        freeCount--;
        return f;
    }

    /** Evicts up to a batch of pages from the inactive tail; returns the tick the kernel's work ends. */
    private long reclaim(long tick) {
        int count = 0;
        // At most half of memory at once, so the frames a fault is filling are never all that is left.
        int goal = Math.min(timing.reclaimBatch(), (length[INACTIVE] + length[ACTIVE]) / 2);
        // Every page the pass looks at costs a reverse-map walk to test and clear its accessed bit,
        // whether it is then aged, given a second chance or evicted.
        int looked = 0;
        while (count < goal && length[INACTIVE] + length[ACTIVE] > 0) {
            looked++;
            if (length[INACTIVE] == 0 || length[INACTIVE] < length[ACTIVE]) {
                int f = tail[ACTIVE];
                unlink(f);
                referenced[f] = false;
                pushHead(INACTIVE, f);
                dropTranslations(vpageOf[f]);
                continue;
            }
            int f = tail[INACTIVE];
            unlink(f);
            if (referenced[f] || busy[f]) {
                referenced[f] = false;
                pushHead(ACTIVE, f);
                continue;
            }
            victims[count++] = f;
        }
        scanned += looked;
        long t = tick + looked * timing.scanTicks();
        t = locks.serve(t, count * timing.reclaimTicks()) + count * timing.reclaimTicks();
        reclaimPasses++;
        // Dirty victims get fresh slots, in order, so they go out in as few requests as possible.
        int dirty = 0;
        for (int i = 0; i < count; i++) {
            int f = victims[i];
            if (slotOf[f] == NONE) {
                slotOf[f] = allocateSlot(vpageOf[f]);
                run[dirty++] = bytes[f];
            }
        }
        // One shootdown before each dirty page's write-back, one for the clean pages at the end
        // of the pass; the clean one is charged here too, as the frames are free only after it.
        t += shootDown(dirty + (count > dirty ? 1 : 0));
        for (int i = 0, written = 0; i < count; i++) {
            int f = victims[i];
            if (written < dirty && run[written] == bytes[f]) {
                int j = i + 1;
                int n = 1;
                while (j < count && written + n < dirty && run[written + n] == bytes[victims[j]]
                        && slotOf[victims[j]] == slotOf[f] + n) {
                    j++;
                    n++;
                }
                t += timing.blockTicks();
                device.write(t, slotOf[f], n, run, written);
                pagesOut += n;
                written += n;
            }
        }
        for (int i = 0; i < count; i++) {
            int f = victims[i];
            long vpage = vpageOf[f];
            resident.remove(vpage);
            swapped.put(vpage, slotOf[f]);
            dropTranslations(vpage);
            readAhead[f] = false;
            pushFree(f);
        }
        reclaimed += count;
        if (count == 0) {
            throw new IllegalStateException("no page to reclaim");
        }
        return t;
    }

    /** {@code rounds} TLB shootdowns; returns the initiator's time in them (none without other cores). */
    private long shootDown(int rounds) {
        int n = rounds == 0 ? 0 : others.running();
        if (n == 0) {
            return 0;
        }
        // The rounds come one after another at this moment, so each core's flushes are one.
        others.interrupt(rounds * timing.ipiTicks());
        shootdowns += rounds;
        shootdownIpis += (long) rounds * n;
        long spent = rounds * timing.shootdownTicks();
        shootdownTicks += spent;
        return spent;
    }

    private void install(int f, long vpage, long slot, byte where, boolean touched) {
        vpageOf[f] = vpage;
        slotOf[f] = slot;
        referenced[f] = touched;
        readAhead[f] = false;
        resident.put(vpage, f);
        pushHead(where, f);
    }

    private void dropTranslations(long vpage) {
        for (int i = 0; i < cores.size(); i++) {
            cores.get(i).invalidatePage(vpage);
        }
    }

    private void pushFree(int f) {
        list[f] = FREE;
        next[f] = freeHead;
        freeHead = f;
        freeCount++;
    }

    private void pushHead(byte which, int f) {
        list[f] = which;
        prev[f] = NONE;
        next[f] = head[which];
        if (head[which] != NONE) {
            prev[head[which]] = f;
        } else {
            tail[which] = f;
        }
        head[which] = f;
        length[which]++;
    }

    private void unlink(int f) {
        byte which = list[f];
        if (prev[f] != NONE) {
            next[prev[f]] = next[f];
        } else {
            head[which] = next[f];
        }
        if (next[f] != NONE) {
            prev[next[f]] = prev[f];
        } else {
            tail[which] = prev[f];
        }
        length[which]--;
    }

    // ---- swap slots

    /** The next free slot from a cursor that moves on, as Linux fills its swap area cluster by cluster. */
    private long allocateSlot(long vpage) {
        if (slotsUsed >= slotLimit) {
            throw new dev.splitsim.core.host.GuestMemoryExhausted("the swap area (swap.size) is full");
        }
        while (true) {
            if (slotCursor >= owner.length) {
                if (slotsUsed < owner.length / 2) {
                    slotCursor = 0;
                } else {
                    int old = owner.length;
                    owner = Arrays.copyOf(owner, (int) Math.min(Integer.MAX_VALUE - 8, 2L * old));
                    Arrays.fill(owner, old, owner.length, NONE);
                }
            }
            if (owner[(int) slotCursor] == NONE) {
                owner[(int) slotCursor] = vpage;
                slotsUsed++;
                return slotCursor++;
            }
            slotCursor++;
        }
    }

    private void freeSlot(long slot) {
        if (slot != NONE && owner[(int) slot] != NONE) {
            owner[(int) slot] = NONE;
            slotsUsed--;
        }
    }

    private byte[] copyOfSlot(long slot) {
        byte[] b = new byte[PAGE];
        device.space().read(slot * PAGE, b, 0, PAGE);
        return b;
    }

    /** The stored pages of the range, sorted: by probing when the range is short, else from the maps. */
    private long[] inRange(long startPage, long endPage) {
        LongArrayList found = new LongArrayList();
        if (endPage - startPage <= count()) {
            for (long vpage = startPage; vpage < endPage; vpage++) {
                if (resident.containsKey(vpage) || swapped.containsKey(vpage)) {
                    found.add(vpage);
                }
            }
            return found.toLongArray();
        }
        for (long vpage : resident.keySet()) {
            if (vpage >= startPage && vpage < endPage) {
                found.add(vpage);
            }
        }
        for (long vpage : swapped.keySet()) {
            if (vpage >= startPage && vpage < endPage) {
                found.add(vpage);
            }
        }
        long[] sorted = found.toLongArray();
        Arrays.sort(sorted);
        return sorted;
    }

    // ---- inspection

    /** The swap slot holding {@code vpage}'s only copy, or -1 when the page is in memory or was never touched. */
    public long slotOf(long vpage) {
        return swapped.get(vpage);
    }

    /**
     * Test hook: flips a byte of the swap copy of up to {@code most} pages that are in swap only,
     * lowest first; returns how many. A program that reads one of them back must then misbehave.
     */
    public int corruptSwapped(int most) {
        long[] pages = swapped.keySet().toLongArray();
        Arrays.sort(pages);
        int n = 0;
        byte[] b = new byte[1];
        for (int i = 0; i < pages.length && n < most; i++, n++) {
            long at = swapped.get(pages[i]) * PAGE + 64;
            device.space().read(at, b, 0, 1);
            b[0] ^= 0x5a;
            device.space().write(at, b, 0, 1);
        }
        return n;
    }

    public long residentPages() {
        return resident.size();
    }

    public long majorFaults() {
        return majorFaults;
    }

    /** TLB shootdowns that sent IPIs to other cores. */
    public long shootdowns() {
        return shootdowns;
    }

    public long pagesOut() {
        return pagesOut;
    }

    public void registerStats(StatGroup g) {
        g.reading("major_faults", "faults", "faults on pages in swap, served by reading the device", () -> majorFaults);
        g.reading("minor_faults", "faults", "first touches of pages, served with a zeroed frame", () -> minorFaults);
        g.reading("pages_in", "pages", "pages read from swap, readahead included", () -> pagesIn);
        g.reading("pages_out", "pages", "dirty pages written to swap", () -> pagesOut);
        g.reading("readahead_pages", "pages", "pages read only because they shared a cluster with a fault",
                () -> readAheadPages);
        g.reading("readahead_hits", "pages", "readahead pages touched before they were reclaimed",
                () -> readAheadHits);
        g.reading("reclaimed", "pages", "pages evicted from memory", () -> reclaimed);
        g.reading("resident", "pages", "pages in memory now", resident::size);
        g.reading("swapped", "pages", "pages in swap only now", swapped::size);
        g.reading("fault_ps", "ps", "time the cores spent in the fault path, waits included", () -> faultTicks);
        g.reading("lock_wait_ps", "ps", "time faults and reclaim waited for the kernel's swap locks",
                locks::waitTicks);
        g.reading("io_wait_ps", "ps", "time faulting threads waited for the device to read their page",
                () -> ioWaitTicks);
        g.reading("reclaim_passes", "passes", "reclaim passes, each of up to a batch of pages", () -> reclaimPasses);
        g.reading("scanned", "pages", "pages reclaim looked at: aged, given a second chance or evicted", () -> scanned);
        g.reading("shootdowns", "flushes", "TLB shootdowns that interrupted other cores running the process's threads",
                () -> shootdowns);
        g.reading("shootdown_ipis", "IPIs", "interrupts those shootdowns sent, one per other core", () -> shootdownIpis);
        g.reading("shootdown_ps", "ps", "time reclaiming cores waited for the other cores' acks", () -> shootdownTicks);
        g.reading("bytes_moved", "B", "bytes between memory and swap, both ways", () -> (pagesIn + pagesOut) * PAGE);
        device.registerStats(g);
    }
}
