package dev.splitsim.mem.phys;

import dev.splitsim.core.host.HostMemoryBudget;
import it.unimi.dsi.fastutil.longs.Long2ObjectOpenHashMap;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * A memory component's physical memory: frames of {@link #FRAME_SIZE} bytes that exist on the host
 * only once touched, so a large simulated capacity costs only the frames in use.
 */
public final class PhysicalMemory {
    public static final int FRAME_SHIFT = 12;
    public static final int FRAME_SIZE = 1 << FRAME_SHIFT;
    private static final VarHandle LE64 = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private final long capacityFrames;
    private final Long2ObjectOpenHashMap<byte[]> frames = new Long2ObjectOpenHashMap<>();
    /** The host's share: a frame takes a page of it while it is backed by host memory. */
    private final HostMemoryBudget budget;

    public PhysicalMemory(long capacityBytes) {
        this(capacityBytes, HostMemoryBudget.unlimited());
    }

    public PhysicalMemory(long capacityBytes, HostMemoryBudget budget) {
        this.capacityFrames = capacityBytes >>> FRAME_SHIFT;
        this.budget = budget;
    }

    public long capacityFrames() {
        return capacityFrames;
    }

    /** The bytes of frame {@code pfn}, zero on first touch. */
    public byte[] frame(long pfn) {
        if (pfn < 0 || pfn >= capacityFrames) {
            throw new IllegalArgumentException("frame " + pfn + " is outside physical memory");
        }
        byte[] f = frames.get(pfn);
        if (f == null) {
            budget.take();
            f = new byte[FRAME_SIZE];
            frames.put(pfn, f);
        }
        return f;
    }

    /** Gives a frame's host memory back; its contents read as zero afterwards. */
    public void release(long pfn) {
        if (frames.remove(pfn) != null) {
            budget.give();
        }
    }

    public long readLong(long paddr) {
        return (long) LE64.get(frame(paddr >>> FRAME_SHIFT), (int) paddr & (FRAME_SIZE - 1));
    }

    public void writeLong(long paddr, long value) {
        LE64.set(frame(paddr >>> FRAME_SHIFT), (int) paddr & (FRAME_SIZE - 1), value);
    }

    /** Frames backed by host memory right now. */
    public long residentFrames() {
        return frames.size();
    }
}
