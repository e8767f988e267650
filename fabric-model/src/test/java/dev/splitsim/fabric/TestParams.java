package dev.splitsim.fabric;

import dev.splitsim.fabric.net.FabricParams;
import dev.splitsim.fabric.verbs.VerbsParams;

/**
 * Round-numbered fabric timing for unit tests, so expected latencies can be written out by hand:
 * ring DMA 0.1 ns/B, region DMA 1 ns/B, the link 0.2 ns/B.
 */
public final class TestParams {
    private TestParams() {}

    public static final long NS = 1000;
    public static final long POST = 100 * NS;
    public static final long NIC = 200 * NS;
    public static final long COMPLETION = 100 * NS;
    public static final long RPC = 500 * NS;
    public static final long PCIE = 500 * NS;
    public static final long RESPONDER_READ = 1000 * NS;
    public static final int INLINE = 64;
    public static final long PROPAGATION = 10 * NS;
    public static final long SWITCH = 100 * NS;
    /** Ticks per byte of ring DMA, region DMA and the link. */
    public static final long RING_PER_BYTE = 100;
    public static final long REGION_PER_BYTE = 1000;
    public static final long LINK_PER_BYTE = 200;
    public static final long RNR_DELAY = 10_000 * NS;
    public static final int RNR_RETRIES = 3;
    public static final int MTU = 4096;

    /**
     * One raw verb's trip for {@code wire} bytes: an engine pass and region DMA at each end, the link
     * once (cut-through), both propagations and the switch.
     */
    public static long regionHop(long wire) {
        return 2 * (NIC + wire * REGION_PER_BYTE) + 2 * PROPAGATION + SWITCH + wire * LINK_PER_BYTE;
    }

    public static FabricParams fabric() {
        return new FabricParams(POST, NIC, COMPLETION, RPC, 80_000_000_000L, 8_000_000_000L, PCIE, RESPONDER_READ,
                INLINE, 40_000_000_000L, PROPAGATION, SWITCH);
    }

    public static VerbsParams verbs() {
        return new VerbsParams(RNR_DELAY, RNR_RETRIES, MTU);
    }
}
