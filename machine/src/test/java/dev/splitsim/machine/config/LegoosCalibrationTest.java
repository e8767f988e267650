package dev.splitsim.machine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.event.EventQueue;
import dev.splitsim.core.event.Resource;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.kernel.remote.RpcClient;
import dev.splitsim.machine.Machine;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The legoos profile's fabric reproduces the LegoOS RPC round trips (docs/reference.md, LegoOS
 * RPC latency) within 10%: a request of each size posted through the LegoOS transport
 * (WRITE_WITH_IMM into the receiver's ring, its poller, a handler with the memory monitor's
 * dispatch time, an RDMA WRITE back), run on the event queue.
 */
final class LegoosCalibrationTest {
    @ParameterizedTest(name = "{0} B RPC round trip ~ {1} us")
    @CsvSource({"128, 4.63", "256, 4.76", "512, 4.90", "1024, 5.35", "2048, 6.05", "4096, 6.52"})
    void rpcRoundTripMatchesLegoos(int bytes, double microseconds) {
        Config c = Profiles.load("legoos", List.of());
        Fabric f = new Fabric(Machine.fabricParams(c), new EventQueue());
        int cpu = f.addNode("pcomp0");
        int mem = f.addNode("mcomp0");
        long dispatch = c.getLong(MachineKeys.MEMORY_DISPATCH);
        Resource worker = new Resource("worker");
        f.attach(mem, (m, tick) -> {
            long start = worker.serve(tick, dispatch);
            Message pong = f.replyTo(m).set("status", 0);
            f.post(pong, start + dispatch);
            f.handled(m, 0, start, start + dispatch);
        });
        RpcClient rpc = new RpcClient(f, cpu);
        Message ping = rpc.request(MessageType.RPC_PING, mem);
        ping.data(bytes - MessageType.RPC_PING.headerBytes());
        Message pong = rpc.call(ping, 0);
        double us = pong.deliverTick() / 1e6;
        assertThat(pong.type()).isEqualTo(MessageType.RPC_PONG);
        assertThat(worker.jobs()).isEqualTo(1);
        assertThat(us).isBetween(microseconds * 0.9, microseconds * 1.1);
    }
}
