package dev.splitsim.kernel.memory;

import dev.splitsim.cpu.mem.PageProvider;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.util.function.LongConsumer;

/**
 * A process's pages as its home memory monitor reaches them: pages in regions this component owns
 * are its own frames; pages in a peer's regions are never touched here. What a call writes there
 * is staged in {@link PeerUpdates} and leaves in the call's M2M_UPDATE; what it must read there
 * (mremap moving an area) arrived before in M2M_PAGES and is held as {@link #borrow borrowed}
 * pages for the call.
 */
final class HomePages implements VirtualMemory.PageStore {
    private final int pid;
    private final MemoryComponent self;
    private final GlobalMemoryManager manager;
    private final PeerUpdates updates;
    private final Long2ObjectOpenHashMap<byte[]> borrowed = new Long2ObjectOpenHashMap<>();

    HomePages(int pid, MemoryComponent self, GlobalMemoryManager manager) {
        this.pid = pid;
        this.self = self;
        this.manager = manager;
        this.updates = new PeerUpdates(manager.components().size(), self.index());
    }

    PeerUpdates updates() {
        return updates;
    }

    /** A peer's page, lent for the current call. */
    void borrow(long vpage, byte[] bytes) {
        borrowed.put(vpage, bytes);
    }

    /** The call is answered: its staged and borrowed pages are gone. */
    void callDone() {
        updates.clear();
        borrowed.clear();
    }

    private int owner(long vpage) {
        return manager.ownerIndex(vpage << PageProvider.PAGE_SHIFT);
    }

    @Override
    public byte[] get(long vpage) {
        int o = owner(vpage);
        if (o == self.index()) {
            return self.get(pid, vpage);
        }
        byte[] p = updates.written(o, vpage);
        return p != null ? p : borrowed.get(vpage);
    }

    @Override
    public byte[] touch(long vpage) {
        int o = owner(vpage);
        return o == self.index() ? self.touch(pid, vpage) : updates.page(o, vpage);
    }

    @Override
    public void removeRange(long startPage, long endPage, LongConsumer removed) {
        self.removeRange(pid, startPage, endPage, removed);
        updates.dropEverywhere(startPage, endPage);
        borrowed.keySet().removeIf((long vpage) -> vpage >= startPage && vpage < endPage);
    }

    @Override
    public void forEachStored(long startPage, long endPage, VirtualMemory.StoredPage visitor) {
        self.forEachPage(pid, startPage, endPage, visitor);
        for (int c = 0; c < updates.components(); c++) {
            if (c != self.index()) {
                updates.forEachWritten(c, startPage, endPage, visitor);
            }
        }
        if (!borrowed.isEmpty()) {
            long[] lent = borrowed.keySet().toLongArray();
            java.util.Arrays.sort(lent);
            for (long vpage : lent) {
                if (vpage >= startPage && vpage < endPage) {
                    visitor.visit(vpage, borrowed.get(vpage));
                }
            }
        }
    }

    /** Pages held at this component; a peer's are counted by the peer. */
    @Override
    public long count() {
        return self.pages(pid);
    }
}
