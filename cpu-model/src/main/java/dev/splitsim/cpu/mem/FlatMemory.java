package dev.splitsim.cpu.mem;

/**
 * Physical memory as a bare-metal program sees it: one RAM range starting at {@code base}, every
 * byte readable, writable and executable, pages allocated on first touch. Outside the range
 * there is nothing, and the hart takes an access fault.
 */
public final class FlatMemory implements PageProvider {
    private final long basePage;
    private final byte[][] pages;

    public FlatMemory(long base, long size) {
        if ((base & (PAGE_SIZE - 1)) != 0 || size <= 0 || (size & (PAGE_SIZE - 1)) != 0) {
            throw new IllegalArgumentException("RAM base and size must be positive multiples of the page size");
        }
        long count = size >>> PAGE_SHIFT;
        if (count > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("RAM too large: " + size + " bytes");
        }
        this.basePage = base >>> PAGE_SHIFT;
        this.pages = new byte[(int) count][];
    }

    @Override
    public byte[] page(long vpage, int access) {
        long i = vpage - basePage;
        if (i < 0 || i >= pages.length) {
            return null;
        }
        byte[] p = pages[(int) i];
        if (p == null) {
            p = new byte[PAGE_SIZE];
            pages[(int) i] = p;
        }
        return p;
    }

    public boolean contains(long address, long length) {
        long start = basePage << PAGE_SHIFT;
        long end = start + ((long) pages.length << PAGE_SHIFT);
        return length >= 0 && address >= start && address <= end - length;
    }

    /** Copies bytes in, as a loader does; the range must be inside RAM. */
    public void write(long address, byte[] data, int offset, int length) {
        if (!contains(address, length)) {
            throw new IllegalArgumentException(String.format("0x%x..+%d is outside RAM", address, length));
        }
        for (int i = 0; i < length; i++) {
            long a = address + i;
            page(a >>> PAGE_SHIFT, WRITE)[(int) a & (PAGE_SIZE - 1)] = data[offset + i];
        }
    }

    public long readLong(long address) {
        long v = 0;
        for (int i = 7; i >= 0; i--) {
            long a = address + i;
            byte[] p = page(a >>> PAGE_SHIFT, READ);
            v = (v << 8) | (p == null ? 0 : p[(int) a & (PAGE_SIZE - 1)] & 0xff);
        }
        return v;
    }

    public void writeLong(long address, long value) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (value >>> (8 * i));
        }
        write(address, b, 0, 8);
    }
}
