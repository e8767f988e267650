package dev.splitsim.machine.cli;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;

/** Files the user names for output (statistics, traces): their errors as one line each. */
final class OutputFiles {
    private OutputFiles() {}

    /**
     * Fails with {@code cannot write WHAT to PATH: REASON} unless {@code path} can be opened for
     * writing. Checked before a run, so that a mistyped folder does not cost the whole run; the file
     * is neither truncated nor left behind when it did not exist.
     */
    static void checkWritable(Path path, String what) {
        boolean existed = Files.exists(path);
        try {
            FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.CREATE).close();
            if (!existed) {
                Files.deleteIfExists(path);
            }
        } catch (IOException e) {
            throw new UserError("cannot write " + what + " to " + path + ": " + reason(e));
        }
    }

    /** What went wrong, in words: the JDK's exceptions for host errors carry the path as their message. */
    static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        String r = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (r == null || r.isEmpty()) {
            return "input/output error";
        }
        // The host's strerror text ("No space left on device"), read as the end of our sentence.
        return r.substring(0, 1).toLowerCase(Locale.ROOT) + r.substring(1);
    }
}
