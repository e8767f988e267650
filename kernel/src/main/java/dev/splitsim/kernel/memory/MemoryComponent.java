package dev.splitsim.kernel.memory;

import dev.splitsim.core.event.Resource;
import dev.splitsim.core.host.HostMemoryBudget;
import dev.splitsim.mem.phys.FrameAllocator;
import dev.splitsim.mem.phys.PhysicalMemory;
import dev.splitsim.mem.vm.ComponentTlb;
import dev.splitsim.mem.vm.PageTable;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * One memory component: sparse physical memory, a frame allocator, a page table per address space
 * kept in that memory, and the MMU's TLB in front of it. The memory monitor's work on it (serving a
 * miss, a flush, an allocation) goes through {@link #translate}, which also says what the
 * translation cost.
 */
public final class MemoryComponent {
    private final int index;
    private final String name;
    private final int node;
    private final PhysicalMemory physical;
    private final FrameAllocator frames;
    private final ComponentTlb tlb;
    private final MemoryTiming timing;
    private final Int2ObjectOpenHashMap<PageTable> tables = new Int2ObjectOpenHashMap<>();
    /** The memory monitor's worker threads; a request goes to the one free soonest. */
    private final Resource[] workers;
    long walks;
    long walkLevels;
    long missesServed;
    long flushesServed;
    long persistedBytes;
    long persistTicks;

    public MemoryComponent(int index, String name, int node, long capacityBytes, int tlbEntries, MemoryTiming timing,
            int workers) {
        this(index, name, node, capacityBytes, tlbEntries, timing, workers, HostMemoryBudget.unlimited());
    }

    /** A component whose frames, while the host backs them, take pages of {@code budget}. */
    public MemoryComponent(int index, String name, int node, long capacityBytes, int tlbEntries, MemoryTiming timing,
            int workers, HostMemoryBudget budget) {
        if (workers < 1) {
            throw new IllegalArgumentException("memory.monitor_workers must be at least 1, got " + workers);
        }
        this.workers = new Resource[workers];
        for (int i = 0; i < workers; i++) {
            this.workers[i] = new Resource(name + ".worker" + i);
        }
        this.index = index;
        this.name = name;
        this.node = node;
        this.physical = new PhysicalMemory(capacityBytes, budget);
        this.frames = new FrameAllocator(physical);
        this.tlb = new ComponentTlb(tlbEntries);
        this.timing = timing;
    }

    public int index() {
        return index;
    }

    /** The component's name in the topology (its fabric node's name). */
    public String name() {
        return name;
    }

    /** The component's fabric node. */
    public int node() {
        return node;
    }

    public MemoryTiming timing() {
        return timing;
    }

    /** The worker that is free soonest (the lowest-numbered on a tie). */
    public int pickWorker() {
        return Resource.soonestFree(workers);
    }

    public Resource worker(int i) {
        return workers[i];
    }

    public int workers() {
        return workers.length;
    }

    /** Time requests waited for a free memory monitor worker, in ticks. */
    public long monitorWaitTicks() {
        long t = 0;
        for (Resource r : workers) {
            t += r.waitTicks();
        }
        return t;
    }

    public long requestsQueued() {
        long n = 0;
        for (Resource r : workers) {
            n += r.jobsWaited();
        }
        return n;
    }

    private PageTable table(int asid) {
        PageTable t = tables.get(asid);
        if (t == null) {
            t = new PageTable(physical, frames);
            tables.put(asid, t);
        }
        return t;
    }

    /** The page's frame bytes, or null when the page has none; no cost, no TLB change. */
    public byte[] get(int asid, long vpage) {
        PageTable t = tables.get(asid);
        if (t == null) {
            return null;
        }
        long pte = t.walk(vpage);
        return pte == 0 ? null : physical.frame(PageTable.pfn(pte));
    }

    /** The page's frame bytes, allocating a zeroed frame on first touch; no cost. */
    public byte[] touch(int asid, long vpage) {
        PageTable t = table(asid);
        long pte = t.walk(vpage);
        if (pte != 0) {
            return physical.frame(PageTable.pfn(pte));
        }
        long pfn = frames.allocate();
        if (pfn < 0 || !t.map(vpage, pfn, 7)) {
            if (pfn >= 0) {
                frames.free(pfn);
            }
            throw new MemoryComponentFullException("memory component " + index + " is out of physical memory ("
                    + physical.capacityFrames() * PhysicalMemory.FRAME_SIZE + " bytes; raise memory.size)");
        }
        return physical.frame(pfn);
    }

    /**
     * Frees the frames of every page of {@code asid} held here in [startPage, endPage), telling
     * {@code removed} of each; absent tables are skipped whole.
     */
    public void removeRange(int asid, long startPage, long endPage, java.util.function.LongConsumer removed) {
        PageTable t = tables.get(asid);
        if (t == null) {
            return;
        }
        t.unmapRange(startPage, endPage, (vpage, pte) -> {
            frames.free(PageTable.pfn(pte));
            tlb.invalidate(asid, vpage);
            removed.accept(vpage);
        });
    }

    /** The physical address of the frame holding {@code vpage}, or -1 when it has none; no cost. */
    public long frameAddress(int asid, long vpage) {
        PageTable t = tables.get(asid);
        long pte = t == null ? 0 : t.walk(vpage);
        return pte == 0 ? -1 : PageTable.pfn(pte) << PhysicalMemory.FRAME_SHIFT;
    }

    /** The component's physical memory as its NIC reaches it by DMA (for one-sided verbs). */
    public dev.splitsim.fabric.verbs.RegionMemory nicView() {
        return new dev.splitsim.fabric.verbs.PagedMemory() {
            @Override
            protected byte[] page(long pfn) {
                return physical.frame(pfn);
            }
        };
    }

    /** Bytes of physical memory: what a one-sided region over all of it covers. */
    public long capacityBytes() {
        return physical.capacityFrames() << PhysicalMemory.FRAME_SHIFT;
    }

    /** Visits the pages of {@code asid} held here in [startPage, endPage) with their frames' bytes, in address order. */
    public void forEachPage(int asid, long startPage, long endPage, VirtualMemory.StoredPage visitor) {
        PageTable t = tables.get(asid);
        if (t != null) {
            t.forEachMapped(startPage, endPage, (vpage, pte) -> visitor.visit(vpage, physical.frame(PageTable.pfn(pte))));
        }
    }

    /**
     * The cost of translating {@code vpage} for the monitor: a TLB hit, or a walk charged per level
     * read. Fills the TLB when the page is mapped.
     */
    public long translate(int asid, long vpage) {
        if (tlb.lookup(asid, vpage) != 0) {
            return timing.tlbTicks();
        }
        PageTable t = tables.get(asid);
        if (t == null) {
            walks++;
            walkLevels++;
            return timing.tlbTicks() + timing.walkLevelTicks();
        }
        long pte = t.walk(vpage);
        int levels = t.lastWalkLevels();
        walks++;
        walkLevels += levels;
        if (pte != 0) {
            tlb.insert(asid, vpage, pte);
        }
        return timing.tlbTicks() + levels * timing.walkLevelTicks();
    }

    /** The page table walk of {@code vpage} in this component, for inspection; empty when the process has no table here. */
    public java.util.List<String> describeTranslation(int asid, long vpage) {
        PageTable t = tables.get(asid);
        return t == null ? java.util.List.of() : t.describeWalk(vpage);
    }

    /** Whether the component's TLB holds {@code vpage} now (no statistics change). */
    public boolean tlbHolds(int asid, long vpage) {
        return tlb.peek(asid, vpage);
    }

    public void countMissServed(boolean withFlush) {
        missesServed++;
        if (withFlush) {
            flushesServed++;
        }
    }

    public void countFlushServed() {
        flushesServed++;
    }

    public void countPersisted(long bytes, long ticks) {
        persistedBytes += bytes;
        persistTicks += ticks;
    }

    public long pages(int asid) {
        PageTable t = tables.get(asid);
        return t == null ? 0 : t.mappedPages();
    }

    public long framesInUse() {
        return frames.framesInUse();
    }

    public long framesFree() {
        return frames.framesFree();
    }

    public long tlbHits() {
        return tlb.hits();
    }

    public long tlbMisses() {
        return tlb.misses();
    }
}
