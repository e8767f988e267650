package dev.splitsim.kernel.storage;

import dev.splitsim.kernel.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The storage monitor's requests on open files: open, close, read, write, seek and reading a
 * directory. Each takes its arguments from a {@link FileCall}'s request half and answers in its
 * reply half; a bad id or argument is an errno, never an exception.
 */
final class OpenFileRequests {
    private static final int O_ACCMODE = 3, O_CREAT = 0x40, O_EXCL = 0x80, O_TRUNC = 0x200, O_APPEND = 0x400,
            O_DIRECTORY = 0x10000, O_NOFOLLOW = 0x20000;
    private static final int SEEK_SET = 0, SEEK_CUR = 1, SEEK_END = 2;
    private static final int DT_CHR = 2, DT_DIR = 4, DT_REG = 8, DT_LNK = 10;

    private final Sandbox sandbox;
    /** The largest file a write may make (RLIMIT_FSIZE). */
    private long maxFileSize = Long.MAX_VALUE;
    /** The executable the run was started with: the bytes behind /proc/self/exe. */
    private byte[] program = new byte[0];

    OpenFileRequests(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    void limitFileSize(long bytes) {
        maxFileSize = bytes;
    }

    void holdProgram(byte[] bytes) {
        program = bytes;
    }

    /** The bytes of {@code p}'s program: its own, or the one the monitor holds for every process. */
    byte[] programOf(ProcessFiles p) {
        return p.program != null ? p.program : program;
    }

    long programSize(ProcessFiles p) {
        return programOf(p).length;
    }

    void open(ProcessFiles p, FileCall c) throws IOException {
        int flags = (int) c.get("flags");
        int mode = flags & O_ACCMODE;
        if (mode == O_ACCMODE) {
            c.reply(-Errno.EINVAL);
            return;
        }
        boolean exclusive = (flags & (O_CREAT | O_EXCL)) == (O_CREAT | O_EXCL);
        // O_EXCL and O_NOFOLLOW act on the last component itself: a link there is not followed.
        Sandbox.Lookup l = sandbox.resolve(p.cwd, RequestPaths.first(c), !exclusive && (flags & O_NOFOLLOW) == 0);
        if (!l.found()) {
            c.reply(-l.errno());
            return;
        }
        if (l.isVirtual()) {
            openVirtual(p, c, l.node(), flags, exclusive);
            return;
        }
        Path path = l.path();
        if (Files.isSymbolicLink(path)) {
            c.reply(exclusive ? -Errno.EEXIST : -Errno.ELOOP);
            return;
        }
        if (Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            if (mode != 0 || (flags & O_CREAT) != 0) {
                c.reply(exclusive ? -Errno.EEXIST : -Errno.EISDIR);
                return;
            }
            opened(c, p.add(HostFile.directory(path)), sandbox.guestPath(path));
            return;
        }
        boolean exists = Files.exists(path, LinkOption.NOFOLLOW_LINKS);
        if (exists && !Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            // A device node or FIFO made on the host would reach the host's devices, or block the monitor.
            c.reply(-Errno.EACCES);
            return;
        }
        if (!exists && l.trailingSlash()) {
            // "name/" can only be a folder, which open does not create.
            c.reply((flags & O_CREAT) != 0 ? -Errno.EISDIR : -Errno.ENOENT);
            return;
        }
        if ((flags & O_DIRECTORY) != 0) {
            c.reply(exists ? -Errno.ENOTDIR : -Errno.ENOENT);
            return;
        }
        List<OpenOption> options = new ArrayList<>();
        options.add(LinkOption.NOFOLLOW_LINKS);
        if (mode != 1) {
            options.add(StandardOpenOption.READ);
        }
        if (mode != 0) {
            options.add(StandardOpenOption.WRITE);
        }
        if ((flags & O_CREAT) != 0) {
            options.add(exclusive ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if ((flags & O_TRUNC) != 0 && mode != 0) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        FileChannel ch = FileChannel.open(path, options.toArray(new OpenOption[0]));
        opened(c, p.add(HostFile.file(path, ch, mode != 1, mode != 0, (flags & O_APPEND) != 0)), sandbox.guestPath(path));
    }

    /**
     * The reply to an open this monitor holds: the file's id, and its guest path (links resolved)
     * in the data, which /proc/self/maps shows and a relative lookup from it starts at.
     */
    private static void opened(FileCall c, int id, String guestPath) {
        byte[] b = guestPath.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, c.replyData(b.length), 0, b.length);
        c.reply(id);
    }

    /**
     * An open of one of the emulator's own names: a folder is listed here and the executable read
     * from here; any other node is the process monitor's to serve, which the reply says with the
     * node's bare name in its data (no "/": a path there is a file this monitor holds) and result 0.
     */
    private void openVirtual(ProcessFiles p, FileCall c, VirtualNode node, int flags, boolean exclusive) {
        int mode = flags & O_ACCMODE;
        if (exclusive) {
            c.reply(-Errno.EEXIST);
            return;
        }
        switch (node.kind()) {
            case FOLDER:
                if (mode != 0 || (flags & O_CREAT) != 0) {
                    c.reply(-Errno.EISDIR);
                } else {
                    opened(c, p.add(HostFile.virtualFolder(node)), node.path());
                }
                return;
            case EXECUTABLE:
                // A running program's file cannot be written, as in Linux.
                if ((flags & O_DIRECTORY) != 0 || mode != 0) {
                    c.reply((flags & O_DIRECTORY) != 0 ? -Errno.ENOTDIR : -Errno.ETXTBSY);
                } else {
                    opened(c, p.add(HostFile.bytes(programOf(p))), node.path());
                }
                return;
            case PROCESS_FILE:
                if (mode != 0) {
                    c.reply(-Errno.EACCES);
                    return;
                }
                break;
            default:
                break;
        }
        if ((flags & O_DIRECTORY) != 0) {
            c.reply(-Errno.ENOTDIR);
            return;
        }
        byte[] name = node.fileName().getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(name, 0, c.replyData(name.length), 0, name.length);
        c.reply(0);
    }

    void close(ProcessFiles p, FileCall c) throws IOException {
        HostFile f = p.remove(c.get("file"));
        if (f == null) {
            c.reply(-Errno.EBADF);
            return;
        }
        f.close();
        c.reply(0);
    }

    void read(ProcessFiles p, FileCall c) throws IOException {
        HostFile f = p.get(c.get("file"));
        long offset = c.get("offset");
        if (f == null || !f.readable) {
            c.reply(-Errno.EBADF);
            return;
        }
        if (f.isDirectory()) {
            c.reply(-Errno.EISDIR);
            return;
        }
        if (offset < FileCall.AT_POSITION) {
            c.reply(-Errno.EINVAL);
            return;
        }
        int n = (int) Math.max(0, Math.min(c.get("length"), FileCall.MAX_DATA));
        ByteBuffer b = ByteBuffer.wrap(c.replyData(n), 0, n);
        int got = 0;
        while (b.hasRemaining()) {
            int r = offset == FileCall.AT_POSITION ? f.channel.read(b) : f.read(b, offset + got);
            if (r <= 0) {
                break;
            }
            got += r;
        }
        c.replyData(got);
        c.reply(got);
        c.device(got, false);
    }

    void write(ProcessFiles p, FileCall c) throws IOException {
        HostFile f = p.get(c.get("file"));
        long offset = c.get("offset");
        if (f == null || !f.writable) {
            c.reply(-Errno.EBADF);
            return;
        }
        if (offset < FileCall.AT_POSITION) {
            c.reply(-Errno.EINVAL);
            return;
        }
        // The bytes are what arrived, whatever the header says.
        int n = c.dataLength();
        // As in Linux, pwrite on an O_APPEND file appends.
        long at = f.append ? f.channel.size() : offset == FileCall.AT_POSITION ? f.channel.position() : offset;
        // RLIMIT_FSIZE: what fits below the limit is written; a write that starts at it writes nothing.
        if (at >= maxFileSize) {
            c.reply(-Errno.EFBIG);
            return;
        }
        n = (int) Math.min(n, maxFileSize - at);
        ByteBuffer b = ByteBuffer.wrap(c.data(), 0, n);
        if (offset == FileCall.AT_POSITION) {
            f.channel.position(at);
            while (b.hasRemaining()) {
                f.channel.write(b);
            }
        } else {
            while (b.hasRemaining()) {
                ((FileChannel) f.channel).write(b, at + b.position());
            }
        }
        c.reply(n);
        c.device(n, true);
    }

    /** lseek: files by SEEK_SET, SEEK_CUR or SEEK_END; a directory only back to an entry it listed. */
    void seek(ProcessFiles p, FileCall c) throws IOException {
        HostFile f = p.get(c.get("file"));
        if (f == null) {
            c.reply(-Errno.EBADF);
            return;
        }
        long offset = c.get("offset");
        int whence = (int) c.get("flags");
        if (f.isDirectory()) {
            if (whence != SEEK_SET || offset < 0 || offset > Integer.MAX_VALUE) {
                c.reply(-Errno.EINVAL);
                return;
            }
            if (offset == 0) {
                f.listing = null;
            }
            f.nextEntry = (int) offset;
            c.reply(offset);
            return;
        }
        long base;
        switch (whence) {
            case SEEK_SET: base = 0; break;
            case SEEK_CUR: base = f.channel.position(); break;
            case SEEK_END: base = f.channel.size(); break;
            default: c.reply(-Errno.EINVAL); return;
        }
        long target = base + offset;
        if (offset > 0 && target < base) {
            c.reply(-Errno.EOVERFLOW);
            return;
        }
        if (target < 0) {
            c.reply(-Errno.EINVAL);
            return;
        }
        f.channel.position(target);
        c.reply(target);
    }

    /**
     * getdents64: as many struct linux_dirent64 as fit in the asked length (at most one reply's
     * data), from where the last call stopped; 0 at the end.
     */
    void readdir(ProcessFiles p, FileCall c) throws IOException {
        HostFile f = p.get(c.get("file"));
        if (f == null) {
            c.reply(-Errno.EBADF);
            return;
        }
        if (!f.isDirectory()) {
            c.reply(-Errno.ENOTDIR);
            return;
        }
        if (f.listing == null) {
            f.listing = f.folder != null ? list(f.folder) : list(f.path);
        }
        int room = (int) Math.max(0, Math.min(c.get("length"), FileCall.MAX_DATA));
        byte[] out = c.replyData(room);
        ByteBuffer b = ByteBuffer.wrap(out, 0, room).order(ByteOrder.LITTLE_ENDIAN);
        int at = 0;
        while (f.nextEntry < f.listing.size()) {
            String name = f.listing.get(f.nextEntry);
            byte[] nb = name.getBytes(StandardCharsets.UTF_8);
            int reclen = (19 + nb.length + 1 + 7) & ~7;
            if (at + reclen > room) {
                if (at == 0) {
                    c.replyData(0);
                    c.reply(-Errno.EINVAL);
                    return;
                }
                break;
            }
            java.util.Arrays.fill(out, at, at + reclen, (byte) 0);
            int index = f.nextEntry++;
            b.putLong(at, index + 1).putLong(at + 8, index + 1).putShort(at + 16, (short) reclen)
                    .put(at + 18, (byte) (f.folder != null ? type(f.folder, name) : type(f.path, name)));
            System.arraycopy(nb, 0, out, at + 19, nb.length);
            at += reclen;
        }
        c.replyData(at);
        c.reply(at);
    }

    private static List<String> list(Path dir) throws IOException {
        List<String> names = new ArrayList<>(List.of(".", ".."));
        try (var s = Files.list(dir)) {
            s.map(e -> e.getFileName().toString()).sorted().forEach(names::add);
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
        return names;
    }

    private static List<String> list(VirtualNode folder) {
        List<String> names = new ArrayList<>(List.of(".", ".."));
        for (VirtualNode n : folder.children()) {
            names.add(n.fileName());
        }
        return names;
    }

    private static int type(VirtualNode folder, String name) {
        VirtualNode n = folder.child(name);
        if (n == null || n.isDirectory()) {
            return DT_DIR;
        }
        switch (n.kind()) {
            case DEVICE: return DT_CHR;
            case PROCESS_FILE: return DT_REG;
            default: return DT_LNK;
        }
    }

    private static int type(Path dir, String name) {
        if (name.equals(".") || name.equals("..")) {
            return DT_DIR;
        }
        Path e = dir.resolve(name);
        if (Files.isSymbolicLink(e)) {
            return DT_LNK;
        }
        return Files.isDirectory(e, LinkOption.NOFOLLOW_LINKS) ? DT_DIR : DT_REG;
    }
}
