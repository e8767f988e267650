package dev.splitsim.cpu.exec;

import dev.splitsim.cpu.isa.Decoder;
import dev.splitsim.cpu.mem.PageProvider;
import java.util.Arrays;

/**
 * Decoded instructions per code page, so each instruction is decoded once. Direct-mapped by
 * virtual page; each entry holds one decoded {@code long} per 2-byte slot of the page (RVC lets an
 * instruction start at any even address). A slot of 0 means "not decoded yet".
 *
 * <p>Decoding a page removes it from the soft TLB's write table, so the next store to it takes
 * the slow path, which drops the decoded page again: code that writes code stays correct without
 * waiting for fence.i.
 */
final class DecodeCache {
    private static final int BITS = 8;
    private static final int SIZE = 1 << BITS;
    private static final int MASK = SIZE - 1;
    private static final int SLOTS = PageProvider.PAGE_SIZE / 2;
    private static final long NO_PAGE = -1L;

    private final long[] tag = new long[SIZE];
    private final long[][] decoded = new long[SIZE][SLOTS];
    private final byte[][] bytes = new byte[SIZE][];
    /** Changes whenever a decoded page is dropped or replaced, so a caller holding one re-fetches it. */
    int epoch;
    private final PageProvider provider;
    private final SoftTlb data;
    private final Trap trap;

    DecodeCache(PageProvider provider, SoftTlb data, Trap trap) {
        this.provider = provider;
        this.data = data;
        this.trap = trap;
        Arrays.fill(tag, NO_PAGE);
    }

    /**
     * The decoded slots of the page holding {@code pc}, filled first when absent; a slot of 0 is
     * decoded by {@link #fetch}. Valid until {@link #epoch} changes.
     */
    long[] slots(long pc) {
        long vp = pc >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        if (tag[s] != vp) {
            fill(vp, s, pc);
        }
        return decoded[s];
    }

    /** The decoded instruction at {@code pc}; raises a fetch fault when the page is not executable. */
    long fetch(long pc) {
        long vp = pc >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        if (tag[s] != vp) {
            fill(vp, s, pc);
        }
        int slot = ((int) pc & (PageProvider.PAGE_SIZE - 1)) >>> 1;
        long d = decoded[s][slot];
        if (d == 0) {
            d = decodeSlot(s, slot, pc);
        }
        return d;
    }

    private void fill(long vp, int s, long pc) {
        byte[] page = provider.page(vp, PageProvider.EXECUTE);
        if (page == PageProvider.PENDING) {
            throw trap.raise(Trap.PENDING, pc);
        }
        if (page == null) {
            throw trap.raise(data.pageFaults ? Trap.FETCH_PAGE_FAULT : Trap.FETCH_ACCESS, pc);
        }
        data.dropWrite(vp);
        epoch++;
        tag[s] = vp;
        bytes[s] = page;
        Arrays.fill(decoded[s], 0L);
    }

    private long decodeSlot(int s, int slot, long pc) {
        byte[] page = bytes[s];
        int lo = (short) SoftTlb.LE16.get(page, slot << 1) & 0xffff;
        if ((lo & 3) != 3) {
            return decoded[s][slot] = Decoder.decode16(lo);
        }
        if (slot < SLOTS - 1) {
            return decoded[s][slot] = Decoder.decode32((int) SoftTlb.LE32.get(page, slot << 1));
        }
        // A 32-bit instruction straddling two pages: decoded on every visit, it is rare.
        long next = (pc | (PageProvider.PAGE_SIZE - 1)) + 1;
        byte[] nextPage = provider.page(next >>> PageProvider.PAGE_SHIFT, PageProvider.EXECUTE);
        if (nextPage == PageProvider.PENDING) {
            throw trap.raise(Trap.PENDING, next);
        }
        if (nextPage == null) {
            throw trap.raise(data.pageFaults ? Trap.FETCH_PAGE_FAULT : Trap.FETCH_ACCESS, next);
        }
        int hi = (short) SoftTlb.LE16.get(nextPage, 0) & 0xffff;
        return Decoder.decode32(lo | (hi << 16));
    }

    void dropPage(long vp) {
        int s = (int) vp & MASK;
        if (tag[s] == vp) {
            tag[s] = NO_PAGE;
            bytes[s] = null;
            epoch++;
        }
        // A straddling instruction on the page before also reads this page; it is never cached.
    }

    void flush() {
        epoch++;
        Arrays.fill(tag, NO_PAGE);
        Arrays.fill(bytes, null);
    }
}
