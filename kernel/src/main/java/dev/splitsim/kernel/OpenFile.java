package dev.splitsim.kernel;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** One open file description: a standard stream of the run, or a host file inside the sandbox. */
final class OpenFile {
    final InputStream in;
    final PrintStream out;
    final FileChannel channel;
    final Path path;
    final boolean terminal;
    final boolean append;
    /** A directory stream is listed in one go; afterwards getdents64 reports the end. */
    boolean consumed;

    private OpenFile(InputStream in, PrintStream out, FileChannel channel, Path path, boolean terminal,
            boolean append) {
        this.in = in;
        this.out = out;
        this.channel = channel;
        this.path = path;
        this.terminal = terminal;
        this.append = append;
    }

    static OpenFile input(InputStream in, boolean terminal) {
        return new OpenFile(in, null, null, null, terminal, false);
    }

    static OpenFile output(PrintStream out, boolean terminal) {
        return new OpenFile(null, out, null, null, terminal, false);
    }

    static OpenFile file(FileChannel channel, Path path, boolean append) {
        return new OpenFile(null, null, channel, path, false, append);
    }

    boolean isStream() {
        return channel == null;
    }

    int read(byte[] buf, int len) throws IOException {
        if (in != null) {
            int n = in.read(buf, 0, len);
            return Math.max(n, 0);
        }
        if (channel == null) {
            return -Errno.EBADF;
        }
        int n = channel.read(ByteBuffer.wrap(buf, 0, len));
        return Math.max(n, 0);
    }

    int write(byte[] buf, int len) throws IOException {
        if (out != null) {
            out.write(buf, 0, len);
            return len;
        }
        if (channel == null) {
            return -Errno.EBADF;
        }
        if (append) {
            channel.position(channel.size());
        }
        ByteBuffer b = ByteBuffer.wrap(buf, 0, len);
        while (b.hasRemaining()) {
            channel.write(b);
        }
        return len;
    }

    void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
