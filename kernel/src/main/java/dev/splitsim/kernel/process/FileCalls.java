package dev.splitsim.kernel.process;

import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.kernel.Errno;
import dev.splitsim.kernel.storage.FileCall;
import dev.splitsim.kernel.storage.FileService;
import dev.splitsim.kernel.storage.StatLayout;
import dev.splitsim.kernel.storage.VirtualNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * The file system calls at the process monitor. The descriptor table, the console streams
 * (stdin, stdout, stderr of the run) and the devices and /proc/self files that need no storage
 * ({@link LocalFiles}) are here; every other file lives at the storage monitor, which this group
 * asks with one request per call, or per bounded chunk of a long read or write, copying guest bytes
 * into requests and reply bytes into guest memory. It never touches host files. The storage
 * monitor resolves every path, the emulator's own names too, and names in its reply those this
 * side serves.
 */
final class FileCalls {
    private static final int AT_EMPTY_PATH = 0x1000;
    private static final int IOV_MAX = 1024;
    /** Linux's cap on one read or write: longer counts are cut to it. */
    private static final long MAX_RW_COUNT = 0x7ffff000L;
    private static final int F_DUPFD = 0, F_GETFD = 1, F_SETFD = 2, F_GETFL = 3, F_SETFL = 4, F_DUPFD_CLOEXEC = 1030;
    private static final int TCGETS = 0x5401, TIOCGWINSZ = 0x5413;

    private final int pid;
    private final LinuxProcess process;
    private final GuestMemory guest;
    private final FileService storage;
    private final String exePath;
    private final Descriptors fds = new Descriptors();
    private final FileCall call = new FileCall();
    /** A path read from the guest, room left for the folder of a descriptor it is relative to. */
    private final byte[] path = new byte[2 * GuestMemory.PATH_MAX + 1];
    private final byte[] secondPath = new byte[2 * GuestMemory.PATH_MAX + 1];
    /** One chunk of console input or output on its way between the guest and the host stream. */
    private final byte[] chunk = new byte[FileCall.MAX_DATA];
    private final byte[] statBuffer = new byte[FileCall.STATX_BYTES];
    private final LocalFiles local;
    /** Makes /proc/self/maps's text from the mirror of the areas, at each open of it. */
    private final java.util.function.Supplier<byte[]> maps;

    /** Bytes the guest has written to its console streams, held to the output limit. */
    private long consoleWritten;

    FileCalls(int pid, LinuxProcess process, GuestMemory guest, FileService storage, ProcessSpec spec,
            LocalFiles local, java.util.function.Supplier<byte[]> maps) {
        this.pid = pid;
        this.process = process;
        this.guest = guest;
        this.storage = storage;
        this.local = local;
        this.maps = maps;
        this.exePath = exePath(spec);
        fds.put(0, OpenFile.input(spec.stdin(), spec.stdinTty()));
        fds.put(1, OpenFile.output(spec.stdout(), spec.stdoutTty()));
        fds.put(2, OpenFile.output(spec.stderr(), spec.stderrTty()));
    }

    /** The executable as the guest sees it: its path inside the sandbox, else "/" and its file name. */
    static String exePath(ProcessSpec spec) {
        Path program = spec.program().toAbsolutePath().normalize();
        Path root = spec.root().toAbsolutePath().normalize();
        if (program.startsWith(root)) {
            return "/" + root.relativize(program).toString().replace('\\', '/');
        }
        return "/" + program.getFileName();
    }

    private FileCall request(MessageType type) {
        return call.start(type).set("pid", pid);
    }

    /** Sends the request made in {@code c} and returns its result. */
    private long send(FileCall c) {
        storage.call(c);
        return c.result();
    }

    /** The *at calls' "relative to the working folder". */
    private static final int AT_FDCWD = -100;

    /**
     * Reads the guest path at {@code address} into the data of the request just started (with its
     * NUL), a relative one made relative to the folder of descriptor {@code dirfd}; 0 or -errno.
     */
    private int pathArgument(int dirfd, long address) {
        int n = pathAt(dirfd, address, path);
        if (n < 0) {
            return n;
        }
        byte[] d = call.data(n + 1);
        System.arraycopy(path, 0, d, 0, n);
        d[n] = 0;
        return 0;
    }

