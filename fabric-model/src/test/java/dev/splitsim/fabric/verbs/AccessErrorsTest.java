package dev.splitsim.fabric.verbs;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.fabric.msg.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A verb outside every region, with a wrong key or without the right ends in an error completion at
 * the requester, the target's memory untouched; the reliable pair then fails and flushes what
 * follows.
 */
final class AccessErrorsTest {
    private TestBed bed;
    private QueuePair qp;
    private MemoryRegion local;
    private MemoryRegion writable;
    private MemoryRegion readOnly;

    @BeforeEach
    void connect() {
        bed = new TestBed();
        qp = bed.connected(0, 1)[0];
        local = bed.device[0].register(0x1000, 0x1000, Access.LOCAL_WRITE);
        writable = bed.device[1].register(0x40000, 0x1000, Access.REMOTE_WRITE | Access.REMOTE_ATOMIC);
        readOnly = bed.device[1].register(0x50000, 0x1000, Access.REMOTE_READ);
        bed.fill(0, 0x1000, 64, 5);
    }

    private WorkStatus write(long remoteAddress, int rkey, int length) {
        qp.postWrite(1, 0x1000, local.localKey(), length, remoteAddress, rkey, bed.events.now());
        return TestBed.await(qp.sendCompletions()).status();
    }

    @Test
    void aWriteRunningPastTheRegionsEndIsARemoteAccessError() {
        assertThat(write(0x40FF8, writable.remoteKey(), 16)).isEqualTo(WorkStatus.REMOTE_ACCESS_ERROR);
        assertThat(bed.bytes(1, 0x40FF8, 8)).containsOnly(0);
        assertThat(bed.device[1].accessErrorsSent()).isEqualTo(1);
        assertThat(qp.failed()).isTrue();
    }

    @Test
    void aWriteWithAnotherKeyOrWithoutTheRightIsARemoteAccessError() {
        assertThat(write(0x40000, writable.localKey(), 8)).as("local key used as remote key")
                .isEqualTo(WorkStatus.REMOTE_ACCESS_ERROR);
        bed = new TestBed();
        connect();
        assertThat(write(0x50000, readOnly.remoteKey(), 8)).as("region without remote write")
                .isEqualTo(WorkStatus.REMOTE_ACCESS_ERROR);
        assertThat(bed.bytes(1, 0x50000, 8)).containsOnly(0);
        bed = new TestBed();
        connect();
        assertThat(write(0x60000, 0x7777, 8)).as("no region at all").isEqualTo(WorkStatus.REMOTE_ACCESS_ERROR);
    }

    @Test
    void aReadWithoutTheRightGetsNoData() {
        bed.fill(1, 0x40000, 8, 9);
        qp.postRead(1, 0x1800, local.localKey(), 8, 0x40000, writable.remoteKey(), 0);
        WorkCompletion wc = TestBed.await(qp.sendCompletions());
        assertThat(wc.status()).isEqualTo(WorkStatus.REMOTE_ACCESS_ERROR);
        assertThat(wc.byteLength()).isZero();
        assertThat(bed.bytes(0, 0x1800, 8)).containsOnly(0);
        assertThat(bed.fabric.bytes(MessageType.RDMA_READ_RESPONSE))
                .isEqualTo(MessageType.RDMA_READ_RESPONSE.headerBytes());
    }

    @Test
    void atomicsNeedTheRightAndAnAlignedWord() {
        qp.postFetchAdd(1, 0x1000, local.localKey(), 0x50000, readOnly.remoteKey(), 1, 0);
        assertThat(TestBed.await(qp.sendCompletions()).status()).isEqualTo(WorkStatus.REMOTE_ACCESS_ERROR);
        bed = new TestBed();
        connect();
        qp.postCompareSwap(1, 0x1000, local.localKey(), 0x40004, writable.remoteKey(), 0, 1, 0);
        assertThat(TestBed.await(qp.sendCompletions()).status()).isEqualTo(WorkStatus.REMOTE_INVALID_REQUEST);
        assertThat(bed.readLong(1, 0x40000)).isZero();
    }

    @Test
    void aFailedPairFlushesTheRequestsBehindTheError() {
        qp.postWrite(1, 0x1000, local.localKey(), 8, 0x60000, writable.remoteKey(), 0);
        qp.postWrite(2, 0x1000, local.localKey(), 8, 0x40000, writable.remoteKey(), 0);
        WorkCompletion bad = TestBed.await(qp.sendCompletions());
        WorkCompletion behind = TestBed.await(qp.sendCompletions());
        assertThat(bad.workRequestId()).isEqualTo(1);
        assertThat(bad.status()).isEqualTo(WorkStatus.REMOTE_ACCESS_ERROR);
        assertThat(behind.workRequestId()).isEqualTo(2);
        assertThat(behind.status()).isEqualTo(WorkStatus.FLUSHED);
        long messages = bed.fabric.messages();
        assertThat(qp.postWrite(3, 0x1000, local.localKey(), 8, 0x40000, writable.remoteKey(), bed.events.now()))
                .isTrue();
        assertThat(TestBed.await(qp.sendCompletions()).status()).isEqualTo(WorkStatus.FLUSHED);
        bed.runAll();
        assertThat(bed.fabric.messages()).as("nothing sent from a failed pair").isEqualTo(messages);
    }

    @Test
    void aLocalBufferOutsideItsRegionFailsBeforeAnythingIsSent() {
        qp.postWrite(1, 0x1F00, local.localKey(), 0x200, 0x40000, writable.remoteKey(), 0);
        WorkCompletion wc = TestBed.await(qp.sendCompletions());
        assertThat(wc.status()).isEqualTo(WorkStatus.LOCAL_PROTECTION_ERROR);
        assertThat(bed.fabric.messages()).isZero();
        QueuePair other = bed.connected(0, 1)[0];
        MemoryRegion noLocalWrite = bed.device[0].register(0x3000, 0x1000, Access.REMOTE_READ);
        other.postRead(1, 0x3000, noLocalWrite.localKey(), 8, 0x50000, readOnly.remoteKey(), 0);
        assertThat(TestBed.await(other.sendCompletions()).status()).as("a READ must land in locally writable memory")
                .isEqualTo(WorkStatus.LOCAL_PROTECTION_ERROR);
        assertThat(bed.fabric.messages()).isZero();
    }
}
