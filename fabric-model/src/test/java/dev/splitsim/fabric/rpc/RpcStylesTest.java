package dev.splitsim.fabric.rpc;

import static dev.splitsim.fabric.TestParams.COMPLETION;
import static dev.splitsim.fabric.TestParams.NIC;
import static dev.splitsim.fabric.TestParams.POST;
import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.event.EventQueue;
import dev.splitsim.fabric.TestParams;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.fabric.net.NicParams;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What each RPC style does to a split-kernel message: the receives it needs and what happens without
 * one, the packets a datagram above the MTU goes as, and the connection state a server's NIC holds.
 */
final class RpcStylesTest {
    private static final long RNR = 10_000_000;
    private static final long TIMEOUT = 50_000_000;
    private static final long FETCH = 500_000;

    private EventQueue events;
    private Fabric fabric;
    private final List<Long> answered = new ArrayList<>();

    private void build(RpcStyle style, int receiveDepth, int srqDepth, NicParams nic) {
        answered.clear();
        events = new EventQueue();
        fabric = new Fabric(TestParams.fabric(), events, nic, new RpcParams(style, 1, receiveDepth, srqDepth, RNR, TIMEOUT, 4096));
        fabric.addNode("client");
        fabric.addNode("server");
        fabric.attach(1, (m, tick) -> {
            Message r = fabric.replyTo(m).set("status", 0);
            fabric.post(r, tick);
            fabric.handled(m, -1, tick, tick);
        });
        fabric.attach(0, (m, tick) -> {
            answered.add(tick);
            fabric.handled(m, -1, tick, tick);
        });
    }

    private long ping(int endpoint, int bytes, long tick) {
        Message m = fabric.obtain(MessageType.RPC_PING, 0, 1).endpoint(endpoint);
        m.data(bytes);
        return fabric.post(m, tick);
    }

    private void runAll() {
        while (events.runNext()) {
            // drain
        }
    }

    private long roundTrip(RpcStyle style, int bytes) {
        build(style, 64, 64, NicParams.UNBOUNDED);
        ping(0, bytes, 0);
        runAll();
        return answered.get(0);
    }

    @Test
    void connectedStylesTakeAsLongAsLegoosWhenNothingRunsShort() {
        long legoos = roundTrip(RpcStyle.LEGOOS, 100);
        assertThat(roundTrip(RpcStyle.RC_SEND, 100)).isEqualTo(legoos);
        assertThat(roundTrip(RpcStyle.HERD, 100)).isEqualTo(legoos);
        assertThat(roundTrip(RpcStyle.UD_SRQ, 100)).as("one packet either way").isEqualTo(legoos);
    }

    @Test
    void aDatagramAboveTheMtuGoesAsSeveralPacketsEachPostedPassedAndPolled() {
        long legoos = roundTrip(RpcStyle.LEGOOS, 10_000);
        long datagrams = roundTrip(RpcStyle.UD_SRQ, 10_000);
        // 10,008 bytes on the wire: three packets of at most 4 KiB, so two more posts, two more
        // passes through each NIC engine and two more completions than the one connected message.
        assertThat(datagrams - legoos).isEqualTo(2 * (POST + 2 * NIC + COMPLETION));
        Message m = fabric.obtain(MessageType.RPC_PING, 0, 1);
        m.data(10_000);
        fabric.post(m, events.now());
        assertThat(m.packets()).isEqualTo(3);
        runAll();
    }

    @Test
    void rcSendWithoutAPostedReceiveIsNakedAndSentAgainAfterTheRnrDelay() {
        build(RpcStyle.RC_SEND, 1, 64, NicParams.UNBOUNDED);
        ping(0, 100, 0);
        ping(0, 100, 0);
        runAll();
        assertThat(fabric.rnrNaks()).isEqualTo(1);
        assertThat(answered).hasSize(2);
        assertThat(answered.get(1) - answered.get(0)).as("the second waited out the RNR timer").isGreaterThan(RNR);
    }

    @Test
    void udSrqDropsADatagramWithNoReceiveAndSendsItAgainAfterTheTimeout() {
        build(RpcStyle.UD_SRQ, 64, 1, NicParams.UNBOUNDED);
        ping(0, 100, 0);
        ping(1, 100, 0);
        runAll();
        assertThat(fabric.datagramsLost()).isEqualTo(1);
        assertThat(answered).hasSize(2);
        assertThat(answered.get(1)).isGreaterThan(TIMEOUT);
        assertThat(fabric.rnrNaks()).isZero();
    }

    /** Three clients, one request each in turn, on a server NIC that holds two connections' state. */
    private Fabric threeClientsRoundRobin(RpcStyle style) {
        build(style, 64, 64, new NicParams(2, 2, FETCH));
        long t = 0;
        for (int round = 0; round < 4; round++) {
            for (int client = 0; client < 3; client++) {
                ping(client, 16, t);
                runAll();
                t = events.now() + 1_000_000;
            }
        }
        return fabric;
    }

    @Test
    void connectionsBeyondTheNicCacheMissOnEveryMessage() {
        Fabric f = threeClientsRoundRobin(RpcStyle.RC_SEND);
        // A request looks up its connection's context and receive buffers at the server; after the
        // first round (the connections' set-up) both miss every time. Its reply then finds the context.
        assertThat(f.node(1).contexts().misses()).isEqualTo(9);
        assertThat(f.node(1).translations().misses()).isEqualTo(9);
        assertThat(f.node(1).contexts().hits()).as("the first round's requests and every reply").isEqualTo(3 + 12);
    }

    @Test
    void datagramsWithASharedReceiveQueueHoldOneContextWhateverTheClients() {
        Fabric f = threeClientsRoundRobin(RpcStyle.UD_SRQ);
        assertThat(f.node(1).contexts().misses()).isZero();
        assertThat(f.node(1).translations().misses()).isZero();
    }

    @Test
    void aMissStallsTheEngineForTheFetch() {
        long hit = roundTrip(RpcStyle.RC_SEND, 16);
        build(RpcStyle.RC_SEND, 64, 64, new NicParams(0, 0, FETCH));
        ping(0, 16, 0);
        runAll();
        // Nothing cached: the client's context for the request and the reply's context and buffer;
        // the server's context and buffer for the request and its context for the reply.
        assertThat(answered.get(0) - hit).isEqualTo(6 * FETCH);
    }
}
