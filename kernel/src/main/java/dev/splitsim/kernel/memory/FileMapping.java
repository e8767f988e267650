package dev.splitsim.kernel.memory;

import dev.splitsim.kernel.storage.FileCall;

/**
 * A file mapping being made at the memory monitor: the file's bytes arrive from the storage monitor
 * a chunk at a time (up to the mapping's length or the file's end; the rest stays zero), and the
 * area is mapped once the first chunk shows the file can be read, so a descriptor that cannot be
 * read fails cleanly.
 */
final class FileMapping {
    /** {@link #arrived}'s answer while more of the file is wanted. */
    static final long MORE = Long.MIN_VALUE;

    final int pid;
    final long file;
    private final long addr;
    private final long length;
    private final int prot;
    private final int flags;
    private final long offset;
    private final String name;
    private long start = -1;
    private long done;
    private int asked;

    FileMapping(int pid, long file, long addr, long length, int prot, int flags, long offset, String name) {
        this.pid = pid;
        this.file = file;
        this.addr = addr;
        this.length = length;
        this.prot = prot;
        this.flags = flags;
        this.offset = offset;
        this.name = name;
    }

    /** The file offset of the next chunk to read. */
    long nextOffset() {
        return offset + done;
    }

    /** The length of the next chunk to read. */
    int nextLength() {
        asked = (int) Math.min(length - done, FileCall.MAX_DATA);
        return asked;
    }

    /** A chunk's read returned {@code got} (bytes or -errno) in {@code data}: {@link #MORE} or mmap's result. */
    long arrived(VirtualMemory vm, long got, byte[] data) {
        if (start < 0) {
            if (got < 0) {
                return VirtualMemory.mmapReadFailed(got);
            }
            long s = vm.mmapPlace(addr, length, prot, flags, name);
            if (s < 0) {
                return s;
            }
            start = s;
        }
        if (got > 0) {
            vm.fill(start + done, data, 0, (int) got);
            done += got;
            if (got == asked && done < length) {
                return MORE;
            }
        }
        return start;
    }
}
