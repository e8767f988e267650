package dev.splitsim.kernel.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * An open file description at the storage monitor: a host file with its position, a directory
 * with its listing and how far getdents64 has read it, or one of the emulator's own: a folder of
 * {@link VirtualNode}s, or the executable's bytes behind /proc/self/exe. Access mode and O_APPEND
 * are the open's.
 */
final class HostFile {
    /** Null for the emulator's own files and folders. */
    final Path path;
    /** Null for a directory. */
    final SeekableByteChannel channel;
    /** The folder listed when it is one of the emulator's, else null. */
    final VirtualNode folder;
    final boolean readable;
    final boolean writable;
    final boolean append;
    /** A directory's entries as first listed (".", "..", then by name); re-listed on a seek to 0. */
    List<String> listing;
    int nextEntry;

    private HostFile(Path path, SeekableByteChannel channel, VirtualNode folder, boolean readable, boolean writable,
            boolean append) {
        this.path = path;
        this.channel = channel;
        this.folder = folder;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
    }

    static HostFile file(Path path, FileChannel channel, boolean readable, boolean writable, boolean append) {
        return new HostFile(path, channel, null, readable, writable, append);
    }

    static HostFile directory(Path path) {
        return new HostFile(path, null, null, true, false, false);
    }

    static HostFile virtualFolder(VirtualNode folder) {
        return new HostFile(null, null, folder, true, false, false);
    }

    /** Bytes held in memory, read-only: the executable the run was started with. */
    static HostFile bytes(byte[] contents) {
        return new HostFile(null, new ReadOnlyBytes(contents), null, true, false, false);
    }

    boolean isDirectory() {
        return channel == null;
    }

    /** Reads at {@code position} without moving the file's own position. */
    int read(java.nio.ByteBuffer into, long position) throws IOException {
        if (channel instanceof FileChannel fc) {
            return fc.read(into, position);
        }
        long keep = channel.position();
        try {
            return channel.position(position).read(into);
        } finally {
            channel.position(keep);
        }
    }

    void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }

    /** A read-only channel over bytes in memory. */
    private static final class ReadOnlyBytes implements SeekableByteChannel {
        private final byte[] bytes;
        private long position;
        private boolean open = true;

        ReadOnlyBytes(byte[] bytes) {
            this.bytes = bytes;
        }

        @Override
        public int read(java.nio.ByteBuffer dst) {
            if (position >= bytes.length) {
                return -1;
            }
            int n = (int) Math.min(dst.remaining(), bytes.length - position);
            dst.put(bytes, (int) position, n);
            position += n;
            return n;
        }

        @Override
        public int write(java.nio.ByteBuffer src) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public long position() {
            return position;
        }

        @Override
        public SeekableByteChannel position(long newPosition) {
            position = newPosition;
            return this;
        }

        @Override
        public long size() {
            return bytes.length;
        }

        @Override
        public SeekableByteChannel truncate(long size) {
            throw new java.nio.channels.NonWritableChannelException();
        }

        @Override
        public boolean isOpen() {
            return open;
        }

        @Override
        public void close() {
            open = false;
        }
    }
}
