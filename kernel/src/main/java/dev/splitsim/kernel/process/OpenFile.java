package dev.splitsim.kernel.process;

import dev.splitsim.kernel.storage.VirtualNode;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * An open file as the process monitor sees it: a standard stream of the run (the host console,
 * served here on the CPU component), one of the devices of /dev or a file of /proc/self that the
 * process monitor serves here too, or a file the storage monitor holds under an id. Descriptors
 * made by dup share one; the storage file is closed when the last of them is.
 */
final class OpenFile {
    /** The id of a file served on the CPU side: the storage monitor has no such file. */
    static final long CONSOLE = -1;

    final InputStream in;
    final PrintStream out;
    final boolean terminal;
    final long storageId;
    /** The last component of the path it was opened by: the name of a mapping of it. */
    final String name;
    /** A stored file's guest path as the storage monitor resolved it at open; null for any other. */
    final String path;
    /** /dev/null, zero, full, random or urandom; null for any other file. */
    final VirtualNode device;
    /** How a device was opened: O_RDONLY 0, O_WRONLY 1, O_RDWR 2. */
    final int accessMode;
    /** The bytes of a file made at open (/proc/self/maps), read from {@link #position}; null for any other. */
    final byte[] contents;
    long position;
    /** Descriptors referring to it. */
    int references;

    private OpenFile(InputStream in, PrintStream out, boolean terminal, long storageId, String name, String path,
            VirtualNode device, int accessMode, byte[] contents) {
        this.in = in;
        this.out = out;
        this.terminal = terminal;
        this.storageId = storageId;
        this.name = name;
        this.path = path;
        this.device = device;
        this.accessMode = accessMode;
        this.contents = contents;
    }

    static OpenFile input(InputStream in, boolean terminal) {
        return new OpenFile(in, null, terminal, CONSOLE, null, null, null, 2, null);
    }

    static OpenFile output(PrintStream out, boolean terminal) {
        return new OpenFile(null, out, terminal, CONSOLE, null, null, null, 2, null);
    }

    static OpenFile stored(long storageId, String name, String path) {
        return new OpenFile(null, null, false, storageId, name, path, null, 2, null);
    }

    static OpenFile device(VirtualNode device, int accessMode) {
        return new OpenFile(null, null, false, CONSOLE, device.fileName(), null, device, accessMode, null);
    }

    static OpenFile madeAtOpen(String name, byte[] contents) {
        return new OpenFile(null, null, false, CONSOLE, name, null, null, 0, contents);
    }

    /** Served on the CPU side, not by the storage monitor: a standard stream, a device or a made file. */
    boolean isLocal() {
        return storageId == CONSOLE;
    }

    /** One of the run's standard streams. */
    boolean isConsole() {
        return storageId == CONSOLE && device == null && contents == null;
    }
}
