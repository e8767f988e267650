package dev.splitsim.fabric;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.fabric.msg.MessageType;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

final class FabricTest {
    private static final long NS = 1000;

    private static Fabric fabric() {
        return new Fabric(new FabricParams(1000 * NS, 64_000_000_000L, 40_000_000_000L, 10 * NS, 100 * NS));
    }

    @Test
    void latencyIsTheSumOfItsStages() {
        Fabric f = fabric();
        int a = f.addNode("a");
        int b = f.addNode("b");
        Delivery d = f.send(MessageType.P2M_PCACHE_MISS, a, b, 0, 0, new Delivery());
        // 40 B: NIC 2 x 1 us + 5 ns DMA; wire 8 ns + 2 x 10 ns; switch 100 ns.
        assertThat(d.nicTicks).isEqualTo(2_005_000);
        assertThat(d.wireTicks).isEqualTo(28_000);
        assertThat(d.switchTicks).isEqualTo(100_000);
        assertThat(d.queueTicks).isZero();
        assertThat(d.latencyTicks()).isEqualTo(d.nicTicks + d.wireTicks + d.switchTicks);
    }

    @Test
    void aMessageWaitsBehindEarlierTrafficOnItsLink() {
        Fabric f = fabric();
        int a = f.addNode("a");
        int b = f.addNode("b");
        int c = f.addNode("c");
        Delivery first = f.send(MessageType.M2P_PCACHE_LINE, a, b, 4096, 0, new Delivery());
        Delivery second = f.send(MessageType.M2P_PCACHE_LINE, c, b, 4096, 0, new Delivery());
        assertThat(first.queueTicks).isZero();
        // Both reach the switch together; the second waits for b's downlink to carry the first 4 KiB
        // (819.2 ns), then for b's one poller, busy 1 us with the first message (180.8 ns more).
        assertThat(second.queueTicks).isEqualTo(819_200 + 180_800);
        assertThat(second.arriveTick - first.arriveTick).isEqualTo(1_000_000);
        Delivery other = f.send(MessageType.M2P_PCACHE_LINE, a, c, 4096, 0, new Delivery());
        assertThat(other.queueTicks).as("a's uplink is busy with the first message").isEqualTo(819_200);
    }

    @Test
    void aMessageSentLaterButEarlierInTimeDoesNotQueueBehind() {
        Fabric f = fabric();
        int a = f.addNode("a");
        int b = f.addNode("b");
        // Cores take turns: the message of the core that is ahead is sent first.
        Delivery ahead = f.send(MessageType.M2P_PCACHE_LINE, a, b, 4096, 50_000_000, new Delivery());
        Delivery behind = f.send(MessageType.M2P_PCACHE_LINE, a, b, 4096, 0, new Delivery());
        assertThat(ahead.queueTicks).isZero();
        assertThat(behind.queueTicks).isZero();
        assertThat(behind.arriveTick).isLessThan(ahead.sendTick);
        // One that overlaps the earlier booking in time waits for it.
        Delivery overlapping = f.send(MessageType.M2P_PCACHE_LINE, a, b, 4096, 50_000_000, new Delivery());
        assertThat(overlapping.queueTicks).isPositive();
    }

    @Test
    void countsAndTracesEveryMessage() {
        Fabric f = fabric();
        int a = f.addNode("pcomp0");
        int b = f.addNode("mcomp0");
        List<MessageRecord> trace = new ArrayList<>();
        f.setTrace(trace::add);
        f.setCause(0, 0x1000, 0x2000);
        Delivery d = f.send(MessageType.P2M_PCACHE_FLUSH, a, b, 4096, 5, new Delivery());
        f.record(MessageType.P2M_PCACHE_FLUSH, a, b, 4096, d, d.arriveTick + 7, "x");
        assertThat(f.messages()).isEqualTo(1);
        assertThat(f.bytes()).isEqualTo(4128);
        assertThat(f.bytes(MessageType.P2M_PCACHE_FLUSH)).isEqualTo(4128);
        assertThat(trace).hasSize(1);
        MessageRecord r = trace.get(0);
        assertThat(r.sequence()).isZero();
        assertThat(r.bytes()).isEqualTo(4128);
        assertThat(r.sendTick()).isEqualTo(5);
        assertThat(r.handledTick()).isEqualTo(d.arriveTick + 7);
        assertThat(r.pc()).isEqualTo(0x1000);
        assertThat(r.vaddr()).isEqualTo(0x2000);
        assertThat(r.replyTo()).isEqualTo(-1);
        assertThat(r.nicTicks() + r.wireTicks() + r.switchTicks() + r.queueTicks())
                .isEqualTo(r.arriveTick() - r.sendTick());
        Delivery ack = f.send(MessageType.M2P_FLUSH_ACK, b, a, 0, r.handledTick(), new Delivery());
        f.record(MessageType.M2P_FLUSH_ACK, b, a, 0, ack, ack.arriveTick, null, r.sequence());
        assertThat(trace.get(1).replyTo()).isZero();
        assertThat(trace.get(1).inFlightAt(ack.arriveTick - 1)).isTrue();
        assertThat(trace.get(1).inFlightAt(ack.arriveTick)).isFalse();
    }

    @Test
    void catalogueSizesFollowLegoos() {
        assertThat(MessageType.P2M_PCACHE_MISS.headerBytes()).isEqualTo(40);
        assertThat(MessageType.P2M_PCACHE_FLUSH.headerBytes() + 4096).isEqualTo(4128);
        assertThat(MessageType.P2M_PCACHE_MISS_FLUSH.headerBytes() + 4096).isEqualTo(4168);
        assertThat(MessageType.M2P_FLUSH_ACK.headerBytes()).isEqualTo(4);
        for (MessageType t : MessageType.values()) {
            if (t.isRequest()) {
                assertThat(t.reply()).as(t.name()).isNotNull();
                assertThat(t.reply().isRequest()).as(t.name()).isFalse();
            } else {
                assertThat(t.reply()).as(t.name()).isNull();
            }
        }
    }
}
