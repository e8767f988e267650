package dev.splitsim.fabric.net;

import static dev.splitsim.fabric.TestParams.COMPLETION;
import static dev.splitsim.fabric.TestParams.LINK_PER_BYTE;
import static dev.splitsim.fabric.TestParams.NIC;
import static dev.splitsim.fabric.TestParams.PCIE;
import static dev.splitsim.fabric.TestParams.POST;
import static dev.splitsim.fabric.TestParams.PROPAGATION;
import static dev.splitsim.fabric.TestParams.RING_PER_BYTE;
import static dev.splitsim.fabric.TestParams.RPC;
import static dev.splitsim.fabric.TestParams.SWITCH;
import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.event.EventQueue;
import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.fabric.TestParams;
import dev.splitsim.fabric.msg.MessageType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The hops of a message, one event each, in order and with the latency the parameters give; two
 * messages on one resource queue one behind the other; messages come from a pool that stops growing.
 */
final class FabricHopsTest {
    private EventQueue events;
    private Fabric fabric;
    private int a;
    private int b;
    private int c;
    private final List<MessageRecord> records = new ArrayList<>();
    private final List<Message> delivered = new ArrayList<>();

    @BeforeEach
    void threeNodes() {
        events = new EventQueue();
        fabric = new Fabric(TestParams.fabric(), events);
        a = fabric.addNode("a");
        b = fabric.addNode("b");
        c = fabric.addNode("c");
        fabric.setTrace(records::add);
        Receiver keep = (m, tick) -> {
            delivered.add(m);
            fabric.handled(m, -1, tick, tick);
        };
        fabric.attach(a, keep);
        fabric.attach(b, keep);
        fabric.attach(c, keep);
    }

    private Message ping(int from, int to, int dataBytes) {
        Message m = fabric.obtain(MessageType.RPC_PING, from, to);
        m.data(dataBytes);
        return m;
    }

    private void runAll() {
        while (events.runNext()) {
            // run
        }
    }

    @Test
    void hopsFollowEachOtherWithTheModelsLatency() {
        int data = 1000;
        long wire = MessageType.RPC_PING.headerBytes() + data;
        fabric.post(ping(a, b, data), 0);
        runAll();
        assertThat(records).hasSize(1);
        MessageRecord r = records.get(0);
        MessageRecord.Occupancy o = r.occupancy();
        long txStart = POST + RPC;
        long txEnd = txStart + NIC + PCIE + wire * RING_PER_BYTE;
        long downStart = txEnd + PROPAGATION + SWITCH;
        long downEnd = downStart + wire * LINK_PER_BYTE;
        long rxStart = downEnd + PROPAGATION;
        long rxEnd = rxStart + NIC + wire * RING_PER_BYTE;
        long delivered = rxEnd + COMPLETION + RPC;
        assertThat(o.txStart()).isEqualTo(txStart);
        assertThat(o.txEnd()).isEqualTo(txEnd);
        assertThat(o.upStart()).isEqualTo(txEnd);
        assertThat(o.upEnd()).isEqualTo(txEnd + wire * LINK_PER_BYTE);
        assertThat(o.downStart()).isEqualTo(downStart);
        assertThat(o.downEnd()).isEqualTo(downEnd);
        assertThat(o.rxStart()).isEqualTo(rxStart);
        assertThat(o.rxEnd()).isEqualTo(rxEnd);
        assertThat(o.pollStart()).isEqualTo(rxEnd);
        assertThat(o.pollEnd()).isEqualTo(delivered);
        assertThat(r.arriveTick()).isEqualTo(delivered);
        assertThat(r.queueTicks()).isZero();
        assertThat(events.fired()).as("one event per hop").isEqualTo(6);
    }

    @Test
    void twoMessagesFromOneNodeQueueOnItsEngineAndLink() {
        int data = 4000;
        long wire = MessageType.RPC_PING.headerBytes() + data;
        fabric.post(ping(a, b, data), 0);
        fabric.post(ping(a, b, data), 0);
        runAll();
        assertThat(records).hasSize(2);
        MessageRecord.Occupancy first = records.get(0).occupancy();
        MessageRecord.Occupancy second = records.get(1).occupancy();
        long engine = NIC + PCIE + wire * RING_PER_BYTE;
        assertThat(second.txStart()).isEqualTo(first.txEnd());
        assertThat(second.txEnd()).isEqualTo(first.txEnd() + engine);
        // The engine is slower than the link, so the second message finds the link free again.
        assertThat(second.upStart()).isEqualTo(second.txEnd());
        assertThat(second.rxStart()).isGreaterThanOrEqualTo(first.rxEnd());
        assertThat(records.get(0).queueTicks()).isZero();
        assertThat(records.get(1).queueTicks()).isGreaterThanOrEqualTo(engine);
        assertThat(fabric.node(a).uplink().jobs()).isEqualTo(2);
        assertThat(fabric.node(b).poller().jobs()).isEqualTo(2);
    }

    @Test
    void twoSendersToOneReceiverQueueOnItsDownlink() {
        int data = 4000;
        long wire = MessageType.RPC_PING.headerBytes() + data;
        fabric.post(ping(a, c, data), 0);
        fabric.post(ping(b, c, data), 0);
        runAll();
        MessageRecord.Occupancy first = records.get(0).occupancy();
        MessageRecord.Occupancy second = records.get(1).occupancy();
        assertThat(first.downStart()).isEqualTo(second.downStart() - wire * LINK_PER_BYTE);
        assertThat(second.downStart()).isEqualTo(first.downEnd());
        assertThat(records.get(1).queueTicks()).isGreaterThanOrEqualTo(wire * LINK_PER_BYTE);
        assertThat(fabric.node(c).downlink().jobsWaited()).isEqualTo(1);
        assertThat(fabric.node(c).downlink().waitTicks()).isEqualTo(wire * LINK_PER_BYTE);
    }

    @Test
    void thePoolStopsGrowingOnceWarm() {
        fabric.setTrace(null);
        for (int burst = 0; burst < 20; burst++) {
            for (int i = 0; i < 8; i++) {
                fabric.post(ping(i % 2 == 0 ? a : c, b, 100 * i), burst * 1_000_000_000L);
            }
            runAll();
            if (burst == 0) {
                assertThat(fabric.messageObjects()).isEqualTo(8);
            }
        }
        assertThat(delivered).hasSize(160);
        assertThat(fabric.messageObjects()).as("message objects ever made").isEqualTo(8);
        assertThat(fabric.inFlight()).isZero();
    }
}
