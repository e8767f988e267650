package dev.splitsim.fabric.verbs;

import static dev.splitsim.fabric.TestParams.RNR_DELAY;
import static dev.splitsim.fabric.TestParams.RNR_RETRIES;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.splitsim.fabric.TestParams;
import dev.splitsim.fabric.msg.MessageType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SEND consumes a posted receive (of the pair's own queue or a shared one); with none posted the
 * responder NAKs, the requester waits and sends again, and gives up after its retries. Datagrams go
 * anywhere, up to one MTU, and are lost when no receive waits.
 */
final class TwoSidedVerbsTest {
    private TestBed bed;
    private MemoryRegion[] buffers;

    @BeforeEach
    void regions() {
        bed = new TestBed();
        buffers = new MemoryRegion[3];
        for (int i = 0; i < 3; i++) {
            buffers[i] = bed.device[i].register(0, TestBed.MEMORY, Access.LOCAL_WRITE);
        }
    }

    @Test
    void sendLandsInThePostedReceive() {
        QueuePair[] p = bed.connected(0, 1);
        p[1].postReceive(70, 0x8000, buffers[1].localKey(), 1024);
        bed.fill(0, 0x100, 300, 4);
        p[0].postSend(7, 0x100, buffers[0].localKey(), 300, 0);
        WorkCompletion got = TestBed.await(p[1].receiveCompletions());
        assertThat(got.ok()).isTrue();
        assertThat(got.opcode()).isEqualTo(WorkOpcode.RECV);
        assertThat(got.workRequestId()).isEqualTo(70);
        assertThat(got.byteLength()).isEqualTo(300);
        assertThat(got.hasImmediate()).isFalse();
        assertThat(got.sourceNode()).isEqualTo(0);
        assertThat(got.sourceQueuePair()).isEqualTo(p[0].number());
        assertThat(bed.bytes(1, 0x8000, 300)).containsExactly(TestBed.pattern(300, 4));
        WorkCompletion sent = TestBed.await(p[0].sendCompletions());
        assertThat(sent.ok()).isTrue();
        assertThat(sent.opcode()).isEqualTo(WorkOpcode.SEND);
        assertThat(sent.byteLength()).isEqualTo(300);
        assertThat(bed.fabric.node(1).poller().jobs()).isZero();
    }

    @Test
    void aSendLargerThanTheReceiveFailsAtBothEnds() {
        QueuePair[] p = bed.connected(0, 1);
        p[1].postReceive(70, 0x8000, buffers[1].localKey(), 16);
        p[0].postSend(7, 0x100, buffers[0].localKey(), 17, 0);
        assertThat(TestBed.await(p[1].receiveCompletions()).status()).isEqualTo(WorkStatus.LOCAL_LENGTH_ERROR);
        assertThat(TestBed.await(p[0].sendCompletions()).status()).isEqualTo(WorkStatus.REMOTE_INVALID_REQUEST);
    }

    @Test
    void receiverNotReadyIsRetriedAfterTheDelayUntilAReceiveIsPosted() {
        QueuePair[] p = bed.connected(0, 1);
        bed.fill(0, 0x100, 40, 8);
        p[0].postSend(7, 0x100, buffers[0].localKey(), 40, 0);
        // The software posts its receive during the first wait; the second attempt finds it.
        bed.at(RNR_DELAY / 2, () -> p[1].postReceive(70, 0x8000, buffers[1].localKey(), 64));
        WorkCompletion sent = TestBed.await(p[0].sendCompletions());
        assertThat(sent.ok()).isTrue();
        assertThat(bed.device[1].rnrNaksSent()).isEqualTo(1);
        assertThat(bed.device[0].rnrRetries()).isEqualTo(1);
        assertThat(bed.fabric.messages(MessageType.RDMA_SEND)).isEqualTo(2);
        // Post, the NAKed attempt, the delay, then the NIC's own second attempt (no software post).
        long attempt = TestParams.regionHop(MessageType.RDMA_SEND.headerBytes() + 40)
                + TestParams.regionHop(MessageType.RDMA_ACK.headerBytes());
        assertThat(sent.completionTick()).isEqualTo(TestParams.POST + attempt + RNR_DELAY + attempt);
        WorkCompletion got = TestBed.await(p[1].receiveCompletions());
        assertThat(got.workRequestId()).isEqualTo(70);
        assertThat(bed.bytes(1, 0x8000, 40)).containsExactly(TestBed.pattern(40, 8));
    }

    @Test
    void receiverNotReadyForEveryRetryFailsTheRequest() {
        QueuePair[] p = bed.connected(0, 1);
        p[0].postSend(7, 0x100, buffers[0].localKey(), 40, 0);
        p[0].postSend(8, 0x100, buffers[0].localKey(), 40, 0);
        WorkCompletion first = TestBed.await(p[0].sendCompletions());
        WorkCompletion second = TestBed.await(p[0].sendCompletions());
        assertThat(first.workRequestId()).isEqualTo(7);
        assertThat(first.status()).isEqualTo(WorkStatus.RNR_RETRY_EXCEEDED);
        assertThat(first.completionTick()).isGreaterThan(RNR_RETRIES * RNR_DELAY);
        assertThat(second.status()).isEqualTo(WorkStatus.FLUSHED);
        assertThat(bed.device[1].rnrNaksSent()).isEqualTo(RNR_RETRIES + 1);
        assertThat(bed.device[0].rnrRetries()).isEqualTo(RNR_RETRIES);
        // The second SEND went out behind the first each time and was dropped, out of sequence.
        assertThat(bed.fabric.messages(MessageType.RDMA_SEND)).isEqualTo(2L * (RNR_RETRIES + 1));
        assertThat(bed.device[1].outOfSequenceDrops()).isEqualTo(RNR_RETRIES + 1);
        assertThat(p[0].failed()).isTrue();
    }

    @Test
    void requestsBehindANakedSendWaitForItSoOrderHolds() {
        QueuePair[] p = bed.connected(0, 1);
        bed.writeLong(0, 0x200, 0x1111);
        p[0].postSend(1, 0x100, buffers[0].localKey(), 8, 0);
        MemoryRegion target = bed.device[1].register(0x20000, 0x1000, Access.REMOTE_WRITE);
        p[0].postWrite(2, 0x200, buffers[0].localKey(), 8, 0x20000, target.remoteKey(), 0);
        long[] writtenBeforeReceive = {-1};
        bed.at(RNR_DELAY / 2, () -> {
            writtenBeforeReceive[0] = bed.readLong(1, 0x20000);
            p[1].postReceive(70, 0x8000, buffers[1].localKey(), 64);
        });
        WorkCompletion send = TestBed.await(p[0].sendCompletions());
        WorkCompletion write = TestBed.await(p[0].sendCompletions());
        assertThat(send.workRequestId()).isEqualTo(1);
        assertThat(send.ok()).isTrue();
        assertThat(write.workRequestId()).isEqualTo(2);
        assertThat(write.ok()).isTrue();
        assertThat(writtenBeforeReceive[0]).as("the WRITE behind the NAKed SEND was not carried out early").isZero();
        assertThat(bed.readLong(1, 0x20000)).isEqualTo(0x1111);
        assertThat(bed.device[1].outOfSequenceDrops()).isEqualTo(1);
    }

    @Test
    void aSharedReceiveQueueFeedsTwoQueuePairs() {
        VerbsDevice server = bed.device[2];
        ReceiveQueue srq = server.createSharedReceiveQueue(4);
        CompletionQueue serverCq = server.createCompletionQueue(8);
        QueuePair fromA = server.createQueuePair(Transport.RC, serverCq, serverCq, 4, srq);
        QueuePair fromB = server.createQueuePair(Transport.RC, serverCq, serverCq, 4, srq);
        QueuePair a = bed.pair(0, Transport.RC);
        QueuePair b = bed.pair(1, Transport.RC);
        Verbs.connect(a, fromA);
        Verbs.connect(b, fromB);
        assertThat(srq.post(100, 0x1000, buffers[2].localKey(), 64)).isTrue();
        assertThat(fromB.postReceive(101, 0x2000, buffers[2].localKey(), 64)).as("posting through a pair of the SRQ")
                .isTrue();
        bed.fill(0, 0x100, 10, 1);
        bed.fill(1, 0x100, 20, 2);
        a.postSend(1, 0x100, buffers[0].localKey(), 10, 0);
        b.postSend(2, 0x100, buffers[1].localKey(), 20, 500 * TestParams.NS);
        WorkCompletion first = TestBed.await(serverCq);
        WorkCompletion second = TestBed.await(serverCq);
        assertThat(first.workRequestId()).isEqualTo(100);
        assertThat(first.queuePair()).isEqualTo(fromA.number());
        assertThat(first.sourceNode()).isEqualTo(0);
        assertThat(first.byteLength()).isEqualTo(10);
        assertThat(second.workRequestId()).isEqualTo(101);
        assertThat(second.queuePair()).isEqualTo(fromB.number());
        assertThat(second.sourceNode()).isEqualTo(1);
        assertThat(bed.bytes(2, 0x1000, 10)).containsExactly(TestBed.pattern(10, 1));
        assertThat(bed.bytes(2, 0x2000, 20)).containsExactly(TestBed.pattern(20, 2));
        assertThat(srq.posted()).isZero();
        assertThat(srq.consumed()).isEqualTo(2);
        assertThat(TestBed.await(a.sendCompletions()).ok()).isTrue();
        assertThat(TestBed.await(b.sendCompletions()).ok()).isTrue();
        // With the pool empty, the next sender meets receiver-not-ready.
        a.postSend(3, 0x100, buffers[0].localKey(), 10, bed.events.now());
        bed.at(bed.events.now() + RNR_DELAY / 2, () -> srq.post(102, 0x3000, buffers[2].localKey(), 64));
        assertThat(TestBed.await(a.sendCompletions()).ok()).isTrue();
        assertThat(server.rnrNaksSent()).isEqualTo(1);
        assertThat(TestBed.await(serverCq).workRequestId()).isEqualTo(102);
    }

    @Test
    void aReceiveBufferMustBeRegisteredForLocalWrite() {
        QueuePair q = bed.pair(1, Transport.RC);
        MemoryRegion readOnly = bed.device[1].register(0x5000, 0x100, Access.REMOTE_READ);
        assertThat(q.postReceive(1, 0x5000, readOnly.localKey(), 16)).isFalse();
        assertThat(q.postReceive(1, TestBed.MEMORY - 8, buffers[1].localKey(), 16)).isFalse();
        assertThat(q.receiveQueue().posted()).isZero();
    }

    @Test
    void datagramsGoToAnyPairAndCompleteWhenTheyLeaveTheNic() {
        QueuePair sender = bed.pair(0, Transport.UD);
        QueuePair one = bed.pair(1, Transport.UD);
        QueuePair two = bed.pair(2, Transport.UD);
        one.postReceive(11, 0x100, buffers[1].localKey(), 4096);
        two.postReceive(22, 0x200, buffers[2].localKey(), 4096);
        bed.fill(0, 0x1000, 4096, 6);
        assertThat(sender.postSendTo(1, one.number(), 1, 0x1000, buffers[0].localKey(), 4096, 0)).isTrue();
        assertThat(sender.postSendTo(2, two.number(), 2, 0x1000, buffers[0].localKey(), 100, 0)).isTrue();
        WorkCompletion sentOne = TestBed.await(sender.sendCompletions());
        WorkCompletion gotOne = TestBed.await(one.receiveCompletions());
        WorkCompletion gotTwo = TestBed.await(two.receiveCompletions());
        assertThat(sentOne.ok()).isTrue();
        assertThat(sentOne.completionTick()).as("no acknowledgement: complete once sent")
                .isLessThan(gotOne.completionTick());
        assertThat(gotOne.byteLength()).isEqualTo(4096);
        assertThat(gotOne.sourceNode()).isEqualTo(0);
        assertThat(gotOne.sourceQueuePair()).isEqualTo(sender.number());
        assertThat(gotTwo.byteLength()).isEqualTo(100);
        assertThat(bed.bytes(1, 0x100, 4096)).containsExactly(TestBed.pattern(4096, 6));
        assertThat(bed.bytes(2, 0x200, 100)).containsExactly(TestBed.pattern(100, 6));
        assertThat(TestBed.await(sender.sendCompletions()).workRequestId()).isEqualTo(2);
        assertThat(bed.fabric.messages(MessageType.RDMA_SEND_UD)).isEqualTo(2);
        assertThat(bed.fabric.messages(MessageType.RDMA_ACK)).isZero();
    }

    @Test
    void aDatagramAboveTheMtuIsRejectedUnsent() {
        QueuePair sender = bed.pair(0, Transport.UD);
        QueuePair receiver = bed.pair(1, Transport.UD);
        receiver.postReceive(11, 0x100, buffers[1].localKey(), 8192);
        sender.postSendTo(1, receiver.number(), 1, 0x1000, buffers[0].localKey(), TestParams.MTU + 1, 0);
        WorkCompletion wc = TestBed.await(sender.sendCompletions());
        assertThat(wc.status()).isEqualTo(WorkStatus.LOCAL_LENGTH_ERROR);
        bed.runAll();
        assertThat(bed.fabric.messages()).isZero();
        assertThat(receiver.receiveQueue().posted()).isEqualTo(1);
        // The pair stays usable for a datagram that fits.
        sender.postSendTo(1, receiver.number(), 2, 0x1000, buffers[0].localKey(), TestParams.MTU, bed.events.now());
        assertThat(TestBed.await(sender.sendCompletions()).ok()).isTrue();
        assertThat(TestBed.await(receiver.receiveCompletions()).byteLength()).isEqualTo(TestParams.MTU);
    }

    @Test
    void aDatagramWithNoReceivePostedIsLost() {
        QueuePair sender = bed.pair(0, Transport.UD);
        QueuePair receiver = bed.pair(1, Transport.UD);
        sender.postSendTo(1, receiver.number(), 1, 0x1000, buffers[0].localKey(), 64, 0);
        assertThat(TestBed.await(sender.sendCompletions()).ok()).isTrue();
        bed.runAll();
        assertThat(bed.device[1].datagramsDropped()).isEqualTo(1);
        assertThat(receiver.receiveCompletions().pending()).isZero();
        assertThat(bed.device[1].rnrNaksSent()).isZero();
    }

    @Test
    void verbsCheckTheirTransport() {
        QueuePair ud = bed.pair(0, Transport.UD);
        QueuePair rc = bed.pair(0, Transport.RC);
        assertThatThrownBy(() -> ud.postRead(1, 0, buffers[0].localKey(), 8, 0, 1, 0))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rc.postSendTo(1, 1, 1, 0, buffers[0].localKey(), 8, 0))
                .isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> rc.postSend(1, 0, buffers[0].localKey(), 8, 0)).as("not connected")
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anOverrunCompletionQueueStopsTheRun() {
        VerbsDevice d = bed.device[0];
        QueuePair sender = d.createQueuePair(Transport.UD, d.createCompletionQueue(2), d.createCompletionQueue(2), 8, 2);
        QueuePair receiver = bed.pair(1, Transport.UD);
        for (int i = 0; i < 3; i++) {
            sender.postSendTo(1, receiver.number(), i, 0, buffers[0].localKey(), 8, 0);
        }
        assertThatThrownBy(bed::runAll).isInstanceOf(IllegalStateException.class).hasMessageContaining("overrun");
    }
}
