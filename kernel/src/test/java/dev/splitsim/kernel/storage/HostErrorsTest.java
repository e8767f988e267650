package dev.splitsim.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.kernel.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Each host failure reaches the guest as its own errno, never as a blanket EIO. */
final class HostErrorsTest {
    @TempDir
    Path tmp;

    /** How the JDK reports a failed call on a path: the C library's text as the reason. */
    private static int onPath(String reason) {
        return HostErrors.errno(new FileSystemException("/some/file", null, reason));
    }

    @Test
    void theHostsReasonsMapToTheirErrnos() {
        assertThat(onPath("No space left on device")).isEqualTo(Errno.ENOSPC);
        assertThat(onPath("Read-only file system")).isEqualTo(Errno.EROFS);
        assertThat(onPath("Operation not permitted")).isEqualTo(Errno.EPERM);
        assertThat(onPath("Disk quota exceeded")).isEqualTo(Errno.EDQUOT);
        assertThat(onPath("File too large")).isEqualTo(Errno.EFBIG);
        assertThat(onPath("Text file busy")).isEqualTo(Errno.ETXTBSY);
        assertThat(onPath("Too many open files")).isEqualTo(Errno.EMFILE);
        assertThat(onPath("Too many open files in system")).isEqualTo(Errno.ENFILE);
        assertThat(onPath("Too many levels of symbolic links (NOFOLLOW_LINKS specified)")).isEqualTo(Errno.ELOOP);
        assertThat(onPath("Directory not empty")).isEqualTo(Errno.ENOTEMPTY);
        assertThat(onPath("Is a directory")).isEqualTo(Errno.EISDIR);
        assertThat(onPath("Not a directory")).isEqualTo(Errno.ENOTDIR);
        assertThat(onPath("Invalid cross-device link")).isEqualTo(Errno.EXDEV);
        assertThat(onPath("Input/output error")).isEqualTo(Errno.EIO);
        assertThat(onPath("Stale file handle")).isEqualTo(Errno.ESTALE);
        assertThat(onPath("something no C library says")).isEqualTo(Errno.EIO);
    }

    @Test
    void aChannelsFailureIsMappedByItsMessage() {
        // FileChannel.write on a full disk throws a plain IOException with the text as its message.
        assertThat(HostErrors.errno(new IOException("No space left on device"))).isEqualTo(Errno.ENOSPC);
        assertThat(HostErrors.errno(new IOException("Bad file descriptor"))).isEqualTo(Errno.EBADF);
        assertThat(HostErrors.errno(new IOException())).isEqualTo(Errno.EIO);
    }

    @Test
    void theJdksOwnExceptionsKeepTheirMeaning() {
        assertThat(HostErrors.errno(new NoSuchFileException("x"))).isEqualTo(Errno.ENOENT);
        assertThat(HostErrors.errno(new AccessDeniedException("x"))).isEqualTo(Errno.EACCES);
        assertThat(HostErrors.errno(new AtomicMoveNotSupportedException("a", "b", "cross-device"))).isEqualTo(Errno.EXDEV);
    }

    @Test
    void aRealRenameFailureComesBackWithTheHostKernelsErrno() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("dir"));
        Files.writeString(dir.resolve("inside"), "x");
        Path empty = Files.createDirectories(tmp.resolve("empty"));
        Path file = Files.writeString(tmp.resolve("file"), "x");
        assertThat(failure(() -> Files.move(file, empty, StandardCopyOption.ATOMIC_MOVE))).isEqualTo(Errno.EISDIR);
        assertThat(failure(() -> Files.move(empty, file, StandardCopyOption.ATOMIC_MOVE))).isEqualTo(Errno.ENOTDIR);
        int notEmpty = failure(() -> Files.move(empty, dir, StandardCopyOption.ATOMIC_MOVE));
        // Linux lets a file system answer either for a folder that is not empty.
        assertThat(notEmpty).isIn(Errno.ENOTEMPTY, Errno.EEXIST);
        assertThat(failure(() -> Files.move(dir, dir.resolve("inside/x"), StandardCopyOption.ATOMIC_MOVE)))
                .isIn(Errno.EINVAL, Errno.ENOTDIR);
    }

    private interface HostCall {
        void run() throws IOException;
    }

    private static int failure(HostCall call) {
        try {
            call.run();
        } catch (IOException e) {
            return HostErrors.errno(e);
        }
        throw new AssertionError("the host call did not fail");
    }
}
