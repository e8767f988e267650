package dev.splitsim.kernel.storage;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * The RISC-V Linux layouts of struct stat (128 bytes) and struct statx (256 bytes), filled with the
 * few facts the machine has: kind and permissions, size, modification time, inode number. The
 * storage monitor builds them for files; the process monitor for the console's streams.
 */
public final class StatLayout {
    private StatLayout() {}

    public static final int DIRECTORY = 0040755;
    public static final int REGULAR = 0100644;
    public static final int SYMLINK = 0120777;
    /** A standard stream on a terminal is a character device, any other a pipe. */
    public static final int TERMINAL = 0020620;
    public static final int PIPE = 0010600;
    /** The emulator's own names: /dev's devices, its folders, the process's files and executable. */
    public static final int CHAR_DEVICE = 0020666;
    public static final int VIRTUAL_DIRECTORY = 0040555;
    public static final int PROCESS_FILE = 0100444;
    public static final int EXECUTABLE = 0100755;

    /** Writes a struct stat into {@code into[0..128)}. */
    public static void stat(byte[] into, int mode, long size, long mtime, long ino) {
        stat(into, mode, size, mtime, ino, 0);
    }

    /** Writes a struct stat into {@code into[0..128)}, with a device's number (Linux's encoding) in st_rdev. */
    public static void stat(byte[] into, int mode, long size, long mtime, long ino, int rdev) {
        ByteBuffer b = ByteBuffer.wrap(into, 0, FileCall.STAT_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        java.util.Arrays.fill(into, 0, FileCall.STAT_BYTES, (byte) 0);
        b.putLong(0, 1).putLong(8, ino).putInt(16, mode).putInt(20, 1).putLong(32, rdev).putLong(48, size)
                .putInt(56, 4096).putLong(64, blocks(size)).putLong(72, mtime).putLong(88, mtime).putLong(104, mtime);
    }

    /** Writes a struct statx into {@code into[0..256)}; stx_mask says which of its fields are filled. */
    public static void statx(byte[] into, int mode, long size, long mtime) {
        statx(into, mode, size, mtime, 1, 0);
    }

    /** A struct statx with an inode number and a device's number (major in bits 8-19, minor in 0-7). */
    public static void statx(byte[] into, int mode, long size, long mtime, long ino, int rdev) {
        ByteBuffer b = ByteBuffer.wrap(into, 0, FileCall.STATX_BYTES).order(ByteOrder.LITTLE_ENDIAN);
        java.util.Arrays.fill(into, 0, FileCall.STATX_BYTES, (byte) 0);
        b.putInt(0, 0x7ff).putInt(4, 4096).putInt(16, 1).putShort(28, (short) mode).putLong(32, ino).putLong(40, size)
                .putLong(48, blocks(size)).putLong(64, mtime).putLong(96, mtime).putLong(112, mtime)
                .putInt(128, rdev >>> 8).putInt(132, rdev & 0xff);
    }

    private static long blocks(long size) {
        return (size + 511) / 512;
    }
}
