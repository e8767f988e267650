package dev.splitsim.kernel.process;

import dev.splitsim.kernel.Errno;
import dev.splitsim.kernel.storage.FileCall;
import dev.splitsim.kernel.storage.StatLayout;
import dev.splitsim.kernel.storage.VirtualNode;

/**
 * The files the process monitor serves on the CPU component itself: the devices of /dev and the
 * files of /proc/self made at open. None of them holds bytes in storage (a device's bytes are made
 * up as they are read, or dropped as they are written; /proc/self/maps is made from the mirror of
 * the areas kept here), so sending them to the storage component would only add a fabric round
 * trip that Linux does not have either: its devices live in the kernel of the machine that runs
 * the program.
 */
final class LocalFiles {
    private static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;
    private static final int O_RDONLY = 0, O_WRONLY = 1;

    private final GuestMemory guest;
    private final Entropy random;
    private final byte[] chunk = new byte[FileCall.MAX_DATA];

    LocalFiles(GuestMemory guest, Entropy random) {
        this.guest = guest;
        this.random = random;
    }

    /**
     * Reads up to {@code want} bytes of {@code f} into guest memory at {@code buf}, at its position
     * or at {@code offset}: nothing from /dev/null, zeros from /dev/zero and /dev/full, random bytes
     * from /dev/random and /dev/urandom. A fault after some bytes ends the read with their count.
     */
    long read(OpenFile f, long buf, long want, long offset) {
        if (f.accessMode == O_WRONLY) {
            return -Errno.EBADF;
        }
        if (f.device == VirtualNode.NULL) {
            return 0;
        }
        long done = 0;
        if (f.contents != null) {
            long at = offset == FileCall.AT_POSITION ? f.position : offset;
            if (at >= f.contents.length) {
                return 0;
            }
            int n = (int) Math.min(want, f.contents.length - at);
            if (!guest.write(buf, f.contents, (int) at, n)) {
                return -Errno.EFAULT;
            }
            if (offset == FileCall.AT_POSITION) {
                f.position += n;
            }
            return n;
        }
        boolean zeros = f.device == VirtualNode.ZERO || f.device == VirtualNode.FULL;
        if (zeros) {
            java.util.Arrays.fill(chunk, (byte) 0);
        }
        while (done < want) {
            int n = (int) Math.min(want - done, chunk.length);
            if (!zeros) {
                random.fill(chunk, n);
            }
            if (!guest.write(buf + done, chunk, 0, n)) {
                return done > 0 ? done : -Errno.EFAULT;
            }
            done += n;
        }
        return done;
    }

    /** A write: /dev/full is always full (ENOSPC); every other device takes the bytes and drops them. */
    long write(OpenFile f, long want) {
        if (f.contents != null || f.accessMode == O_RDONLY) {
            return -Errno.EBADF;
        }
        return f.device == VirtualNode.FULL ? -Errno.ENOSPC : want;
    }

    /** lseek: a device stays at 0, as Linux's do; a made file moves like a file. */
    long seek(OpenFile f, long offset, int whence) {
        if (f.contents == null) {
            return whence < SEEK_SET || whence > SEEK_END ? -Errno.EINVAL : 0;
        }
        long base;
        switch (whence) {
            case SEEK_SET: base = 0; break;
            case SEEK_CUR: base = f.position; break;
            case SEEK_END: base = f.contents.length; break;
            default: return -Errno.EINVAL;
        }
        long target = base + offset;
        if (target < 0) {
            return -Errno.EINVAL;
        }
        f.position = target;
        return target;
    }

    /** fstat: a character device with Linux's numbers (major 1), or a read-only file of size 0 as /proc shows it. */
    void stat(OpenFile f, byte[] into, boolean statx) {
        VirtualNode node = f.device != null ? f.device : VirtualNode.MAPS;
        int mode = f.contents != null ? StatLayout.PROCESS_FILE : StatLayout.CHAR_DEVICE;
        if (statx) {
            StatLayout.statx(into, mode, 0, 0, node.inode(), node.deviceNumber());
        } else {
            StatLayout.stat(into, mode, 0, 0, node.inode(), node.deviceNumber());
        }
    }
}
