package dev.splitsim.kernel.memory;

import dev.splitsim.cpu.mem.PageProvider;

/** An address space's pages at the memory components: each page lives with its region's owner. */
public final class RegionPageStore implements VirtualMemory.PageStore {
    private final int asid;
    private final GlobalMemoryManager manager;

    public RegionPageStore(int asid, GlobalMemoryManager manager) {
        this.asid = asid;
        this.manager = manager;
    }

    private MemoryComponent owner(long vpage) {
        return manager.owner(vpage << PageProvider.PAGE_SHIFT);
    }

    @Override
    public byte[] get(long vpage) {
        return owner(vpage).get(asid, vpage);
    }

    @Override
    public byte[] touch(long vpage) {
        return owner(vpage).touch(asid, vpage);
    }

    @Override
    public boolean remove(long vpage) {
        return owner(vpage).remove(asid, vpage);
    }

    @Override
    public long count() {
        long n = 0;
        for (MemoryComponent c : manager.components()) {
            n += c.pages(asid);
        }
        return n;
    }
}
