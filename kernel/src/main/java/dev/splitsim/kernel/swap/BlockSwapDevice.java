package dev.splitsim.kernel.swap;

import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.devices.block.BlockDevice;

/** A swap area on a block device (an NVMe SSD, a ramdisk): the device's timing, the area's bytes. */
public final class BlockSwapDevice implements SwapDevice {
    private static final int PAGE = PageProvider.PAGE_SIZE;

    private final BlockDevice device;
    private final SwapSpace space;

    public BlockSwapDevice(BlockDevice device, SwapSpace space) {
        this.device = device;
        this.space = space;
    }

    @Override
    public long read(long tick, long slot, int count, byte[][] pages, int first) {
        for (int i = 0; i < count; i++) {
            space.read((slot + i) * PAGE, pages[first + i], 0, PAGE);
        }
        return device.access(tick, (long) count * PAGE, false);
    }

    @Override
    public void write(long tick, long slot, int count, byte[][] pages, int first) {
        for (int i = 0; i < count; i++) {
            space.write((slot + i) * PAGE, pages[first + i], 0, PAGE);
        }
        device.access(tick, (long) count * PAGE, true);
    }

    @Override
    public SwapSpace space() {
        return space;
    }

    @Override
    public void registerStats(StatGroup g) {
        g.reading("device_requests", "requests", "requests the swap device served", device::requests);
        g.reading("device_reads", "B", "bytes read from the swap device", device::bytesRead);
        g.reading("device_writes", "B", "bytes written to the swap device", device::bytesWritten);
        g.reading("device_busy_ps", "ps", "time the swap device was busy", device::busyTicks);
        g.reading("device_wait_ps", "ps", "time requests waited for the busy swap device", device::waitTicks);
    }
}
