package dev.splitsim.kernel;

import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.kernel.storage.FileCall;

/**
 * The virtual-memory system calls: brk, mmap, munmap, mprotect, mremap, madvise. They change the
 * process's areas here; on the split machine each also makes its call to the home memory
 * component, whose time the calling core waits out. A file mapping's bytes are read from the
 * storage monitor through the file calls.
 */
final class MemoryCalls {
    private static final long BRK_LIMIT = 1L << 30;
    private static final int MAP_FIXED = 0x10, MAP_ANONYMOUS = 0x20;
    /** What a file mapping's request carries for the file's name. */
    private static final long FILE_NAME_BYTES = 64;

    private final AddressSpace memory;
    private final RemoteServices remote;
    private final FileCalls files;
    private final long brkStart;
    private long brkTop;
    private long mmapNext = ProcessLoader.MMAP_BASE;

    MemoryCalls(AddressSpace memory, RemoteServices remote, FileCalls files, long brk) {
        this.memory = memory;
        this.remote = remote;
        this.files = files;
        this.brkStart = brk;
        this.brkTop = brk;
    }

    /** The memory component's part of a call whose result is {@code r}. */
    private long charged(MessageType type, long dataBytes, long r) {
        remote.memoryCall(type, dataBytes);
        return r;
    }

    long brk(long requested) {
        return charged(MessageType.P2M_BRK, 0, moveBreak(requested));
    }

    private long moveBreak(long requested) {
        if (requested < brkStart || requested > brkStart + BRK_LIMIT) {
            return brkTop;
        }
        long oldEnd = AddressSpace.pageUp(brkTop);
        long newEnd = AddressSpace.pageUp(requested);
        if (newEnd > oldEnd) {
            if (!memory.free(oldEnd, newEnd)) {
                return brkTop;
            }
            memory.map(oldEnd, newEnd - oldEnd, AddressSpace.PROT_READ | AddressSpace.PROT_WRITE, "[heap]");
        } else if (newEnd < oldEnd) {
            memory.unmap(newEnd, oldEnd - newEnd);
        }
        brkTop = requested;
        return brkTop;
    }

    long mmap(long addr, long length, int prot, int flags, int fd, long offset) {
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        return charged(MessageType.P2M_MMAP, anonymous ? 0 : FILE_NAME_BYTES, map(addr, length, prot, flags, fd, offset));
    }

    private long map(long addr, long length, int prot, int flags, int fd, long offset) {
        if (length <= 0 || (offset & (PageProvider.PAGE_SIZE - 1)) != 0) {
            return -Errno.EINVAL;
        }
        if (length > AddressSpace.USER_END) {
            // Larger than any address space: Linux says ENOMEM (and the page rounding would overflow).
            return -Errno.ENOMEM;
        }
        long size = AddressSpace.pageUp(length);
        boolean fixed = (flags & MAP_FIXED) != 0;
        boolean anonymous = (flags & MAP_ANONYMOUS) != 0;
        OpenFile f = anonymous ? null : files.stored(fd);
        if (!anonymous && f == null) {
            return -Errno.EBADF;
        }
        byte[] buffer = null;
        int n = 0;
        int got = 0;
        if (!anonymous) {
            // The first chunk is read before anything is mapped, so a descriptor that cannot be read fails cleanly.
            buffer = new byte[(int) Math.min(length, FileCall.MAX_DATA)];
            n = buffer.length;
            got = files.readAt(f, offset, buffer, n);
            if (got < 0) {
                return got == -Errno.EISDIR ? -Errno.ENODEV : got;
            }
        }
        long start;
        if (fixed) {
            if ((addr & (PageProvider.PAGE_SIZE - 1)) != 0) {
                return -Errno.EINVAL;
            }
            start = addr;
        } else {
            start = findFree(size);
        }
        memory.map(start, size, prot & 7, anonymous ? "[anon]" : f.name);
        // The file's bytes up to the mapping's length or the file's end; the rest stays zero.
        long done = 0;
        while (got > 0) {
            memory.poke(start + done, buffer, 0, got);
            done += got;
            if (got < n || done >= length) {
                break;
            }
            n = (int) Math.min(length - done, buffer.length);
            got = files.readAt(f, offset + done, buffer, n);
        }
        return start;
    }

    private long findFree(long size) {
        long at = mmapNext;
        while (!memory.free(at, at + size)) {
            at += PageProvider.PAGE_SIZE;
        }
        mmapNext = at + size;
        return at;
    }

    long munmap(long addr, long length) {
        return charged(MessageType.P2M_MUNMAP, 0, unmap(addr, length));
    }

    private long unmap(long addr, long length) {
        if ((addr & (PageProvider.PAGE_SIZE - 1)) != 0 || length <= 0) {
            return -Errno.EINVAL;
        }
        memory.unmap(addr, length);
        return 0;
    }

    long mprotect(long addr, long length, int prot) {
        return charged(MessageType.P2M_MPROTECT, 0, memory.protect(addr, length, prot & 7) ? 0 : -Errno.ENOMEM);
    }

    long mremap(long old, long oldLen, long newLen, int flags) {
        return charged(MessageType.P2M_MREMAP, 0, remap(old, oldLen, newLen, flags));
    }

    private long remap(long old, long oldLen, long newLen, int flags) {
        long oldSize = AddressSpace.pageUp(oldLen);
        long newSize = AddressSpace.pageUp(newLen);
        AddressSpace.Area area = memory.areaAt(old);
        if (area == null || (old & (PageProvider.PAGE_SIZE - 1)) != 0 || newLen <= 0) {
            return -Errno.EINVAL;
        }
        if (newSize <= oldSize) {
            if (newSize < oldSize) {
                memory.unmap(old + newSize, oldSize - newSize);
            }
            return old;
        }
        if (memory.free(old + oldSize, old + newSize)) {
            memory.map(old + oldSize, newSize - oldSize, area.prot, area.name);
            return old;
        }
        if ((flags & 1) == 0) {
            return -Errno.ENOMEM;
        }
        long target = findFree(newSize);
        memory.map(target, newSize, area.prot, area.name);
        byte[] copy = new byte[PageProvider.PAGE_SIZE];
        for (long off = 0; off < oldSize; off += PageProvider.PAGE_SIZE) {
            if (memory.read(old + off, copy, 0, copy.length)) {
                memory.poke(target + off, copy, 0, copy.length);
            }
        }
        memory.unmap(old, oldSize);
        return target;
    }

    /** madvise: advice changes nothing here, and costs no call. */
    long madvise() {
        return 0;
    }
}