    /**
     * The guest path at {@code address} in {@code into}, its length or -errno. A relative path with
     * a descriptor other than AT_FDCWD is put after the guest path of that descriptor's folder as
     * the storage monitor resolved it at open, so the storage monitor walks it from there (a
     * descriptor of a file that is no folder then fails the walk with ENOTDIR, as in Linux).
     */
    private int pathAt(int dirfd, long address, byte[] into) {
        int n = guest.string(address, into);
        if (n <= 0 || into[0] == '/' || dirfd == AT_FDCWD) {
            return n;
        }
        OpenFile f = fds.get(dirfd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (f.path == null) {
            return -Errno.ENOTDIR;
        }
        byte[] folder = f.path.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(into, 0, into, folder.length + 1, n);
        System.arraycopy(folder, 0, into, 0, folder.length);
        into[folder.length] = '/';
        return folder.length + 1 + n;
    }

    // read, write and their vector and positioned forms

    long read(int fd, long buf, long len) throws IOException {
        OpenFile f = fds.get(fd);
        return f == null ? -Errno.EBADF : transfer(f, buf, len, FileCall.AT_POSITION, false);
    }

    long write(int fd, long buf, long len) throws IOException {
        OpenFile f = fds.get(fd);
        return f == null ? -Errno.EBADF : transfer(f, buf, len, FileCall.AT_POSITION, true);
    }

    long pread(int fd, long buf, long len, long offset) throws IOException {
        return positioned(fd, buf, len, offset, false);
    }

    long pwrite(int fd, long buf, long len, long offset) throws IOException {
        return positioned(fd, buf, len, offset, true);
    }

    private long positioned(int fd, long buf, long len, long offset, boolean out) throws IOException {
        OpenFile f = fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (f.isConsole()) {
            return -Errno.ESPIPE;
        }
        if (offset < 0) {
            return -Errno.EINVAL;
        }
        return transfer(f, buf, len, offset, out);
    }

    /**
     * readv and writev: the iovec array is read and checked whole first (count within IOV_MAX, no
     * negative length, every segment inside the address space), then the segments move in order
     * until one comes up short.
     */
    long vector(int fd, long iov, long count, boolean out) throws IOException {
        OpenFile f = fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (count < 0 || count > IOV_MAX) {
            return -Errno.EINVAL;
        }
        if (count == 0) {
            return 0;
        }
        int n = (int) count;
        long[] segments = new long[2 * n];
        if (!GuestMemory.inRange(iov, 16L * n)) {
            return -Errno.EFAULT;
        }
        for (int i = 0; i < 2 * n; i++) {
            if (!guest.readLong(iov + 8L * i, segments, i)) {
                return -Errno.EFAULT;
            }
        }
        long total = 0;
        for (int i = 0; i < n; i++) {
            long len = segments[2 * i + 1];
            if (len < 0) {
                return -Errno.EINVAL;
            }
            len = Math.min(len, MAX_RW_COUNT - total);
            if (!GuestMemory.inRange(segments[2 * i], len)) {
                return -Errno.EFAULT;
            }
            segments[2 * i + 1] = len;
            total += len;
        }
        long done = 0;
        for (int i = 0; i < n; i++) {
            long len = segments[2 * i + 1];
            if (len == 0) {
                continue;
            }
            long r = transfer(f, segments[2 * i], len, FileCall.AT_POSITION, out);
            if (r < 0) {
                return done > 0 ? done : r;
            }
            done += r;
            if (r < len) {
                break;
            }
        }
        return done;
    }

    /**
     * Moves up to {@code len} bytes between guest memory at {@code buf} and {@code f}, at its
     * position or at {@code offset}, one bounded chunk at a time: a huge count never means a huge
     * host buffer. A fault after some bytes moved ends the call with the count so far, as in Linux.
     */
    private long transfer(OpenFile f, long buf, long len, long offset, boolean out) throws IOException {
        if (!GuestMemory.inRange(buf, len)) {
            return -Errno.EFAULT;
        }
        long want = Math.min(len, MAX_RW_COUNT);
        if (want == 0) {
            return 0;
        }
        if (f.isConsole()) {
            return out ? consoleWrite(f, buf, want) : consoleRead(f, buf, want);
        }
        if (f.isLocal()) {
            return out ? local.write(f, want) : local.read(f, buf, want, offset);
        }
        long done = 0;
        while (done < want) {
            int n = (int) Math.min(want - done, FileCall.MAX_DATA);
            long at = offset == FileCall.AT_POSITION ? FileCall.AT_POSITION : offset + done;
            long r;
            if (out) {
                request(MessageType.P2S_WRITE);
                if (!guest.read(buf + done, call.data(n), 0, n)) {
                    return done > 0 ? done : -Errno.EFAULT;
                }
                r = send(call.set("file", f.storageId).set("offset", at).set("length", n));
            } else {
                r = send(request(MessageType.P2S_READ).set("file", f.storageId).set("offset", at).set("length", n));
                r = Math.min(r, call.replyLength());
                if (r > 0 && !guest.write(buf + done, call.replyData(), 0, (int) r)) {
                    return done > 0 ? done : -Errno.EFAULT;
                }
            }
            if (r == -Errno.EFBIG && done == 0) {
                return process.fileSizeExceeded("files.max_size");
            }
            if (r < 0) {
                return done > 0 ? done : r;
            }
            done += r;
            if (r < n) {
                break;
            }
        }
        return done;
    }

    /** One read of the host's standard input: what it has, up to one chunk. */
    private long consoleRead(OpenFile f, long buf, long want) throws IOException {
        if (f.in == null) {
            return -Errno.EBADF;
        }
        int got = Math.max(0, f.in.read(chunk, 0, (int) Math.min(want, chunk.length)));
        if (got > 0 && !guest.write(buf, chunk, 0, got)) {
            return -Errno.EFAULT;
        }
        return got;
    }

    private long consoleWrite(OpenFile f, long buf, long asked) {
        if (f.out == null) {
            return -Errno.EBADF;
        }
        long left = process.limits().maxOutput() - consoleWritten;
        if (left <= 0) {
            return process.fileSizeExceeded("console.max_output");
        }
        long want = Math.min(asked, left);
        long done = 0;
        while (done < want) {
            int n = (int) Math.min(want - done, chunk.length);
            if (!guest.read(buf + done, chunk, 0, n)) {
                return done > 0 ? done : -Errno.EFAULT;
            }
            f.out.write(chunk, 0, n);
            done += n;
            consoleWritten += n;
        }
        return done;
    }

    /**
     * Reads up to {@code length} (at most one chunk) bytes of stored file {@code f} at
     * {@code offset} into {@code into}: for a file mapping. Returns the count or -errno.
     */
    int readAt(OpenFile f, long offset, byte[] into, int length) {
        int n = Math.min(length, FileCall.MAX_DATA);
        long r = send(request(MessageType.P2S_READ).set("file", f.storageId).set("offset", offset).set("length", n));
        if (r <= 0) {
            return (int) r;
        }
        int got = (int) Math.min(r, call.replyLength());
        System.arraycopy(call.replyData(), 0, into, 0, got);
        return got;
    }

    /** The stored file of {@code fd}, for a file mapping; null for none or a file served on this side. */
    OpenFile stored(int fd) {
        OpenFile f = fds.get(fd);
        return f == null || f.isLocal() ? null : f;
    }

    /** Whether {@code fd} names an open file. */
    boolean isOpen(int fd) {
        return fds.get(fd) != null;
    }

    /** Whether {@code fd} is /dev/zero, whose mapping is anonymous memory. */
    boolean isZeroDevice(int fd) {
        OpenFile f = fds.get(fd);
        return f != null && f.device == VirtualNode.ZERO;
    }

    /** Whether {@code fd} names a file served on this side (a stream, a device, a made file). */
    boolean isLocal(int fd) {
        OpenFile f = fds.get(fd);
        return f != null && f.isLocal();
    }

    // opening and closing, descriptors

    long openat(int dirfd, long pathAddr, int flags, int mode) {
        request(MessageType.P2S_OPEN);
        int r = pathArgument(dirfd, pathAddr);
        if (r < 0) {
            return r;
        }
        int fd = fds.free(0);
        if (fd < 0) {
            return fd;
        }
        String name = lastComponent(call.data(), call.dataLength() - 1);
        long id = send(call.set("flags", flags).set("mode", mode).set("dirfd", dirfd));
        if (id < 0) {
            return id;
        }
        String opened = new String(call.replyData(), 0, call.replyLength(), StandardCharsets.UTF_8);
        if (!opened.startsWith("/")) {
            return openLocal(fd, opened, flags & 3);
        }
        fds.put(fd, OpenFile.stored(id, name, opened));
        return fd;
    }

    /**
     * An open of a name this side serves, as the storage monitor's reply named it: a device, the
     * process's map of its memory (made now), or a standard stream (the same open file as the
     * descriptor, as /dev/stdout leads to /proc/self/fd/1 in Linux).
     */
    private long openLocal(int fd, String node, int accessMode) {
        VirtualNode n = VirtualNode.named(node);
        if (n == null) {
            return -Errno.ENXIO;
        }
        switch (n) {
            case STDIN: case STDOUT: case STDERR: {
                OpenFile stream = fds.get(n == VirtualNode.STDIN ? 0 : n == VirtualNode.STDOUT ? 1 : 2);
                if (stream == null) {
                    return -Errno.ENOENT;
                }
                fds.put(fd, stream);
                return fd;
            }
            case MAPS:
                fds.put(fd, OpenFile.madeAtOpen("maps", maps.get()));
                return fd;
            default:
                fds.put(fd, OpenFile.device(n, accessMode));
                return fd;
        }
    }

    private static String lastComponent(byte[] p, int n) {
        int end = n;
        while (end > 0 && p[end - 1] == '/') {
            end--;
        }
        int start = end;
        while (start > 0 && p[start - 1] != '/') {
            start--;
        }
        return new String(p, start, end - start, StandardCharsets.UTF_8);
    }

    long close(int fd) {
        OpenFile f = fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        // The storage monitor closes the file before the descriptor goes, so that a close run
        // again after its reply (see RemoteServices#beginCall) still finds the descriptor.
        long r = f.references == 1 ? release(f) : 0;
        fds.remove(fd);
        return r;
    }

    /** The last descriptor of {@code f} went: the storage monitor closes its file. */
    private long release(OpenFile f) {
        if (f.isLocal()) {
            return 0;
        }
        return send(request(MessageType.P2S_CLOSE).set("file", f.storageId));
    }

    /** At exit every stored file still open is closed, as Linux closes a dead process's files. */
    void closeAll() {
        for (OpenFile f : fds.clear()) {
            release(f);
        }
    }

    long dup(int fd, int from) {
        OpenFile f = fds.get(fd);
        return f == null ? -Errno.EBADF : fds.add(f, from);
    }

    long dup3(int fd, int to) {
        OpenFile f = fds.get(fd);
        if (f == null || to < 0 || to >= Descriptors.MAX_FILES || to == fd) {
            return f == null ? -Errno.EBADF : -Errno.EINVAL;
        }
        if (fds.get(to) != null) {
            close(to);
        }
        fds.put(to, f);
        return to;
    }

    long fcntl(int fd, int cmd, long arg) {
        OpenFile f = fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        switch (cmd) {
            case F_DUPFD: case F_DUPFD_CLOEXEC: return dup(fd, (int) Math.min(Math.max(arg, 0), Integer.MAX_VALUE));
            case F_GETFD: case F_SETFD: case F_SETFL: return 0;
            case F_GETFL: return fd == 0 ? 0 : fd <= 2 ? 1 : 2;
            default: return -Errno.EINVAL;
        }
    }

    long ioctl(int fd, long request, long arg) {
        OpenFile f = fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (request == TCGETS || request == TIOCGWINSZ) {
            if (!f.terminal) {
                return -Errno.ENOTTY;
            }
            return request == TIOCGWINSZ ? guest.putLongs(arg, (80L << 16) | 24) : guest.zero(arg, 60);
        }
        return -Errno.ENOTTY;
    }

    long lseek(int fd, long offset, int whence) {
        OpenFile f = fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (f.isConsole()) {
            return -Errno.ESPIPE;
        }
        if (f.isLocal()) {
            return local.seek(f, offset, whence);
        }
        return send(request(MessageType.P2S_NAMESPACE).set("operation", FileCall.SEEK).set("file", f.storageId)
                .set("offset", offset).set("flags", whence));
    }

    // stat and directories

    long fstat(int fd, long buf) {
        OpenFile f = fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (f.isConsole()) {
            StatLayout.stat(statBuffer, f.terminal ? StatLayout.TERMINAL : StatLayout.PIPE, 0, 0, 1024);
            return guest.write(buf, statBuffer, 0, FileCall.STAT_BYTES) ? 0 : -Errno.EFAULT;
        }
        if (f.isLocal()) {
            local.stat(f, statBuffer, false);
            return guest.write(buf, statBuffer, 0, FileCall.STAT_BYTES) ? 0 : -Errno.EFAULT;
        }
        request(MessageType.P2S_STAT).set("file", f.storageId).set("length", FileCall.STAT_BYTES);
        return statReply(buf, FileCall.STAT_BYTES);
    }

    long fstatat(int dirfd, long pathAddr, long buf, int flags) {
        request(MessageType.P2S_STAT);
        int r = pathArgument(dirfd, pathAddr);
        if (r < 0) {
            return r;
        }
        if (call.dataLength() == 1 && (flags & AT_EMPTY_PATH) != 0) {
            return fstat(dirfd, buf);
        }
        call.set("file", FileCall.NO_FILE).set("flags", flags).set("length", FileCall.STAT_BYTES);
        return statReply(buf, FileCall.STAT_BYTES);
    }

    /** statx fills the subset of struct statx that stat has, and says so in stx_mask. */
    long statx(int dirfd, long pathAddr, int flags, long buf) {
        request(MessageType.P2S_STAT);
        int r = pathArgument(dirfd, pathAddr);
        if (r < 0) {
            return r;
        }
        if (call.dataLength() == 1 && (flags & AT_EMPTY_PATH) != 0) {
            OpenFile f = fds.get(dirfd);
            if (f == null) {
                return -Errno.EBADF;
            }
            if (f.isConsole()) {
                StatLayout.statx(statBuffer, f.terminal ? StatLayout.TERMINAL : StatLayout.PIPE, 0, 0);
                return guest.write(buf, statBuffer, 0, FileCall.STATX_BYTES) ? 0 : -Errno.EFAULT;
            }
            if (f.isLocal()) {
                local.stat(f, statBuffer, true);
                return guest.write(buf, statBuffer, 0, FileCall.STATX_BYTES) ? 0 : -Errno.EFAULT;
            }
            request(MessageType.P2S_STAT).set("file", f.storageId);
        } else {
            call.set("file", FileCall.NO_FILE);
        }
        call.set("flags", flags).set("length", FileCall.STATX_BYTES);
        return statReply(buf, FileCall.STATX_BYTES);
    }

    /** Sends the stat request made (its path, if any, already in the data) and copies the buffer out. */
    private long statReply(long buf, int size) {
        long r = send(call);
        if (r < 0) {
            return r;
        }
        java.util.Arrays.fill(statBuffer, (byte) 0);
        System.arraycopy(call.replyData(), 0, statBuffer, 0, Math.min(size, call.replyLength()));
        return guest.write(buf, statBuffer, 0, size) ? 0 : -Errno.EFAULT;
    }

    /** getdents64: at most one reply's worth of entries per call; a huge count is cut to that. */
    long getdents(int fd, long buf, long count) {
        OpenFile f = fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (f.isLocal()) {
            return -Errno.ENOTDIR;
        }
        long size = count & 0xffffffffL;
        if (!GuestMemory.inRange(buf, size)) {
            return -Errno.EFAULT;
        }
        long r = send(request(MessageType.P2S_READDIR).set("file", f.storageId).set("offset", FileCall.AT_POSITION)
                .set("length", Math.min(size, FileCall.MAX_DATA)));
        return copyOut(r, buf);
    }

    /** A reply's data, {@code r} bytes of it, to guest memory: {@code r}, or -EFAULT. */
    private long copyOut(long r, long buf) {
        if (r <= 0) {
            return r;
        }
        int n = (int) Math.min(r, call.replyLength());
        return guest.write(buf, call.replyData(), 0, n) ? n : -Errno.EFAULT;
    }

    // names

    long unlinkat(int dirfd, long pathAddr, int flags) {
        return namespace(FileCall.UNLINK, dirfd, pathAddr, flags);
    }

    long mkdirat(int dirfd, long pathAddr, int mode) {
        return namespace(FileCall.MKDIR, dirfd, pathAddr, mode);
    }

    long faccessat(int dirfd, long pathAddr, int mode) {
        return namespace(FileCall.ACCESS, dirfd, pathAddr, mode);
    }

    long chdir(long pathAddr) {
        return namespace(FileCall.CHDIR, AT_FDCWD, pathAddr, 0);
    }

    /** fchdir: the working folder becomes the folder of {@code fd}. */
    long fchdir(int fd) {
        OpenFile f = fds.get(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (f.path == null) {
            return -Errno.ENOTDIR;
        }
        request(MessageType.P2S_NAMESPACE);
        byte[] b = f.path.getBytes(StandardCharsets.UTF_8);
        byte[] d = call.data(b.length + 1);
        System.arraycopy(b, 0, d, 0, b.length);
        d[b.length] = 0;
        return send(call.set("operation", FileCall.CHDIR).set("flags", 0));
    }

    private long namespace(int operation, int dirfd, long pathAddr, long flags) {
        request(MessageType.P2S_NAMESPACE);
        int r = pathArgument(dirfd, pathAddr);
        if (r < 0) {
            return r;
        }
        return send(call.set("operation", operation).set("flags", flags));
    }

    long renameat(int fromDir, long fromAddr, int toDir, long toAddr) {
        int from = pathAt(fromDir, fromAddr, path);
        if (from < 0) {
            return from;
        }
        int to = pathAt(toDir, toAddr, secondPath);
        if (to < 0) {
            return to;
        }
        request(MessageType.P2S_NAMESPACE).set("operation", FileCall.RENAME);
        byte[] d = call.data(from + to + 2);
        System.arraycopy(path, 0, d, 0, from);
        d[from] = 0;
        System.arraycopy(secondPath, 0, d, from + 1, to);
        d[from + 1 + to] = 0;
        return send(call);
    }

    /** readlinkat: /proc/self/exe is the process's own executable; any other link is the storage monitor's. */
    long readlinkat(int dirfd, long pathAddr, long buf, long size) {
        // Linux takes the buffer size as an int and refuses a non-positive one before the path.
        int bufsiz = (int) size;
        if (bufsiz <= 0) {
            return -Errno.EINVAL;
        }
        request(MessageType.P2S_NAMESPACE);
        int r = pathArgument(dirfd, pathAddr);
        if (r < 0) {
            return r;
        }
        if (new String(call.data(), 0, call.dataLength() - 1, StandardCharsets.UTF_8).equals("/proc/self/exe")) {
            byte[] name = exePath.getBytes(StandardCharsets.UTF_8);
            int n = Math.min(name.length, bufsiz);
            return guest.write(buf, name, 0, n) ? n : -Errno.EFAULT;
        }
        long got = send(call.set("operation", FileCall.READLINK).set("length", bufsiz));
        return copyOut(got, buf);
    }

    long getcwd(long buf, long size) {
        long asked = Long.compareUnsigned(size, GuestMemory.PATH_MAX) > 0 ? GuestMemory.PATH_MAX : size;
        long r = send(request(MessageType.P2S_NAMESPACE).set("operation", FileCall.GETCWD).set("length", asked));
        return copyOut(r, buf);
    }
}
