package dev.splitsim.kernel.memory;

import dev.splitsim.cpu.mem.PageProvider;

/**
 * The memory side of a process as the debugger and tests see it: the areas its home monitor owns
 * and each page's bytes in the frames of its region's owner. An inspection from outside the
 * machine (no cost, no message, no region placed, nothing created); no component uses it.
 */
public final class MemorySideView implements PageProvider {
    private final int pid;
    private final VirtualMemory home;
    private final GlobalMemoryManager manager;

    public MemorySideView(int pid, VirtualMemory home, GlobalMemoryManager manager) {
        this.pid = pid;
        this.home = home;
        this.manager = manager;
    }

    /** The page's bytes where they are held; null when the page was never stored. */
    public byte[] stored(long vpage) {
        MemoryComponent owner = manager.placedOwner(vpage << PAGE_SHIFT);
        return owner == null ? null : owner.get(pid, vpage);
    }

    /** Pages stored for the process on every component. */
    public long pagesStored() {
        long n = 0;
        for (MemoryComponent c : manager.components()) {
            n += c.pages(pid);
        }
        return n;
    }

    @Override
    public byte[] peek(long vpage) {
        if (home.areas().areaAt(vpage << PAGE_SHIFT) == null) {
            return null;
        }
        byte[] p = stored(vpage);
        return p != null ? p : new byte[PAGE_SIZE];
    }

    /** Inspection only: the same as {@link #peek}, whatever the access. */
    @Override
    public byte[] page(long vpage, int access) {
        return peek(vpage);
    }
}
