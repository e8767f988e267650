package dev.splitsim.kernel.process;

import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.kernel.Errno;

/**
 * How system calls copy to and from the guest: every copy checks its whole range first, so a
 * pointer whose range wraps around or leaves the user address space, or a byte that is unmapped or
 * lacks the permission, is -EFAULT for the call, never a host exception. Copies go through the
 * CPU side's view of memory (the ExCache on the split machine).
 */
final class GuestMemory {
    /** The most bytes of a guest path, its NUL included (Linux's PATH_MAX). */
    static final int PATH_MAX = 4096;

    private final AddressSpace memory;
    private final byte[] eight = new byte[8];

    GuestMemory(AddressSpace memory) {
        this.memory = memory;
    }

    /** True when [address, address + length) is inside the user address space (Linux's access_ok). */
    static boolean inRange(long address, long length) {
        return AddressSpace.userRange(address, length);
    }

    boolean read(long address, byte[] into, int offset, int length) {
        return memory.read(address, into, offset, length);
    }

    boolean write(long address, byte[] from, int offset, int length) {
        return memory.write(address, from, offset, length);
    }

    /** Writes {@code values} as consecutive little-endian longs; 0 or -EFAULT. */
    long putLongs(long address, long... values) {
        byte[] b = new byte[8 * values.length];
        for (int i = 0; i < values.length; i++) {
            long v = values[i];
            for (int k = 0; k < 8; k++) {
                b[8 * i + k] = (byte) (v >>> (8 * k));
            }
        }
        return memory.write(address, b, 0, b.length) ? 0 : -Errno.EFAULT;
    }

    /** Zeroes {@code length} bytes; 0 or -EFAULT. */
    long zero(long address, int length) {
        return memory.write(address, new byte[length], 0, length) ? 0 : -Errno.EFAULT;
    }

    boolean putInt(long address, int value) {
        byte[] b = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
        return memory.write(address, b, 0, 4);
    }

    /** The 32-bit word at {@code address} in the low bits, or -1L when it cannot be read. */
    long readInt(long address) {
        if (!memory.read(address, eight, 0, 4)) {
            return -1L;
        }
        return (eight[0] & 0xffL) | (eight[1] & 0xffL) << 8 | (eight[2] & 0xffL) << 16 | (eight[3] & 0xffL) << 24;
    }

    /** Reads the little-endian long at {@code address} into {@code out[index]}; false when unreadable. */
    boolean readLong(long address, long[] out, int index) {
        if (!memory.read(address, eight, 0, 8)) {
            return false;
        }
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (eight[k] & 0xffL);
        }
        out[index] = v;
        return true;
    }

    /**
     * Copies the NUL-ended string at {@code address} into {@code into} (at least {@link #PATH_MAX}
     * bytes), a page at a time; returns its length without the NUL, or -EFAULT, or -ENAMETOOLONG
     * when no NUL comes within PATH_MAX bytes.
     */
    int string(long address, byte[] into) {
        int n = 0;
        while (n < PATH_MAX) {
            long at = address + n;
            int chunk = (int) Math.min(PATH_MAX - n, PageProvider.PAGE_SIZE - (at & (PageProvider.PAGE_SIZE - 1)));
            if (!memory.read(at, into, n, chunk)) {
                // A chunk lies within one page: it is readable whole or not at all.
                return -Errno.EFAULT;
            }
            for (int i = 0; i < chunk; i++) {
                if (into[n + i] == 0) {
                    return n + i;
                }
            }
            n += chunk;
        }
        return -Errno.ENAMETOOLONG;
    }
}
