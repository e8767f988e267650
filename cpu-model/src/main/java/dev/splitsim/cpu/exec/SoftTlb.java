package dev.splitsim.cpu.exec;

import dev.splitsim.cpu.mem.PageInvalidationListener;
import dev.splitsim.cpu.mem.PageProvider;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * The hart's only way to data memory: a direct-mapped table from virtual page to the page's
 * {@code byte[]}, one for reads and one for writes, filled from the {@link PageProvider} on a miss.
 * A hit is a tag compare and an array access; everything unusual (miss, page crossing, misaligned
 * access, fault) goes to the slow path.
 *
 * <p>A page enters the write table only after its decoded instructions are dropped, and the decode
 * cache drops a page from the write table when it decodes it, so every store to code is seen.
 */
final class SoftTlb implements PageInvalidationListener {
    static final VarHandle LE16 = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LE32 = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final int BITS = 13;
    private static final int SIZE = 1 << BITS;
    private static final int MASK = SIZE - 1;
    private static final int OFFSET_MASK = PageProvider.PAGE_SIZE - 1;
    private static final long NO_PAGE = -1L;

    private final long[] readTag = new long[SIZE];
    private final byte[][] readPage = new byte[SIZE][];
    private final long[] writeTag = new long[SIZE];
    private final byte[][] writePage = new byte[SIZE][];
    private final PageProvider provider;
    private final Trap trap;
    DecodeCache code;
    /** Told before an access leaves for its page, so a block being timed is timed up to it first. */
    Hart owner;
    /** -1 to check alignment, 0 when misaligned accesses are done in software (Linux user mode). */
    private long alignCheck = -1L;
    /** Page faults (Linux view) or access faults (bare metal, flat memory). */
    boolean pageFaults;

    SoftTlb(PageProvider provider, Trap trap) {
        this.provider = provider;
        this.trap = trap;
        invalidateAll();
    }

    void setMisalignedAllowed(boolean allowed) {
        alignCheck = allowed ? 0L : -1L;
    }

    boolean misalignedAllowed() {
        return alignCheck == 0L;
    }

    long lb(long a) {
        long vp = a >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        if (readTag[s] == vp) {
            return readPage[s][(int) a & OFFSET_MASK];
        }
        return (byte) loadSlow(a, 1);
    }

    long lbu(long a) {
        long vp = a >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        if (readTag[s] == vp) {
            return readPage[s][(int) a & OFFSET_MASK] & 0xffL;
        }
        return loadSlow(a, 1);
    }

    long lh(long a) {
        long vp = a >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        int off = (int) a & OFFSET_MASK;
        if (readTag[s] == vp && off <= OFFSET_MASK - 1 && (a & 1 & alignCheck) == 0) {
            return (short) LE16.get(readPage[s], off);
        }
        return (short) loadSlow(a, 2);
    }

    long lhu(long a) {
        return lh(a) & 0xffffL;
    }

    long lw(long a) {
        long vp = a >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        int off = (int) a & OFFSET_MASK;
        if (readTag[s] == vp && off <= OFFSET_MASK - 3 && (a & 3 & alignCheck) == 0) {
            return (int) LE32.get(readPage[s], off);
        }
        return (int) loadSlow(a, 4);
    }

    long lwu(long a) {
        return lw(a) & 0xffffffffL;
    }

    long ld(long a) {
        long vp = a >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        int off = (int) a & OFFSET_MASK;
        if (readTag[s] == vp && off <= OFFSET_MASK - 7 && (a & 7 & alignCheck) == 0) {
            return (long) LE64.get(readPage[s], off);
        }
        return loadSlow(a, 8);
    }

    void sb(long a, long v) {
        long vp = a >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        if (writeTag[s] == vp) {
            writePage[s][(int) a & OFFSET_MASK] = (byte) v;
            return;
        }
        storeSlow(a, v, 1);
    }

    void sh(long a, long v) {
        long vp = a >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        int off = (int) a & OFFSET_MASK;
        if (writeTag[s] == vp && off <= OFFSET_MASK - 1 && (a & 1 & alignCheck) == 0) {
            LE16.set(writePage[s], off, (short) v);
            return;
        }
        storeSlow(a, v, 2);
    }

    void sw(long a, long v) {
        long vp = a >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        int off = (int) a & OFFSET_MASK;
        if (writeTag[s] == vp && off <= OFFSET_MASK - 3 && (a & 3 & alignCheck) == 0) {
            LE32.set(writePage[s], off, (int) v);
            return;
        }
        storeSlow(a, v, 4);
    }

    void sd(long a, long v) {
        long vp = a >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        int off = (int) a & OFFSET_MASK;
        if (writeTag[s] == vp && off <= OFFSET_MASK - 7 && (a & 7 & alignCheck) == 0) {
            LE64.set(writePage[s], off, v);
            return;
        }
        storeSlow(a, v, 8);
    }

