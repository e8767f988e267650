package dev.splitsim.fabric.verbs;

/**
 * Memory a NIC reaches as a run of 4 KiB pages kept apart on the host (a memory component's frames,
 * an ExCache's slots): a DMA that crosses pages is split at their edges.
 */
public abstract class PagedMemory implements RegionMemory {
    private static final int PAGE_SHIFT = 12;
    private static final int PAGE_SIZE = 1 << PAGE_SHIFT;

    /** The bytes of page {@code index} (address {@code index * 4096}). */
    protected abstract byte[] page(long index);

    @Override
    public final void read(long address, byte[] into, int offset, int length) {
        copy(address, into, offset, length, false);
    }

    @Override
    public final void write(long address, byte[] from, int offset, int length) {
        copy(address, from, offset, length, true);
    }

    private void copy(long address, byte[] bytes, int offset, int length, boolean write) {
        while (length > 0) {
            byte[] page = page(address >>> PAGE_SHIFT);
            int at = (int) address & (PAGE_SIZE - 1);
            int n = Math.min(length, PAGE_SIZE - at);
            if (write) {
                System.arraycopy(bytes, offset, page, at, n);
            } else {
                System.arraycopy(page, at, bytes, offset, n);
            }
            address += n;
            offset += n;
            length -= n;
        }
    }
}
