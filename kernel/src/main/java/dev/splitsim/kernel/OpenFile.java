package dev.splitsim.kernel;

import java.io.InputStream;
import java.io.PrintStream;

/**
 * An open file as the process monitor sees it: a standard stream of the run (the host console,
 * served here on the CPU component), or a file the storage monitor holds under an id. Descriptors
 * made by dup share one; the storage file is closed when the last of them is.
 */
final class OpenFile {
    /** The id of a console stream: the storage monitor has no such file. */
    static final long CONSOLE = -1;

    final InputStream in;
    final PrintStream out;
    final boolean terminal;
    final long storageId;
    /** The last component of the path it was opened by: the name of a mapping of it. */
    final String name;
    /** Descriptors referring to it. */
    int references;

    private OpenFile(InputStream in, PrintStream out, boolean terminal, long storageId, String name) {
        this.in = in;
        this.out = out;
        this.terminal = terminal;
        this.storageId = storageId;
        this.name = name;
    }

    static OpenFile input(InputStream in, boolean terminal) {
        return new OpenFile(in, null, terminal, CONSOLE, null);
    }

    static OpenFile output(PrintStream out, boolean terminal) {
        return new OpenFile(null, out, terminal, CONSOLE, null);
    }

    static OpenFile stored(long storageId, String name) {
        return new OpenFile(null, null, false, storageId, name);
    }

    boolean isConsole() {
        return storageId == CONSOLE;
    }
}
