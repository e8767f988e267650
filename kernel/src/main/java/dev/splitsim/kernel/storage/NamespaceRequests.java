package dev.splitsim.kernel.storage;

import dev.splitsim.kernel.Errno;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * The storage monitor's requests on names: stat, and P2S_NAMESPACE's unlink, mkdir, rename,
 * readlink, access, chdir and getcwd. Paths come from the request's data and are looked up in the
 * sandbox from the process's working folder.
 */
final class NamespaceRequests {
    private static final int AT_SYMLINK_NOFOLLOW = 0x100;
    private static final int AT_REMOVEDIR = 0x200;

    private final Sandbox sandbox;

    NamespaceRequests(Sandbox sandbox) {
        this.sandbox = sandbox;
    }

    /** P2S_STAT of an open file (its id) or of a path; the reply is a struct stat or statx by the asked length. */
    void stat(ProcessFiles p, FileCall c) throws IOException {
        boolean statx = c.get("length") == FileCall.STATX_BYTES;
        long id = c.get("file");
        Path path;
        HostFile open = null;
        if (id != FileCall.NO_FILE) {
            open = p.get(id);
            if (open == null) {
                c.reply(-Errno.EBADF);
                return;
            }
            path = open.path;
        } else {
            Sandbox.Lookup l = sandbox.resolve(p.cwd, RequestPaths.first(c),
                    (c.get("flags") & AT_SYMLINK_NOFOLLOW) == 0);
            if (!l.found()) {
                c.reply(-l.errno());
                return;
            }
            path = l.path();
        }
        int mode;
        long size;
        long mtime;
        long ino;
        try {
            BasicFileAttributes a = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            mode = a.isDirectory() ? StatLayout.DIRECTORY : a.isSymbolicLink() ? StatLayout.SYMLINK : StatLayout.REGULAR;
            size = a.size();
            mtime = a.lastModifiedTime().toMillis() / 1000;
            ino = a.fileKey() != null ? a.fileKey().hashCode() & 0xffffffL : 1;
        } catch (NoSuchFileException e) {
            if (open == null || open.channel == null) {
                throw e;
            }
            // An open file whose name went (unlinked while open) still has its size.
            mode = StatLayout.REGULAR;
            size = open.channel.size();
            mtime = 0;
            ino = 1;
        }
        if (statx) {
            StatLayout.statx(c.replyData(FileCall.STATX_BYTES), mode, size, mtime);
        } else {
            StatLayout.stat(c.replyData(FileCall.STAT_BYTES), mode, size, mtime, ino);
        }
        c.reply(0);
    }

    /** P2S_NAMESPACE: the operation field says which. */
    void namespace(ProcessFiles p, FileCall c) throws IOException {
        switch ((int) c.get("operation")) {
            case FileCall.UNLINK: unlink(p, c); break;
            case FileCall.MKDIR: mkdir(p, c); break;
            case FileCall.RENAME: rename(p, c); break;
            case FileCall.READLINK: readlink(p, c); break;
            case FileCall.ACCESS: access(p, c); break;
            case FileCall.CHDIR: chdir(p, c); break;
            case FileCall.GETCWD: getcwd(p, c); break;
            default: c.reply(-Errno.EINVAL); break;
        }
    }

    private void unlink(ProcessFiles p, FileCall c) throws IOException {
        Sandbox.Lookup l = sandbox.resolve(p.cwd, RequestPaths.first(c), false);
        if (!l.found()) {
            c.reply(-l.errno());
            return;
        }
        Path path = l.path();
        if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            c.reply(-Errno.ENOENT);
            return;
        }
        boolean dir = Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS);
        if (dir != ((c.get("flags") & AT_REMOVEDIR) != 0)) {
            c.reply(dir ? -Errno.EISDIR : -Errno.ENOTDIR);
            return;
        }
        if (sandbox.isRoot(path)) {
            c.reply(-Errno.EBUSY);
            return;
        }
        Files.delete(path);
        c.reply(0);
    }

    private void mkdir(ProcessFiles p, FileCall c) throws IOException {
        Sandbox.Lookup l = sandbox.resolve(p.cwd, RequestPaths.first(c), false);
        if (!l.found()) {
            c.reply(-l.errno());
            return;
        }
        Files.createDirectory(l.path());
        c.reply(0);
    }

    private void rename(ProcessFiles p, FileCall c) throws IOException {
        Sandbox.Lookup from = sandbox.resolve(p.cwd, RequestPaths.first(c), false);
        Sandbox.Lookup to = sandbox.resolve(p.cwd, RequestPaths.second(c), false);
        if (!from.found() || !to.found()) {
            c.reply(-(from.found() ? to.errno() : from.errno()));
            return;
        }
        Files.move(from.path(), to.path(), StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
        c.reply(0);
    }

    /**
     * readlink of a link inside the sandbox: its target as the guest sees it (a host path inside the
     * root becomes the guest's path); a link to outside the root is not shown.
     */
    private void readlink(ProcessFiles p, FileCall c) throws IOException {
        Sandbox.Lookup l = sandbox.resolve(p.cwd, RequestPaths.first(c), false);
        if (!l.found()) {
            c.reply(-l.errno());
            return;
        }
        if (!Files.isSymbolicLink(l.path())) {
            c.reply(Files.exists(l.path(), LinkOption.NOFOLLOW_LINKS) ? -Errno.EINVAL : -Errno.ENOENT);
            return;
        }
        Path target = Files.readSymbolicLink(l.path());
        String text = target.toString();
        if (target.isAbsolute()) {
            text = sandbox.guestPath(target);
            if (text == null) {
                c.reply(-Errno.EACCES);
                return;
            }
        }
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.max(0, Math.min(bytes.length, c.get("length")));
        System.arraycopy(bytes, 0, c.replyData(n), 0, n);
        c.reply(n);
    }

    private void access(ProcessFiles p, FileCall c) {
        Sandbox.Lookup l = sandbox.resolve(p.cwd, RequestPaths.first(c), true);
        if (!l.found()) {
            c.reply(-l.errno());
            return;
        }
        c.reply(Files.exists(l.path(), LinkOption.NOFOLLOW_LINKS) ? 0 : -Errno.ENOENT);
    }

    private void chdir(ProcessFiles p, FileCall c) {
        String guest = RequestPaths.first(c);
        Sandbox.Lookup l = sandbox.resolve(p.cwd, guest, true);
        if (!l.found()) {
            c.reply(-l.errno());
            return;
        }
        if (!Files.isDirectory(l.path(), LinkOption.NOFOLLOW_LINKS)) {
            c.reply(Files.exists(l.path(), LinkOption.NOFOLLOW_LINKS) ? -Errno.ENOTDIR : -Errno.ENOENT);
            return;
        }
        p.cwd = Sandbox.normalize(p.cwd, guest);
        c.reply(0);
    }

    /** getcwd: the working folder with its NUL, or ERANGE when the asked length cannot hold it. */
    private void getcwd(ProcessFiles p, FileCall c) {
        byte[] cwd = p.cwd.getBytes(StandardCharsets.UTF_8);
        if (c.get("length") < cwd.length + 1) {
            c.reply(-Errno.ERANGE);
            return;
        }
        byte[] out = c.replyData(cwd.length + 1);
        System.arraycopy(cwd, 0, out, 0, cwd.length);
        out[cwd.length] = 0;
        c.reply(cwd.length + 1);
    }
}
