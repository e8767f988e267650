package dev.splitsim.kernel.storage;

import dev.splitsim.kernel.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The guest's whole file system is one host folder. A guest path is looked up one component at a
 * time from the root without ever letting the host follow a symbolic link: each link met is read
 * and its target walked in its place, and a target outside the root, or a ".." from a target that
 * climbs above it, refuses the lookup whether or not the target exists. So a result never
 * contains a link except, when asked for, as its last component, and an open or create of the
 * result (with NOFOLLOW_LINKS) stays inside.
 */
public final class Sandbox {
    /** Linux's limit on links followed in one lookup (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;
    private final Path root;

    public Sandbox(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    /** A lookup's outcome: the host path (which may not exist yet), or the errno of why there is none. */
    public record Lookup(Path path, int errno) {
        static Lookup refused(int errno) {
            return new Lookup(null, errno);
        }

        public boolean found() {
            return path != null;
        }
    }

    /**
     * The host path of {@code guestPath}, relative paths taken from {@code cwd}. With
     * {@code followLast} false a link as the last component is the result itself (unlink, rename,
     * lstat, readlink act on the link).
     */
    public Lookup resolve(String cwd, String guestPath, boolean followLast) {
        if (guestPath.isEmpty()) {
            return Lookup.refused(Errno.ENOENT);
        }
        Deque<String> todo = new ArrayDeque<>();
        for (String part : normalize(cwd, guestPath).split("/")) {
            if (!part.isEmpty()) {
                todo.addLast(part);
            }
        }
        Path at = root;
        int links = 0;
        while (!todo.isEmpty()) {
            String part = todo.pollFirst();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                // The guest's own ".." went lexically in normalize: this one comes from a link target.
                if (at.equals(root)) {
                    return Lookup.refused(Errno.EACCES);
                }
                at = at.getParent();
                continue;
            }
            Path next = at.resolve(part);
            boolean last = todo.isEmpty();
            if (Files.isSymbolicLink(next) && (!last || followLast)) {
                if (++links > MAX_LINKS) {
                    return Lookup.refused(Errno.ELOOP);
                }
                Path target;
                try {
                    target = Files.readSymbolicLink(next);
                } catch (IOException | UnsupportedOperationException e) {
                    return Lookup.refused(Errno.EIO);
                }
                Path from = at;
                if (target.isAbsolute()) {
                    if (!target.startsWith(root)) {
                        return Lookup.refused(Errno.EACCES);
                    }
                    target = root.relativize(target);
                    from = root;
                }
                for (int i = target.getNameCount() - 1; i >= 0; i--) {
                    todo.addFirst(target.getName(i).toString());
                }
                at = from;
                continue;
            }
            if (!last && !Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                return Lookup.refused(Files.exists(next, LinkOption.NOFOLLOW_LINKS) ? Errno.ENOTDIR : Errno.ENOENT);
            }
            at = next;
        }
        return new Lookup(at, 0);
    }

    /** Whether {@code host} is the root folder itself (which no guest call may remove). */
    public boolean isRoot(Path host) {
        return host.equals(root);
    }

    /** The guest's absolute path for a host path inside the root; null for one outside. */
    public String guestPath(Path host) {
        Path p = host.normalize();
        if (!p.startsWith(root)) {
            return null;
        }
        return "/" + root.relativize(p).toString().replace('\\', '/');
    }

    /** {@code path} made absolute against {@code cwd}, "." and ".." removed; ".." stops at the root. */
    public static String normalize(String cwd, String path) {
        String full = path.startsWith("/") ? path : cwd + "/" + path;
        ArrayDeque<String> parts = new ArrayDeque<>();
        for (String part : full.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                parts.pollLast();
            } else {
                parts.addLast(part);
            }
        }
        return "/" + String.join("/", parts);
    }
}
