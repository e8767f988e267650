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
        long vpage = 0x7ffffffL; // the last page of a 39-bit space
        assertThat(t.walk(vpage)).isZero();
        assertThat(t.lastWalkLevels()).isEqualTo(1);
        long pfn = frames.allocate();
        assertThat(t.map(vpage, pfn, 3)).isTrue();
        assertThat(t.tableFrames()).isEqualTo(3);
        long pte = t.walk(vpage);
        assertThat(t.lastWalkLevels()).isEqualTo(3);
        assertThat(PageTable.pfn(pte)).isEqualTo(pfn);
        assertThat(PageTable.permissions(pte)).isEqualTo(3);
        // The root's last entry points at the next table: the table lives in the frames.
        assertThat(mem.readLong(0 * PhysicalMemory.FRAME_SIZE + 8 * 511) & PageTable.VALID).isEqualTo(1);
        assertThat(t.walk(vpage - 1)).isZero();
        assertThat(t.lastWalkLevels()).isEqualTo(3);
        assertThat(t.unmap(vpage)).isEqualTo(pfn);
        assertThat(t.walk(vpage)).isZero();
        assertThat(t.mappedPages()).isZero();
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
