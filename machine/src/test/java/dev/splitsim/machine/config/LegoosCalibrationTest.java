package dev.splitsim.machine.config;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.config.Config;
import dev.splitsim.fabric.Delivery;
import dev.splitsim.fabric.Fabric;
import dev.splitsim.fabric.FabricParams;
import dev.splitsim.fabric.msg.MessageType;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The legoos profile's fabric reproduces the LegoOS RPC round trips (REFERENCE.md) within 10%. */
final class LegoosCalibrationTest {
    @ParameterizedTest(name = "{0} B RPC round trip ~ {1} us")
    @CsvSource({"128, 4.63", "256, 4.76", "512, 4.90", "1024, 5.35", "2048, 6.05", "4096, 6.52"})
    void rpcRoundTripMatchesLegoos(int bytes, double microseconds) {
        Config c = Profiles.load("legoos", List.of());
        Fabric f = new Fabric(new FabricParams(c.getLong(MachineKeys.FABRIC_NIC_OVERHEAD),
                c.getLong(MachineKeys.FABRIC_NIC_DMA), c.getLong(MachineKeys.FABRIC_LINK),
                c.getLong(MachineKeys.FABRIC_PROPAGATION), c.getLong(MachineKeys.FABRIC_SWITCH)));
        int cpu = f.addNode("pcomp0");
        int mem = f.addNode("mcomp0");
        Delivery req = f.send(MessageType.RPC_PING, cpu, mem, bytes - MessageType.RPC_PING.headerBytes(), 0,
                new Delivery());
        long handled = req.arriveTick + c.getLong(MachineKeys.MEMORY_DISPATCH);
        Delivery rep = f.send(MessageType.RPC_PONG, mem, cpu, 0, handled, new Delivery());
        double us = rep.arriveTick / 1e6;
        assertThat(us).isBetween(microseconds * 0.9, microseconds * 1.1);
    }
}
