package dev.splitsim.fabric.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Registered memory is pinned exactly over its range until deregistered; keys are the region's own. */
final class RegionsTest {
    @Test
    void aRegisteredRangeIsPinnedAndNothingAroundIt() {
        TestBed bed = new TestBed();
        VerbsDevice d = bed.device[1];
        MemoryRegion r = d.register(0x1000, 0x2000, Access.REMOTE_READ);
        assertThat(d.isPinned(0x1000, 1)).isTrue();
        assertThat(d.isPinned(0x2FFF, 1)).isTrue();
        assertThat(d.isPinned(0x0, 0x1001)).as("overlapping its first byte").isTrue();
        assertThat(d.isPinned(0x0, 0x1000)).as("ending just before it").isFalse();
        assertThat(d.isPinned(0x3000, 0x1000)).as("starting just after it").isFalse();
        assertThat(d.isPinned(0x1800, 0)).as("an empty range").isFalse();
        assertThat(bed.verbs.isPinned(1, 0x1800, 4096)).isTrue();
        assertThat(bed.verbs.isPinned(0, 0x1800, 4096)).as("another node's memory").isFalse();
        assertThat(bed.verbs.isPinned(7, 0x1800, 4096)).as("a node without verbs").isFalse();
        PinnedRanges monitorView = d;
        d.deregister(r);
        assertThat(r.registered()).isFalse();
        assertThat(monitorView.isPinned(0x1000, 0x2000)).isFalse();
    }

    @Test
    void overlappingRegistrationsKeepTheRangePinnedUntilTheLastGoes() {
        TestBed bed = new TestBed();
        VerbsDevice d = bed.device[0];
        MemoryRegion a = d.register(0x1000, 0x1000, Access.LOCAL_WRITE);
        MemoryRegion b = d.register(0x1800, 0x1000, Access.REMOTE_WRITE);
        d.deregister(a);
        assertThat(d.isPinned(0x1000, 0x800)).isFalse();
        assertThat(d.isPinned(0x1900, 8)).isTrue();
        d.deregister(b);
        assertThat(d.isPinned(0, TestBed.MEMORY)).isFalse();
    }

    @Test
    void keysDifferBetweenRegionsAndNodesAndDieWithTheRegion() {
        TestBed bed = new TestBed();
        MemoryRegion a = bed.device[0].register(0, 64, Access.ALL);
        MemoryRegion b = bed.device[0].register(0, 64, Access.ALL);
        MemoryRegion c = bed.device[1].register(0, 64, Access.ALL);
        assertThat(a.localKey()).isNotEqualTo(a.remoteKey());
        assertThat(new int[] {a.remoteKey(), b.remoteKey(), c.remoteKey(), a.localKey(), b.localKey(), c.localKey()})
                .doesNotHaveDuplicates();
        assertThat(a.contains(0, 64)).isTrue();
        assertThat(a.contains(1, 64)).isFalse();
        assertThat(a.contains(Long.MAX_VALUE, 2)).isFalse();

        QueuePair[] p = bed.connected(0, 1);
        bed.device[1].deregister(c);
        p[0].postWrite(1, 0, a.localKey(), 8, 0, c.remoteKey(), 0);
        assertThat(TestBed.await(p[0].sendCompletions()).status()).isEqualTo(WorkStatus.REMOTE_ACCESS_ERROR);
    }
}
