package dev.splitsim.cpu.exec;

import dev.splitsim.cpu.isa.Decoded;
import dev.splitsim.cpu.isa.Decoder;
import dev.splitsim.cpu.mem.PageProvider;
import java.util.Arrays;

/**
 * Decoded code per page, so each instruction is decoded once: direct-mapped by virtual page, each
 * entry a {@link CodePage} of {@link Block}s by start address (RVC lets an instruction start at
 * any even address). An entry's table is made the first time a page lands in it, so the cache
 * costs host memory for the code pages a core has run, not for its capacity.
 *
 * <p>Fetching a page removes it from the soft TLB's write table, so the next store to it takes
 * the slow path, which drops the page's blocks again: code that writes code stays correct without
 * waiting for fence.i.
 */
final class DecodeCache {
    private static final int BITS = 8;
    private static final int SIZE = 1 << BITS;
    private static final int MASK = SIZE - 1;
    static final int SLOTS = PageProvider.PAGE_SIZE / 2;
    private static final long NO_PAGE = -1L;
    /**
     * The most instructions in a block: longer straight-line code is cut into several, which costs
     * a lookup and keeps the per-block scratch of the interpreter small.
     */
    static final int MAX_BLOCK = 64;

    /** The blocks of one code page, and the bytes they were decoded from. */
    static final class CodePage {
        final Block[] blocks = new Block[SLOTS];
        byte[] bytes;
    }

    private final long[] tag = new long[SIZE];
    private final CodePage[] pages = new CodePage[SIZE];
    /** Changes whenever a decoded page is dropped or replaced, so a caller holding one re-fetches it. */
    int epoch;
    private final PageProvider provider;
    private final SoftTlb data;
    private final Trap trap;
    /** A block is decoded into this first, then copied at its length. */
    private final long[] building = new long[MAX_BLOCK];
    private final Block straddler = new Block(0, new long[1], 1);

    DecodeCache(PageProvider provider, SoftTlb data, Trap trap) {
        this.provider = provider;
        this.data = data;
        this.trap = trap;
        Arrays.fill(tag, NO_PAGE);
    }

    /** The code page holding {@code pc}, fetched first when absent; valid until {@link #epoch} changes. */
    CodePage page(long pc) {
        long vp = pc >>> PageProvider.PAGE_SHIFT;
        int s = (int) vp & MASK;
        if (tag[s] != vp) {
            fill(vp, s, pc);
        }
        return pages[s];
    }

    /**
     * The block starting at {@code pc} on {@code page}, decoded when new. An instruction that
     * straddles into the next page is not kept: it is decoded on each visit (reading the next page
     * then, as an instruction fetch would), and its block is valid only until the next call.
     */
    Block block(CodePage page, long pc) {
        Block b = page.blocks[((int) pc & (PageProvider.PAGE_SIZE - 1)) >>> 1];
        return b != null ? b : build(page, pc);
    }

    private Block build(CodePage page, long pc) {
        int first = ((int) pc & (PageProvider.PAGE_SIZE - 1)) >>> 1;
        byte[] bytes = page.bytes;
        int n = 0;
        int slot = first;
        while (slot < SLOTS && n < MAX_BLOCK) {
            int lo = (short) SoftTlb.LE16.get(bytes, slot << 1) & 0xffff;
            long d;
            if ((lo & 3) != 3) {
                d = Decoder.decode16(lo);
            } else if (slot < SLOTS - 1) {
                d = Decoder.decode32((int) SoftTlb.LE32.get(bytes, slot << 1));
            } else if (n == 0) {
                straddler.holdSingle(pc, decodeStraddling(lo, pc));
                return straddler;
            } else {
                // The straddling instruction starts a block of its own.
                break;
            }
            building[n++] = d;
            slot += Decoded.length(d) >>> 1;
            if (OpTraits.endsBlock(Decoded.op(d))) {
                break;
            }
        }
        Block b = new Block(pc, Arrays.copyOf(building, n), n);
        page.blocks[first] = b;
        return b;
    }

    private long decodeStraddling(int lo, long pc) {
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

    private void fill(long vp, int s, long pc) {
        byte[] bytes = provider.page(vp, PageProvider.EXECUTE);
        if (bytes == PageProvider.PENDING) {
            throw trap.raise(Trap.PENDING, pc);
        }
        if (bytes == null) {
            throw trap.raise(data.pageFaults ? Trap.FETCH_PAGE_FAULT : Trap.FETCH_ACCESS, pc);
        }
        data.dropWrite(vp);
        epoch++;
        tag[s] = vp;
        CodePage p = pages[s];
        if (p == null) {
            p = pages[s] = new CodePage();
        } else {
            Arrays.fill(p.blocks, null);
        }
        p.bytes = bytes;
    }

    /** How many entries have a block table: the host memory the cache holds grows with this. */
    int pagesHeld() {
        int held = 0;
        for (CodePage p : pages) {
            held += p != null ? 1 : 0;
        }
        return held;
    }

    void dropPage(long vp) {
        int s = (int) vp & MASK;
        if (tag[s] == vp) {
            tag[s] = NO_PAGE;
            pages[s].bytes = null;
            epoch++;
        }
        // A straddling instruction on the page before also reads this page; it is never kept.
    }

    void flush() {
        epoch++;
        Arrays.fill(tag, NO_PAGE);
        for (CodePage p : pages) {
            if (p != null) {
                p.bytes = null;
            }
        }
    }
}
