package dev.splitsim.fabric.verbs;

import static dev.splitsim.fabric.TestParams.COMPLETION;
import static dev.splitsim.fabric.TestParams.PCIE;
import static dev.splitsim.fabric.TestParams.POST;
import static dev.splitsim.fabric.TestParams.RESPONDER_READ;
import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.fabric.TestParams;
import dev.splitsim.fabric.msg.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * READ, WRITE, WRITE_WITH_IMM and the atomics move real bytes between the nodes' memories, served by
 * the target NIC alone (no software is attached there: reaching it would throw), with the latency
 * the hops add up to.
 */
final class OneSidedVerbsTest {
    private TestBed bed;
    private QueuePair qp;
    private QueuePair target;
    private MemoryRegion local;
    private MemoryRegion remote;

    @BeforeEach
    void connect() {
        bed = new TestBed();
        QueuePair[] pair = bed.connected(0, 1);
        qp = pair[0];
        target = pair[1];
        local = bed.device[0].register(0x1000, 0x10000, Access.LOCAL_WRITE);
        remote = bed.device[1].register(0x40000, 0x10000, Access.ALL);
    }

    private static long hop(long wire) {
        return TestParams.regionHop(wire);
    }

    @Test
    void writePlacesTheBytesAndTakesTwoHopsAndAPoll() {
        bed.fill(0, 0x1000, 4, 7);
        assertThat(qp.postWrite(42, 0x1000, local.localKey(), 4, 0x40010, remote.remoteKey(), 0)).isTrue();
        WorkCompletion wc = TestBed.await(qp.sendCompletions());
        assertThat(wc.ok()).isTrue();
        assertThat(wc.workRequestId()).isEqualTo(42);
        assertThat(wc.opcode()).isEqualTo(WorkOpcode.WRITE);
        assertThat(wc.byteLength()).isEqualTo(4);
        assertThat(bed.bytes(1, 0x40010, 4)).containsExactly(TestBed.pattern(4, 7));
        long request = MessageType.RDMA_WRITE.headerBytes() + 4;
        long ack = MessageType.RDMA_ACK.headerBytes();
        assertThat(wc.polledTick()).isEqualTo(POST + hop(request) + hop(ack) + COMPLETION);
        assertThat(bed.fabric.node(1).poller().jobs()).as("target software never ran").isZero();
        assertThat(bed.fabric.messages(MessageType.RDMA_WRITE)).isEqualTo(1);
        assertThat(bed.fabric.messages(MessageType.RDMA_ACK)).isEqualTo(1);
    }

    @Test
    void aPayloadAboveTheInlineSizeIsGatheredByAPcieRead() {
        bed.fill(0, 0x1000, 256, 3);
        qp.postWrite(1, 0x1000, local.localKey(), 256, 0x40000, remote.remoteKey(), 0);
        WorkCompletion wc = TestBed.await(qp.sendCompletions());
        long request = MessageType.RDMA_WRITE.headerBytes() + 256;
        long ack = MessageType.RDMA_ACK.headerBytes();
        assertThat(wc.polledTick()).isEqualTo(POST + PCIE + hop(request) + hop(ack) + COMPLETION);
        assertThat(bed.bytes(1, 0x40000, 256)).containsExactly(TestBed.pattern(256, 3));
    }

    @Test
    void readReturnsTheTargetsBytesAfterItsMemoryRead() {
        bed.fill(1, 0x40100, 4096, 11);
        qp.postRead(5, 0x2000, local.localKey(), 4096, 0x40100, remote.remoteKey(), 0);
        WorkCompletion wc = TestBed.await(qp.sendCompletions());
        assertThat(wc.ok()).isTrue();
        assertThat(wc.opcode()).isEqualTo(WorkOpcode.READ);
        assertThat(wc.byteLength()).isEqualTo(4096);
        assertThat(bed.bytes(0, 0x2000, 4096)).containsExactly(TestBed.pattern(4096, 11));
        long request = MessageType.RDMA_READ.headerBytes();
        long response = MessageType.RDMA_READ_RESPONSE.headerBytes() + 4096;
        assertThat(wc.polledTick()).isEqualTo(POST + hop(request) + RESPONDER_READ + hop(response) + COMPLETION);
        assertThat(bed.fabric.bytes(MessageType.RDMA_READ_RESPONSE)).isEqualTo(response);
    }

    @Test
    void theReadBytesComeOnlyFromTheResponse() {
        bed.fill(1, 0x40000, 64, 1);
        bed.fabric.setInFlightHook(m -> {
            if (m.type() == MessageType.RDMA_READ_RESPONSE) {
                m.data()[0] = (byte) 0xEE;
            }
        });
        qp.postRead(5, 0x2000, local.localKey(), 64, 0x40000, remote.remoteKey(), 0);
        TestBed.await(qp.sendCompletions());
        assertThat(bed.memory[0].get(0x2000)).isEqualTo((byte) 0xEE);
        assertThat(bed.memory[1].get(0x40000)).isEqualTo((byte) 1);
    }

