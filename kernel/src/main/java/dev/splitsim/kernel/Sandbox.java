package dev.splitsim.kernel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;

/**
 * The guest's whole file system is one host folder. Guest paths are resolved component by
 * component inside it: ".." stops at the root and a symbolic link is followed only while it stays
 * inside, so no path can reach the rest of the host.
 */
final class Sandbox {
    private final Path root;
    private String cwd = "/";

    Sandbox(Path root) throws IOException {
        this.root = root.toRealPath();
    }

    String cwd() {
        return cwd;
    }

    void chdir(String guestDir) {
        cwd = normalize(guestDir);
    }

    /** The host path for a guest path, or null when it would leave the sandbox. */
    Path resolve(String guestPath) {
        String norm = normalize(guestPath);
        Path p = root;
        for (String part : norm.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            p = p.resolve(part);
            if (Files.isSymbolicLink(p)) {
                try {
                    Path real = p.toRealPath();
                    if (!real.startsWith(root)) {
                        return null;
                    }
                    p = real;
                } catch (IOException e) {
                    return p; // a dangling link: lookups below it fail with ENOENT
                }
            }
        }
        return p.normalize().startsWith(root) ? p : null;
    }

    boolean exists(Path p) {
        return Files.exists(p, LinkOption.NOFOLLOW_LINKS);
    }

    private String normalize(String path) {
        String full = path.startsWith("/") ? path : cwd + "/" + path;
        java.util.ArrayDeque<String> parts = new java.util.ArrayDeque<>();
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
