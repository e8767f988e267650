package dev.splitsim.kernel.process;

import dev.splitsim.kernel.Errno;

/** A process's file descriptor table: small numbers naming {@link OpenFile}s, lowest free first. */
final class Descriptors {
    static final int MAX_FILES = 1024;

    private final OpenFile[] files = new OpenFile[MAX_FILES];

    /** The open file of {@code fd}, or null when it names none. */
    OpenFile get(long fd) {
        return fd >= 0 && fd < MAX_FILES ? files[(int) fd] : null;
    }

    /** Puts {@code f} at the lowest free descriptor from {@code from}; -EMFILE when none is free. */
    int add(OpenFile f, int from) {
        int fd = free(from);
        if (fd >= 0) {
            put(fd, f);
        }
        return fd;
    }

    /** The lowest free descriptor from {@code from}; -EMFILE when none is free. */
    int free(int from) {
        for (int fd = Math.max(from, 0); fd < MAX_FILES; fd++) {
            if (files[fd] == null) {
                return fd;
            }
        }
        return -Errno.EMFILE;
    }

    /** Puts {@code f} at {@code fd}, which must be free. */
    void put(int fd, OpenFile f) {
        files[fd] = f;
        f.references++;
    }

    /** Frees {@code fd}; returns its open file when that was the last descriptor of it, else null. */
    OpenFile remove(int fd) {
        OpenFile f = files[fd];
        files[fd] = null;
        return --f.references == 0 ? f : null;
    }

    /** Frees every descriptor; returns the open files they referred to, each once (what exit closes). */
    java.util.List<OpenFile> clear() {
        java.util.List<OpenFile> out = new java.util.ArrayList<>();
        for (int fd = 0; fd < MAX_FILES; fd++) {
            OpenFile f = files[fd];
            if (f != null && remove(fd) != null) {
                out.add(f);
            }
        }
        return out;
    }
}
