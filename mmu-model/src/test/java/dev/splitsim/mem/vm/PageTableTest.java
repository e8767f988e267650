package dev.splitsim.mem.vm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.mem.phys.FrameAllocator;
import dev.splitsim.mem.phys.PhysicalMemory;
import org.junit.jupiter.api.Test;

final class PageTableTest {
    @Test
    void mapsWalksAndUnmapsThroughEntriesInPhysicalMemory() {
        PhysicalMemory mem = new PhysicalMemory(1L << 30);
        FrameAllocator frames = new FrameAllocator(mem);
        PageTable t = new PageTable(mem, frames);
        long vpage = (1L << 35) - 1; // the last page below 2^47
        assertThat(t.walk(vpage)).isZero();
        assertThat(t.lastWalkLevels()).isEqualTo(1);
        long pfn = frames.allocate();
        assertThat(t.map(vpage, pfn, 3)).isTrue();
        assertThat(t.tableFrames()).isEqualTo(4);
        long pte = t.walk(vpage);
        assertThat(t.lastWalkLevels()).isEqualTo(4);
        assertThat(PageTable.pfn(pte)).isEqualTo(pfn);
        assertThat(PageTable.permissions(pte)).isEqualTo(3);
        // The root entry of the top 2^39-byte slice (index 255) points at the next table: the table lives in the frames.
        assertThat(mem.readLong(0 * PhysicalMemory.FRAME_SIZE + 8 * 255) & PageTable.VALID).isEqualTo(1);
        assertThat(t.walk(vpage - 1)).isZero();
        assertThat(t.lastWalkLevels()).isEqualTo(4);
        assertThat(t.unmap(vpage)).isEqualTo(pfn);
        assertThat(t.walk(vpage)).isZero();
        assertThat(t.mappedPages()).isZero();
    }

    @Test
    void pagesAt512GiBAndPastItHaveEntriesOfTheirOwn() {
        PhysicalMemory mem = new PhysicalMemory(1L << 30);
        FrameAllocator frames = new FrameAllocator(mem);
        PageTable t = new PageTable(mem, frames);
        long code = 0x10000L >>> 12;
        long codeFrame = frames.allocate();
        t.map(code, codeFrame, 5);
        long[] far = {code + (1L << 27), code + (1L << 30), code + (1L << 34), (1L << 27), (1L << 35) - 1};
        for (long vpage : far) {
            assertThat(t.walk(vpage)).as("page 0x%x before it is mapped", vpage).isZero();
            t.map(vpage, frames.allocate(), 3);
        }
        assertThat(PageTable.pfn(t.walk(code))).as("the first page keeps its frame").isEqualTo(codeFrame);
        assertThat(t.mappedPages()).isEqualTo(1 + far.length);
        for (long vpage : far) {
            assertThat(PageTable.pfn(t.walk(vpage))).isNotEqualTo(codeFrame);
        }
    }

    @Test
    void rangeOperationsVisitOnlyMappedPagesInOrder() {
        PhysicalMemory mem = new PhysicalMemory(1L << 30);
        FrameAllocator frames = new FrameAllocator(mem);
        PageTable t = new PageTable(mem, frames);
        long[] mapped = {5, 511, 512, 1L << 27, (1L << 30) + 3, (1L << 35) - 1};
        for (long vpage : mapped) {
            t.map(vpage, frames.allocate(), 3);
        }
        java.util.List<Long> seen = new java.util.ArrayList<>();
        t.forEachMapped(6, 1L << 35, (vpage, pte) -> seen.add(vpage));
        assertThat(seen).containsExactly(511L, 512L, 1L << 27, (1L << 30) + 3, (1L << 35) - 1);
        seen.clear();
        t.unmapRange(512, (1L << 30) + 3, (vpage, pte) -> seen.add(vpage));
        assertThat(seen).containsExactly(512L, 1L << 27);
        assertThat(t.mappedPages()).isEqualTo(4);
        assertThat(t.walk(1L << 27)).isZero();
        assertThat(t.walk(511)).isNotZero();
        assertThat(t.walk((1L << 30) + 3)).isNotZero();
    }

    @Test
    void freedFramesAreReusedAndZeroed() {
        PhysicalMemory mem = new PhysicalMemory(4L * PhysicalMemory.FRAME_SIZE);
        FrameAllocator frames = new FrameAllocator(mem);
        long a = frames.allocate();
        mem.frame(a)[0] = 7;
        frames.free(a);
        assertThat(frames.allocate()).isEqualTo(a);
        assertThat(mem.frame(a)[0]).isZero();
        frames.allocate();
        frames.allocate();
        frames.allocate();
        assertThat(frames.allocate()).isEqualTo(-1);
    }

    @Test
    void tlbHitsAfterInsertAndForgetsOnInvalidate() {
        ComponentTlb tlb = new ComponentTlb(16);
        assertThat(tlb.lookup(1, 5)).isZero();
        tlb.insert(1, 5, 0x1234);
        assertThat(tlb.lookup(1, 5)).isEqualTo(0x1234);
        assertThat(tlb.lookup(2, 5)).as("another address space").isZero();
        tlb.invalidate(1, 5);
        assertThat(tlb.lookup(1, 5)).isZero();
        assertThat(tlb.hits()).isEqualTo(1);
        assertThat(tlb.misses()).isEqualTo(3);
    }
}