    @Test
    void writeWithImmediateConsumesAReceiveAndCompletesThere() {
        assertThat(target.postReceive(900, 0x40000, remote.localKey(), 16)).isTrue();
        bed.fill(0, 0x1000, 100, 9);
        qp.postWriteWithImm(6, 0x1000, local.localKey(), 100, 0x48000, remote.remoteKey(), 0xCAFE, 0);
        WorkCompletion sent = TestBed.await(qp.sendCompletions());
        assertThat(sent.ok()).isTrue();
        assertThat(sent.opcode()).isEqualTo(WorkOpcode.WRITE_WITH_IMM);
        WorkCompletion got = TestBed.await(target.receiveCompletions());
        assertThat(got.ok()).isTrue();
        assertThat(got.opcode()).isEqualTo(WorkOpcode.RECV_WITH_IMM);
        assertThat(got.workRequestId()).isEqualTo(900);
        assertThat(got.hasImmediate()).isTrue();
        assertThat(got.immediate()).isEqualTo(0xCAFE);
        assertThat(got.byteLength()).isEqualTo(100);
        assertThat(got.queuePair()).isEqualTo(target.number());
        assertThat(got.sourceNode()).isEqualTo(0);
        assertThat(got.sourceQueuePair()).isEqualTo(qp.number());
        assertThat(got.completionTick()).isLessThan(sent.completionTick());
        // The data went where the writer said, not into the receive buffer.
        assertThat(bed.bytes(1, 0x48000, 100)).containsExactly(TestBed.pattern(100, 9));
        assertThat(bed.bytes(1, 0x40000, 16)).containsOnly(0);
        assertThat(target.receiveQueue().posted()).isZero();
        assertThat(target.receiveQueue().consumed()).isEqualTo(1);
    }

    @Test
    void compareAndSwapSwapsOnlyOnAMatchAndReturnsTheOriginal() {
        bed.writeLong(1, 0x40008, 77);
        qp.postCompareSwap(1, 0x1000, local.localKey(), 0x40008, remote.remoteKey(), 76, 1000, 0);
        WorkCompletion miss = TestBed.await(qp.sendCompletions());
        assertThat(miss.ok()).isTrue();
        assertThat(miss.opcode()).isEqualTo(WorkOpcode.COMPARE_SWAP);
        assertThat(bed.readLong(1, 0x40008)).isEqualTo(77);
        assertThat(bed.readLong(0, 0x1000)).isEqualTo(77);
        qp.postCompareSwap(2, 0x1008, local.localKey(), 0x40008, remote.remoteKey(), 77, -5, bed.events.now());
        TestBed.await(qp.sendCompletions());
        assertThat(bed.readLong(1, 0x40008)).isEqualTo(-5);
        assertThat(bed.readLong(0, 0x1008)).isEqualTo(77);
    }

    @Test
    void fetchAndAddAddsAndReturnsTheOldValueWithTheResponderRead() {
        bed.writeLong(1, 0x40010, 0x7FFF_FFFF_FFFF_FFF0L);
        qp.postFetchAdd(1, 0x1000, local.localKey(), 0x40010, remote.remoteKey(), 0x20, 0);
        qp.postFetchAdd(2, 0x1008, local.localKey(), 0x40010, remote.remoteKey(), 3, 0);
        WorkCompletion first = TestBed.await(qp.sendCompletions());
        WorkCompletion second = TestBed.await(qp.sendCompletions());
        assertThat(first.workRequestId()).isEqualTo(1);
        assertThat(second.workRequestId()).isEqualTo(2);
        assertThat(second.opcode()).isEqualTo(WorkOpcode.FETCH_ADD);
        assertThat(bed.readLong(0, 0x1000)).isEqualTo(0x7FFF_FFFF_FFFF_FFF0L);
        assertThat(bed.readLong(0, 0x1008)).isEqualTo(0x8000_0000_0000_0010L);
        assertThat(bed.readLong(1, 0x40010)).isEqualTo(0x8000_0000_0000_0013L);
        long request = MessageType.RDMA_FETCH_ADD.headerBytes();
        long response = MessageType.RDMA_ATOMIC_RESPONSE.headerBytes();
        assertThat(first.polledTick()).isEqualTo(POST + hop(request) + RESPONDER_READ + hop(response) + COMPLETION);
    }

    @Test
    void completionsComeInPostOrderEvenWhenALaterAckArrivesFirst() {
        bed.fill(1, 0x40000, 8, 2);
        qp.postRead(1, 0x2000, local.localKey(), 8, 0x40000, remote.remoteKey(), 0);
        qp.postWrite(2, 0x1000, local.localKey(), 8, 0x41000, remote.remoteKey(), 0);
        WorkCompletion read = TestBed.await(qp.sendCompletions());
        WorkCompletion write = TestBed.await(qp.sendCompletions());
        assertThat(read.workRequestId()).isEqualTo(1);
        assertThat(write.workRequestId()).isEqualTo(2);
        // The WRITE's ACK needs no memory read at the responder, so it was back first; it shows with the READ.
        assertThat(write.completionTick()).isEqualTo(read.completionTick());
        assertThat(bed.bytes(0, 0x2000, 8)).containsExactly(TestBed.pattern(8, 2));
    }

    @Test
    void aFullSendQueueRefusesThePost() {
        for (int i = 0; i < 16; i++) {
            assertThat(qp.postWrite(i, 0x1000, local.localKey(), 8, 0x40000, remote.remoteKey(), 0)).isTrue();
        }
        assertThat(qp.postWrite(16, 0x1000, local.localKey(), 8, 0x40000, remote.remoteKey(), 0)).isFalse();
        assertThat(qp.outstanding()).isEqualTo(16);
        bed.runAll();
        assertThat(qp.outstanding()).isZero();
        assertThat(qp.sendCompletions().pending()).isEqualTo(16);
    }
}
