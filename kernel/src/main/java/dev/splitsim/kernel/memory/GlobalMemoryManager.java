package dev.splitsim.kernel.memory;

import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import java.util.List;

/**
 * Splits virtual address space into 1 GiB regions and places each region on a memory component
 * the first time it is needed (docs/reference.md, LegoOS memory components): round-robin, or the component with
 * the most free frames. Misses and flushes go to a region's owner; brk/mmap/munmap go to the
 * process's home component.
 */
public final class GlobalMemoryManager implements RegionMap {
    public static final int REGION_SHIFT = 30;

    private final List<MemoryComponent> components;
    private final boolean mostFree;
    private final Long2IntOpenHashMap owners = new Long2IntOpenHashMap();
    private int nextRoundRobin;

    public GlobalMemoryManager(List<MemoryComponent> components, String policy) {
        if (components.isEmpty()) {
            throw new IllegalArgumentException("at least one memory component");
        }
        this.components = List.copyOf(components);
        this.mostFree = policy.equals("most-free");
        owners.defaultReturnValue(-1);
    }

    public List<MemoryComponent> components() {
        return components;
    }

    /** The home memory component of an address space. */
    public MemoryComponent home(int asid) {
        return components.get(Math.floorMod(asid, components.size()));
    }

    /** The component owning the region of {@code vaddr}, placing the region on first use. */
    public MemoryComponent owner(long vaddr) {
        return components.get(ownerIndex(vaddr));
    }

    /** The index of the component owning the region of {@code vaddr}, placing the region on first use. */
    public int ownerIndex(long vaddr) {
        long region = vaddr >>> REGION_SHIFT;
        int o = owners.get(region);
        if (o < 0) {
            o = place();
            owners.put(region, o);
        }
        return o;
    }

    /** The owner of the region of {@code vaddr} without placing it (for inspection); null when not placed. */
    public MemoryComponent placedOwner(long vaddr) {
        int o = owners.get(vaddr >>> REGION_SHIFT);
        return o < 0 ? null : components.get(o);
    }

    @Override
    public int ownerNode(long vaddr) {
        return node(ownerIndex(vaddr));
    }

    @Override
    public int homeNode(int pid) {
        return home(pid).node();
    }

    /** The fabric node of component {@code index}. */
    public int node(int index) {
        return components.get(index).node();
    }

    private int place() {
        if (!mostFree) {
            int o = nextRoundRobin;
            nextRoundRobin = (nextRoundRobin + 1) % components.size();
            return o;
        }
        int best = 0;
        for (int i = 1; i < components.size(); i++) {
            if (components.get(i).framesFree() > components.get(best).framesFree()) {
                best = i;
            }
        }
        return best;
    }

    public void registerStats(StatsRegistry registry) {
        StatGroup g = registry.group("memory", "the memory components, summed");
        g.reading("components", "components", "memory components", components::size);
        g.reading("regions", "regions", "1 GiB regions placed", owners::size);
        g.reading("page_walks", "walks", "page-table walks (component TLB misses)",
                () -> components.stream().mapToLong(c -> c.walks).sum());
        g.reading("walk_levels", "levels", "page-table levels read by walks",
                () -> components.stream().mapToLong(c -> c.walkLevels).sum());
        g.reading("tlb_hits", "lookups", "component TLB hits", () -> components.stream().mapToLong(c -> c.tlbHits()).sum());
        g.reading("tlb_misses", "lookups", "component TLB misses",
                () -> components.stream().mapToLong(c -> c.tlbMisses()).sum());
        g.reading("misses_served", "requests", "ExCache misses served",
                () -> components.stream().mapToLong(c -> c.missesServed).sum());
        g.reading("flushes_served", "requests", "dirty lines written back (alone or piggybacked)",
                () -> components.stream().mapToLong(c -> c.flushesServed).sum());
        g.reading("persisted_bytes", "bytes", "bytes of written-back lines made durable before their acknowledgement",
                () -> components.stream().mapToLong(c -> c.persistedBytes).sum());
        g.reading("persist_ps", "ps", "time spent making written-back lines durable",
                () -> components.stream().mapToLong(c -> c.persistTicks).sum());
        g.reading("monitor_queued", "requests", "requests that waited for a free memory monitor worker",
                () -> components.stream().mapToLong(MemoryComponent::requestsQueued).sum());
        g.reading("monitor_wait_ps", "ps", "time requests waited for a free memory monitor worker",
                () -> components.stream().mapToLong(MemoryComponent::monitorWaitTicks).sum());
        g.reading("frames_in_use", "frames", "physical frames allocated (data and page tables)",
                () -> components.stream().mapToLong(MemoryComponent::framesInUse).sum());
        for (MemoryComponent c : components) {
            g.reading(c.name() + ".frames_in_use", "frames", "frames allocated on memory component " + c.name(),
                    c::framesInUse);
        }
    }
}
