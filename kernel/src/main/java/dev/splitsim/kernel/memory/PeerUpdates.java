package dev.splitsim.kernel.memory;

import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.fabric.net.Message;
import it.unimi.dsi.fastutil.longs.Long2ObjectLinkedOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * What one call at a process's home component did to memory held by its peers, kept per peer
 * until the call's answer sends it as M2M_UPDATE: ranges whose pages must go, and the bytes of
 * pages the call wrote in the peer's regions (execve's image, a mapped file, pages mremap moved).
 * The area records travel with them, so every peer keeps the process's areas as the home has them.
 *
 * <p>M2M_UPDATE's data: the area records ({@code records} bytes, {@link AreaRecords}' layout), then
 * {@code drops} ranges of two little-endian u64 (start, end), then {@code pages} pages of a u64
 * virtual address followed by the page's bytes. A peer applies them in that order.
 */
final class PeerUpdates {
    static final int DROP_BYTES = 16;
    static final int PAGE_BYTES = 8 + PageProvider.PAGE_SIZE;
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final int self;
    private final LongArrayList[] drops;
    private final Long2ObjectLinkedOpenHashMap<byte[]>[] pages;

    @SuppressWarnings("unchecked")
    PeerUpdates(int components, int self) {
        this.self = self;
        drops = new LongArrayList[components];
        pages = new Long2ObjectLinkedOpenHashMap[components];
        for (int i = 0; i < components; i++) {
            drops[i] = new LongArrayList();
            pages[i] = new Long2ObjectLinkedOpenHashMap<>();
        }
    }

    int components() {
        return drops.length;
    }

    /** Every peer forgets its pages in [startPage, endPage), including pages this call wrote there before. */
    void dropEverywhere(long startPage, long endPage) {
        for (int c = 0; c < drops.length; c++) {
            if (c == self) {
                continue;
            }
            drops[c].add(startPage << PageProvider.PAGE_SHIFT);
            drops[c].add(endPage << PageProvider.PAGE_SHIFT);
            if (!pages[c].isEmpty()) {
                pages[c].keySet().removeIf((long vpage) -> vpage >= startPage && vpage < endPage);
            }
        }
    }

    /** The page this call writes at peer {@code c}: fresh (a call writes only pages it has just mapped), zero at first. */
    byte[] page(int c, long vpage) {
        byte[] p = pages[c].get(vpage);
        if (p == null) {
            p = new byte[PageProvider.PAGE_SIZE];
            pages[c].put(vpage, p);
        }
        return p;
    }

    /** The page this call wrote at peer {@code c}; null when it wrote none there. */
    byte[] written(int c, long vpage) {
        return pages[c].get(vpage);
    }

    /** Visits the pages this call wrote at peer {@code c} in [startPage, endPage). */
    void forEachWritten(int c, long startPage, long endPage, VirtualMemory.StoredPage visitor) {
        for (Long2ObjectLinkedOpenHashMap.Entry<byte[]> e : pages[c].long2ObjectEntrySet()) {
            if (e.getLongKey() >= startPage && e.getLongKey() < endPage) {
                visitor.visit(e.getLongKey(), e.getValue());
            }
        }
    }

    /** True when peer {@code c} has something to be told besides the records. */
    boolean staged(int c) {
        return !drops[c].isEmpty() || !pages[c].isEmpty();
    }

    /** Fills an M2M_UPDATE to peer {@code c} with the records and what is staged for it. */
    void encode(int c, AreaRecords records, Message m) {
        int dropCount = drops[c].size() / 2;
        int pageCount = pages[c].size();
        long length = (long) records.length() + (long) dropCount * DROP_BYTES + (long) pageCount * PAGE_BYTES;
        if (length > Integer.MAX_VALUE - 64) {
            throw new MemoryComponentFullException("one call wrote more than 2 GiB for memory component " + c);
        }
        byte[] d = m.data((int) length);
        System.arraycopy(records.bytes(), 0, d, 0, records.length());
        int at = records.length();
        for (int i = 0; i < drops[c].size(); i++, at += 8) {
            LONG.set(d, at, drops[c].getLong(i));
        }
        for (Long2ObjectLinkedOpenHashMap.Entry<byte[]> e : pages[c].long2ObjectEntrySet()) {
            LONG.set(d, at, e.getLongKey() << PageProvider.PAGE_SHIFT);
            System.arraycopy(e.getValue(), 0, d, at + 8, PageProvider.PAGE_SIZE);
            at += PAGE_BYTES;
        }
        m.set("records", records.length()).set("drops", dropCount).set("pages", pageCount);
    }

    void clear() {
        for (int c = 0; c < drops.length; c++) {
            drops[c].clear();
            pages[c].clear();
        }
    }

    static long word(byte[] d, int at) {
        return (long) LONG.get(d, at);
    }

    static void putWord(byte[] d, int at, long v) {
        LONG.set(d, at, v);
    }
}
