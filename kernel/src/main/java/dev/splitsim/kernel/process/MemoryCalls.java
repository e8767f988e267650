package dev.splitsim.kernel.process;

import dev.splitsim.kernel.Errno;
import dev.splitsim.kernel.memory.VirtualMemory;

/**
 * The virtual-memory system calls: brk, mmap, munmap, mprotect, mremap, madvise. The memory monitor
 * that owns the process's areas does each one; here the process monitor only sends it (with the
 * storage monitor's id of a mapped file), clears the range from the CPU side's caches before a call
 * that unmaps, restricts or moves it (writing dirty lines back first unless they are unmapped), and
 * updates its mirror of the areas from the reply (whose cleared ranges also leave the caches: what a
 * new mapping replaced).
 */
final class MemoryCalls {
    private final AddressSpace memory;
    private final RemoteServices remote;
    private final FileCalls files;
    private final long brkStart;
    /** The break as the last reply gave it, to know what a shrinking brk unmaps. */
    private long brkTop;
    /** What /proc/self/maps says of file mappings, which the mirror's areas do not record. */
    private final ProcMaps maps;

    MemoryCalls(AddressSpace memory, RemoteServices remote, FileCalls files, long brk, ProcMaps maps) {
        this.memory = memory;
        this.remote = remote;
        this.files = files;
        this.brkStart = brk;
        this.brkTop = brk;
        this.maps = maps;
    }

    long brkStart() {
        return brkStart;
    }

    long brkTop() {
        return brkTop;
    }

    /** The reply's result, after its area records have updated the mirror. */
    private long mirrored(long result) {
        memory.apply(remote.records());
        return result;
    }

    long brk(long requested) {
        long[] shrink = VirtualMemory.brkShrink(brkStart, brkTop, requested);
        if (shrink != null) {
            memory.beforeChange(shrink[0], shrink[1], true);
        }
        brkTop = mirrored(remote.brk(requested));
        return brkTop;
    }

    long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        boolean anonymous = (flags & VirtualMemory.MAP_ANONYMOUS) != 0;
        if (!anonymous && files.isZeroDevice(fd)) {
            // A mapping of /dev/zero is anonymous memory, private or shared alike in one process.
            flags |= VirtualMemory.MAP_ANONYMOUS;
            anonymous = true;
        } else if (!anonymous && files.isLocal(fd)) {
            return -Errno.ENODEV;
        }
        OpenFile f = anonymous ? null : files.stored(fd);
        long r = mirrored(remote.mmap(addr, length, prot, flags, f == null ? -1 : f.storageId, offset,
                f == null ? null : f.name));
        if (r >= 0 && r < AddressSpace.USER_END) {
            long end = AddressSpace.pageUp(r + length);
            if (f != null) {
                maps.mapped(r, end, f.path, offset, (flags & MAP_SHARED) != 0);
            } else {
                maps.forget(r, end);
            }
        }
        return r;
    }

    private static final int MAP_SHARED = 1;

    long munmap(long addr, long length) {
        if (VirtualMemory.munmapValid(addr, length)) {
            memory.beforeChange(addr, AddressSpace.pageUp(addr + length), true);
            maps.forget(addr, AddressSpace.pageUp(addr + length));
        }
        return mirrored(remote.munmap(addr, length));
    }

    long mprotect(long addr, long length, int prot) {
        long end = AddressSpace.pageUp(addr + length);
        if (VirtualMemory.userRange(addr, length) && memory.areas().covered(addr, end)) {
            memory.beforeChange(addr, end, false);
        }
        return mirrored(remote.mprotect(addr, length, prot));
    }

    long mremap(long old, long oldLen, long newLen, int flags) {
        long oldSize = AddressSpace.pageUp(oldLen);
        long newSize = AddressSpace.pageUp(newLen);
        if (VirtualMemory.mremapMoves(memory.areas(), old, oldLen, newLen, flags)) {
            // The memory monitor moves the bytes: it must have them all.
            memory.beforeChange(old, old + oldSize, false);
        } else if (VirtualMemory.mremapLengthsValid(old, oldLen, newLen) && memory.areaAt(old) != null
                && (old & (AddressSpace.PAGE_BYTES - 1)) == 0 && newSize < oldSize) {
            memory.beforeChange(old + newSize, old + oldSize, true);
        }
        return mirrored(remote.mremap(old, oldLen, newLen, flags));
    }

    /** madvise: advice changes nothing here, and costs no call. */
    long madvise() {
        return 0;
    }
}