    /**
     * The page an atomic memory operation of {@code size} bytes at {@code a} works on, checked for
     * write permission; atomics must be naturally aligned even where plain accesses need not be.
     */
    byte[] atomicPage(long a, int size) {
        if ((a & (size - 1)) != 0) {
            throw trap.raise(Trap.MISALIGNED_STORE, a);
        }
        long vp = a >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        if (writeTag[s] == vp) {
            return writePage[s];
        }
        return fillWrite(vp, a);
    }

    /** LR needs only read permission, but natural alignment. */
    long loadReserved(long a, int size) {
        if ((a & (size - 1)) != 0) {
            throw trap.raise(Trap.MISALIGNED_LOAD, a);
        }
        return size == 4 ? lw(a) : ld(a);
    }

    private long loadSlow(long a, int size) {
        if ((a & (size - 1) & alignCheck) != 0) {
            throw trap.raise(Trap.MISALIGNED_LOAD, a);
        }
        int off = (int) a & OFFSET_MASK;
        if (off + size > PageProvider.PAGE_SIZE) {
            long v = 0;
            for (int i = size - 1; i >= 0; i--) {
                v = (v << 8) | lbu(a + i);
            }
            return v;
        }
        byte[] page = fillRead(a >>> PageProvider.PAGE_SHIFT, a);
        switch (size) {
            case 1: return page[off] & 0xffL;
            case 2: return (short) LE16.get(page, off) & 0xffffL;
            case 4: return (int) LE32.get(page, off) & 0xffffffffL;
            default: return (long) LE64.get(page, off);
        }
    }

    private void storeSlow(long a, long v, int size) {
        if ((a & (size - 1) & alignCheck) != 0) {
            throw trap.raise(Trap.MISALIGNED_STORE, a);
        }
        int off = (int) a & OFFSET_MASK;
        if (off + size > PageProvider.PAGE_SIZE) {
            // Check both pages before writing either, so a faulting store changes nothing.
            fillWrite(a >>> PageProvider.PAGE_SHIFT, a);
            fillWrite((a + size - 1) >>> PageProvider.PAGE_SHIFT, a + size - 1);
            for (int i = 0; i < size; i++) {
                sb(a + i, v >>> (8 * i));
            }
            return;
        }
        byte[] page = fillWrite(a >>> PageProvider.PAGE_SHIFT, a);
        switch (size) {
            case 1: page[off] = (byte) v; break;
            case 2: LE16.set(page, off, (short) v); break;
            case 4: LE32.set(page, off, (int) v); break;
            default: LE64.set(page, off, v); break;
        }
    }

    private byte[] fillRead(long vp, long a) {
        owner.beforeDataFill();
        byte[] page = provider.page(vp, PageProvider.READ);
        if (page == PageProvider.PENDING) {
            throw trap.raise(Trap.PENDING, a);
        }
        if (page == null) {
            throw trap.raise(pageFaults ? Trap.LOAD_PAGE_FAULT : Trap.LOAD_ACCESS, a);
        }
        int s = (int) vp & MASK;
        readTag[s] = vp;
        readPage[s] = page;
        return page;
    }

    private byte[] fillWrite(long vp, long a) {
        owner.beforeDataFill();
        byte[] page = provider.page(vp, PageProvider.WRITE);
        if (page == PageProvider.PENDING) {
            throw trap.raise(Trap.PENDING, a);
        }
        if (page == null) {
            throw trap.raise(pageFaults ? Trap.STORE_PAGE_FAULT : Trap.STORE_ACCESS, a);
        }
        code.dropPage(vp);
        int s = (int) vp & MASK;
        writeTag[s] = vp;
        writePage[s] = page;
        return page;
    }

    /** Reads for the simulator itself (fault reports, debuggers): no trap, -1 when unreadable. */
    int peekHalf(long a) {
        if ((a & OFFSET_MASK) == OFFSET_MASK) {
            int lo = peekByte(a);
            int hi = peekByte(a + 1);
            return lo < 0 || hi < 0 ? -1 : lo | (hi << 8);
        }
        byte[] page = provider.peek(a >>> PageProvider.PAGE_SHIFT);
        return page == null ? -1 : (short) LE16.get(page, (int) a & OFFSET_MASK) & 0xffff;
    }

    private int peekByte(long a) {
        byte[] page = provider.peek(a >>> PageProvider.PAGE_SHIFT);
        return page == null ? -1 : page[(int) a & OFFSET_MASK] & 0xff;
    }

    void dropWrite(long vp) {
        int s = (int) vp & MASK;
        if (writeTag[s] == vp) {
            writeTag[s] = NO_PAGE;
            writePage[s] = null;
        }
    }

    @Override
    public void invalidatePage(long vp) {
        int s = (int) vp & MASK;
        if (readTag[s] == vp) {
            readTag[s] = NO_PAGE;
            readPage[s] = null;
        }
        dropWrite(vp);
        if (code != null) {
            code.dropPage(vp);
        }
    }

    @Override
    public void invalidateAll() {
        Arrays.fill(readTag, NO_PAGE);
        Arrays.fill(readPage, null);
        Arrays.fill(writeTag, NO_PAGE);
        Arrays.fill(writePage, null);
        if (code != null) {
            code.flush();
        }
    }
}
