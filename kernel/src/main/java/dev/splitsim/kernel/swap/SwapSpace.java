package dev.splitsim.kernel.swap;

import dev.splitsim.core.host.HostMemoryBudget;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.fabric.verbs.RegionMemory;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;

/**
 * The bytes of a swap area, addressed as the device sees them (slot n at n * 4 KiB): sparse, a
 * host page for each page of swap ever written, taken from the host's budget. A block device keeps
 * its swap here; so does InfiniSwap's remote memory, which its NIC reaches by DMA. A swapped-out
 * page exists nowhere else, so a bug in the swap path changes what the program computes.
 */
public final class SwapSpace implements RegionMemory {
    private static final int PAGE = PageProvider.PAGE_SIZE;
    private static final int SHIFT = PageProvider.PAGE_SHIFT;

    private final Long2ObjectOpenHashMap<byte[]> pages = new Long2ObjectOpenHashMap<>();
    private final HostMemoryBudget budget;

    public SwapSpace(HostMemoryBudget budget) {
        this.budget = budget;
    }

    @Override
    public void read(long address, byte[] into, int offset, int length) {
        copy(address, into, offset, length, false);
    }

    @Override
    public void write(long address, byte[] from, int offset, int length) {
        copy(address, from, offset, length, true);
    }

    /** Page by page; a page never written reads as zeros and is created by its first write. */
    private void copy(long address, byte[] buffer, int offset, int length, boolean write) {
        for (int done = 0; done < length; ) {
            long a = address + done;
            int off = (int) (a & (PAGE - 1));
            int n = Math.min(length - done, PAGE - off);
            byte[] p = pages.get(a >>> SHIFT);
            if (p == null && write) {
                budget.take();
                p = new byte[PAGE];
                pages.put(a >>> SHIFT, p);
            }
            if (p == null) {
                java.util.Arrays.fill(buffer, offset + done, offset + done + n, (byte) 0);
            } else if (write) {
                System.arraycopy(buffer, offset + done, p, off, n);
            } else {
                System.arraycopy(p, off, buffer, offset + done, n);
            }
            done += n;
        }
    }

    /** Slot {@code slot}'s page as stored, for inspection; null when never written. */
    public byte[] slot(long slot) {
        return pages.get(slot);
    }

    /** Pages of swap that hold bytes. */
    public long pagesHeld() {
        return pages.size();
    }
}
