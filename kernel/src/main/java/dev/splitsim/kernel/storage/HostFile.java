package dev.splitsim.kernel.storage;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.util.List;

/**
 * An open file description at the storage monitor: a host file with its position, or a directory
 * with its listing and how far getdents64 has read it. Access mode and O_APPEND are the open's.
 */
final class HostFile {
    final Path path;
    /** Null for a directory. */
    final FileChannel channel;
    final boolean readable;
    final boolean writable;
    final boolean append;
    /** A directory's entries as first listed (".", "..", then by name); re-listed on a seek to 0. */
    List<String> listing;
    int nextEntry;

    private HostFile(Path path, FileChannel channel, boolean readable, boolean writable, boolean append) {
        this.path = path;
        this.channel = channel;
        this.readable = readable;
        this.writable = writable;
        this.append = append;
    }

    static HostFile file(Path path, FileChannel channel, boolean readable, boolean writable, boolean append) {
        return new HostFile(path, channel, readable, writable, append);
    }

    static HostFile directory(Path path) {
        return new HostFile(path, null, true, false, false);
    }

    boolean isDirectory() {
        return channel == null;
    }

    void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
