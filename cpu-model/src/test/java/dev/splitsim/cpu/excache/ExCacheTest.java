package dev.splitsim.cpu.excache;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.cpu.mem.PageInvalidationListener;
import dev.splitsim.cpu.mem.PageProvider;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class ExCacheTest {
    /** A memory behind the cache: pages by number, all readable and writable, with a log of traffic. */
    static final class Memory implements ExCacheBacking {
        final Map<Long, byte[]> pages = new HashMap<>();
        final List<String> log = new ArrayList<>();
        int perms = 3;

        @Override
        public boolean join(int line) {
            throw new AssertionError("this backing fills synchronously: no line is ever pending");
        }

        @Override
        public int fill(int asid, long vline, int access, int victimAsid, long victimVline, byte[][] slots, byte[] p,
                int first, int count) {
            if (victimVline >= 0) {
                writeBack(victimAsid, victimVline, slots, first, count);
            }
            log.add("fill " + vline);
            for (int i = 0; i < count; i++) {
                byte[] src = pages.get(vline * count + i);
                if (src == null) {
                    java.util.Arrays.fill(slots[first + i], (byte) 0);
                } else {
                    System.arraycopy(src, 0, slots[first + i], 0, PageProvider.PAGE_SIZE);
                }
                p[first + i] = (byte) perms;
            }
            return 0;
        }

        @Override
        public void writeBack(int asid, long vline, byte[][] slots, int first, int count) {
            log.add("writeback " + vline);
            for (int i = 0; i < count; i++) {
                pages.put(vline * count + i, slots[first + i].clone());
            }
        }

        @Override
        public int upgrade(int asid, long vpage, int access) {
            log.add("upgrade " + vpage);
            return perms;
        }

        @Override
        public byte[] peek(int asid, long vpage) {
            return pages.get(vpage);
        }
    }

    private static ExCache cache(int lines, int ways, String policy, Memory m) {
        return new ExCache((long) lines * PageProvider.PAGE_SIZE, PageProvider.PAGE_SIZE, ways, policy, 7, m);
    }

    @Test
    void bytesSurviveEvictionAndRefill() {
        Memory m = new Memory();
        ExCache c = cache(2, 2, "lru", m);
        c.page(10, PageProvider.WRITE)[5] = 42;
        c.page(11, PageProvider.READ);
        c.page(12, PageProvider.READ);
        assertThat(m.log).containsExactly("fill 10", "fill 11", "writeback 10", "fill 12");
        assertThat(c.page(10, PageProvider.READ)[5]).isEqualTo((byte) 42);
        assertThat(c.writebacks()).isEqualTo(1);
    }

    @Test
    void cleanVictimsAreNotWrittenBack() {
        Memory m = new Memory();
        ExCache c = cache(1, 1, "fifo", m);
        c.page(1, PageProvider.READ);
        c.page(2, PageProvider.READ);
        assertThat(m.log).containsExactly("fill 1", "fill 2");
    }

    @Test
    void lruFifoAndClockPickDifferentVictims() {
        // Fill 0,1,2 into a 3-way set, touch 0 again, then bring 3: LRU evicts 1, FIFO evicts 0,
        // CLOCK clears every reference bit in one sweep and evicts the way under its hand (0).
        assertThat(victimAfterTouch("lru")).isEqualTo(1L);
        assertThat(victimAfterTouch("fifo")).isEqualTo(0L);
        assertThat(victimAfterTouch("clock")).isEqualTo(0L);
    }

    private static long victimAfterTouch(String policy) {
        Memory m = new Memory();
        ExCache c = cache(3, 3, policy, m);
        for (long p = 0; p < 3; p++) {
            c.page(p, PageProvider.WRITE);
        }
        c.page(0, PageProvider.READ);
        c.page(3, PageProvider.READ);
        String wb = m.log.stream().filter(s -> s.startsWith("writeback")).findFirst().orElseThrow();
        return Long.parseLong(wb.substring("writeback ".length()));
    }

    @Test
    void clockGivesASecondChance() {
        Memory m = new Memory();
        ExCache c = cache(2, 2, "clock", m);
        c.page(0, PageProvider.WRITE);
        c.page(1, PageProvider.WRITE);
        c.page(2, PageProvider.WRITE); // sweep clears both bits, evicts 0, hand moves to way 1
        c.page(2, PageProvider.READ);
        c.page(3, PageProvider.READ); // way 1 (page 1) is unreferenced: evicted
        assertThat(m.log).containsSubsequence("writeback 0", "fill 2", "writeback 1", "fill 3");
    }

    @Test
    void randomReplacementRepeatsWithTheSeed() {
        List<String> first = randomRun();
        assertThat(randomRun()).isEqualTo(first);
    }

    private static List<String> randomRun() {
        Memory m = new Memory();
        ExCache c = cache(4, 4, "random", m);
        for (long p = 0; p < 40; p++) {
            c.page(p % 9, PageProvider.WRITE);
        }
        return m.log;
    }

    @Test
    void missesAreClassified() {
        Memory m = new Memory();
        m.perms = 1;
        ExCache c = cache(1, 1, "lru", m);
        c.page(1, PageProvider.READ);
        c.page(2, PageProvider.READ);
        c.page(1, PageProvider.READ);
        c.page(1, PageProvider.READ);
        assertThat(c.page(1, PageProvider.WRITE)).as("read-only line").isNull();
        m.perms = 3;
        assertThat(c.page(1, PageProvider.WRITE)).as("after mprotect").isNotNull();
        assertThat(c.accesses()).isEqualTo(6);
        assertThat(c.hits()).isEqualTo(1);
        assertThat(c.misses()).isEqualTo(5);
        assertThat(m.log).contains("upgrade 1");
    }

    @Test
    void evictionDropsTheSoftTlbEntriesOfItsLine() {
        Memory m = new Memory();
        ExCache c = new ExCache(2L * 8192, 8192, 1, "lru", 1, m);
        List<Long> dropped = new ArrayList<>();
        c.addListener(new PageInvalidationListener() {
            @Override
            public void invalidatePage(long vpage) {
                dropped.add(vpage);
            }

            @Override
            public void invalidateAll() {
            }
        });
        c.page(4, PageProvider.READ);
        c.page(8, PageProvider.READ); // same set (2 sets of 8 KiB lines): evicts line 2 = pages 4 and 5
        assertThat(dropped).containsExactly(4L, 5L);
    }

    @Test
    void unmappingDiscardsButProtectingWritesBack() {
        Memory m = new Memory();
        ExCache c = cache(4, 4, "lru", m);
        c.page(1, PageProvider.WRITE)[0] = 1;
        c.page(2, PageProvider.WRITE)[0] = 2;
        c.removeRange(1, 2, true);
        c.removeRange(2, 3, false);
        assertThat(m.log).containsExactly("fill 1", "fill 2", "writeback 2");
        assertThat(m.pages.get(2L)[0]).isEqualTo((byte) 2);
    }

    @Test
    void aPartlyUnmappedLineKeepsItsLivePages() {
        Memory m = new Memory();
        ExCache c = new ExCache(4L * 8192, 8192, 4, "lru", 1, m);
        c.page(5, PageProvider.WRITE)[0] = 9; // line 2 holds pages 4 and 5
        c.removeRange(4, 5, true);
        assertThat(m.log).containsExactly("fill 2", "writeback 2");
        assertThat(m.pages.get(5L)[0]).isEqualTo((byte) 9);
    }
}
