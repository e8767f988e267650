package dev.splitsim.kernel.storage;

import dev.splitsim.kernel.Errno;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The guest's whole file system is one host folder. A guest path is looked up one component at a
 * time, as the kernel walks it: from the root, or from the working folder for a relative path,
 * each name must exist and be a folder before the next is taken, so "missing/../file" fails at
 * "missing" and "file/.." at "file". The host never follows a symbolic link: each link met is read
 * and its target walked in its place, and a target outside the root, or a ".." from a target that
 * climbs above it, refuses the lookup whether or not the target exists (the guest's own ".." at
 * the root stays there, as at a process's root in Linux). So a result never contains a link
 * except, when asked for, as its last component, and an open or create of the result (with
 * NOFOLLOW_LINKS) stays inside.
 *
 * <p>/dev and /proc are the emulator's, as mounts hide what is beneath them in Linux: their names
 * resolve to a {@link VirtualNode}, never to a host file of the folder.
 */
public final class Sandbox {
    /** Linux's limit on links followed in one lookup (MAXSYMLINKS). */
    private static final int MAX_LINKS = 40;
    /** The longest name of one component (NAME_MAX), in bytes. */
    public static final int NAME_MAX = 255;
    /** The longest path a call takes, its NUL excluded (PATH_MAX - 1), in bytes. */
    public static final int PATH_MAX = 4095;

    /** What the last component of a path is, which decides some errors (rmdir of ".", unlink of "/"). */
    public enum Last { NAME, DOT, DOTDOT, ROOT }

    private final Path root;

    public Sandbox(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    /**
     * A lookup's outcome: the host path (which may not exist yet) or a virtual node, or the errno of
     * why there is none; what the last component was; whether the path ended in a slash (so the
     * result must be a folder).
     */
    public record Lookup(Path path, VirtualNode node, int errno, Last last, boolean trailingSlash) {
        static Lookup refused(int errno) {
            return new Lookup(null, null, errno, Last.NAME, false);
        }

        public boolean found() {
            return path != null || node != null;
        }

        public boolean isVirtual() {
            return node != null;
        }
    }

    /** Where a walk stands: a host folder or file, or a node of the emulator's own. */
    private record Place(Path host, VirtualNode node) {}

    /** One name still to walk; those that come from a link's target may not climb above the root. */
    private record Part(String name, boolean fromLink) {}

    /**
     * The host path of {@code guestPath}, relative paths taken from {@code cwd} (a folder's guest
     * path as {@link #guestPath} gives it). With {@code followLast} false a link as the last
     * component is the result itself (unlink, rename, lstat, readlink act on it); a trailing slash
     * follows it all the same, and a result that exists must then be a folder.
     */
    public Lookup resolve(String cwd, String guestPath, boolean followLast) {
        if (guestPath.isEmpty()) {
            return Lookup.refused(Errno.ENOENT);
        }
        if (guestPath.getBytes(StandardCharsets.UTF_8).length > PATH_MAX) {
            return Lookup.refused(Errno.ENAMETOOLONG);
        }
        boolean slash = guestPath.endsWith("/");
        boolean follow = followLast || slash;
        Deque<Part> todo = new ArrayDeque<>();
        if (!guestPath.startsWith("/")) {
            // The working folder has no links, "." or ".." in it: walking it again re-checks that
            // no link has taken the place of one of its folders since.
            add(todo, cwd, false);
        }
        add(todo, guestPath, false);
        Place at = new Place(root, null);
        Last last = todo.isEmpty() ? Last.ROOT : Last.NAME;
        int links = 0;
        while (!todo.isEmpty()) {
            Part part = todo.pollFirst();
            boolean isLast = todo.isEmpty();
            String name = part.name();
            if (name.equals(".")) {
                last = isLast ? Last.DOT : last;
                continue;
            }
            if (name.equals("..")) {
                last = isLast ? Last.DOTDOT : last;
                if (at.node() != null) {
                    at = parentOf(at.node());
                } else if (at.host().equals(root)) {
                    if (part.fromLink()) {
                        return Lookup.refused(Errno.EACCES);
                    }
                } else {
                    at = new Place(at.host().getParent(), null);
                }
                continue;
            }
            last = Last.NAME;
            if (name.getBytes(StandardCharsets.UTF_8).length > NAME_MAX) {
                return Lookup.refused(Errno.ENAMETOOLONG);
            }
            if (at.node() != null) {
                VirtualNode child = at.node().child(name);
                if (child == null) {
                    return Lookup.refused(at.node().isDirectory() ? Errno.ENOENT : Errno.ENOTDIR);
                }
                if (!isLast && !child.isDirectory()) {
                    return Lookup.refused(Errno.ENOTDIR);
                }
                at = new Place(null, child);
                continue;
            }
            if (at.host().equals(root) && VirtualNode.TOP.child(name) != null) {
                at = new Place(null, VirtualNode.TOP.child(name));
                if (!isLast && !at.node().isDirectory()) {
                    return Lookup.refused(Errno.ENOTDIR);
                }
                continue;
            }
            Path next = at.host().resolve(name);
            if (Files.isSymbolicLink(next) && (!isLast || follow)) {
                if (++links > MAX_LINKS) {
                    return Lookup.refused(Errno.ELOOP);
                }
                Path target;
                try {
                    target = Files.readSymbolicLink(next);
                } catch (IOException | UnsupportedOperationException e) {
                    return Lookup.refused(Errno.EIO);
                }
                if (target.isAbsolute()) {
                    if (!target.startsWith(root)) {
                        return Lookup.refused(Errno.EACCES);
                    }
                    target = root.relativize(target);
                    at = new Place(root, null);
                }
                for (int i = target.getNameCount() - 1; i >= 0; i--) {
                    String t = target.getName(i).toString();
                    if (!t.isEmpty()) {
                        todo.addFirst(new Part(t, true));
                    }
                }
                continue;
            }
            if (!isLast && !Files.isDirectory(next, LinkOption.NOFOLLOW_LINKS)) {
                return Lookup.refused(Files.exists(next, LinkOption.NOFOLLOW_LINKS) ? Errno.ENOTDIR : Errno.ENOENT);
            }
            at = new Place(next, null);
        }
        if (slash && (at.node() != null ? !at.node().isDirectory()
                : Files.exists(at.host(), LinkOption.NOFOLLOW_LINKS)
                        && !Files.isDirectory(at.host(), LinkOption.NOFOLLOW_LINKS))) {
            return Lookup.refused(Errno.ENOTDIR);
        }
        return new Lookup(at.host(), at.node(), 0, last, slash);
    }

    private static void add(Deque<Part> todo, String path, boolean fromLink) {
        for (String p : path.split("/")) {
            if (!p.isEmpty()) {
                todo.addLast(new Part(p, fromLink));
            }
        }
    }

    private Place parentOf(VirtualNode node) {
        VirtualNode up = node.parent();
        return up == VirtualNode.TOP ? new Place(root, null) : new Place(null, up);
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
}
