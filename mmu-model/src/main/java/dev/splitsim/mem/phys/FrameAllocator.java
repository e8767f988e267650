package dev.splitsim.mem.phys;

import it.unimi.dsi.fastutil.longs.LongArrayList;

/** Hands out physical frames: freed frames first (most recent first), then never-used ones in order. */
public final class FrameAllocator {
    private final PhysicalMemory memory;
    private final LongArrayList free = new LongArrayList();
    private long nextUnused;
    private long inUse;

    public FrameAllocator(PhysicalMemory memory) {
        this.memory = memory;
    }

    /** A zeroed frame, or -1 when physical memory is full. */
    public long allocate() {
        long pfn;
        if (!free.isEmpty()) {
            pfn = free.popLong();
        } else if (nextUnused < memory.capacityFrames()) {
            pfn = nextUnused++;
        } else {
            return -1;
        }
        inUse++;
        return pfn;
    }

    public void free(long pfn) {
        memory.release(pfn);
        free.push(pfn);
        inUse--;
    }

    public long framesInUse() {
        return inUse;
    }

    public long framesFree() {
        return memory.capacityFrames() - inUse;
    }
}
