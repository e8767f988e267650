package dev.splitsim.kernel.storage;

import dev.splitsim.kernel.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/** What a failed host file operation means to the guest: the Linux errno of the host's reason. */
final class HostErrors {
    private HostErrors() {}

    static int errno(IOException e) {
        if (e instanceof NoSuchFileException) {
            return Errno.ENOENT;
        }
        if (e instanceof FileAlreadyExistsException) {
            return Errno.EEXIST;
        }
        if (e instanceof DirectoryNotEmptyException) {
            return Errno.ENOTEMPTY;
        }
        if (e instanceof AccessDeniedException) {
            return Errno.EACCES;
        }
        if (e instanceof NotDirectoryException) {
            return Errno.ENOTDIR;
        }
        if (e instanceof NotLinkException) {
            return Errno.EINVAL;
        }
        if (e instanceof FileSystemLoopException) {
            return Errno.ELOOP;
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            // The JDK reports other host errors by their strerror text only.
            String reason = f.getReason();
            if (reason.startsWith("Not a directory")) {
                return Errno.ENOTDIR;
            }
            if (reason.startsWith("Is a directory")) {
                return Errno.EISDIR;
            }
            if (reason.startsWith("Too many levels of symbolic links")) {
                return Errno.ELOOP;
            }
            if (reason.startsWith("File name too long")) {
                return Errno.ENAMETOOLONG;
            }
            if (reason.startsWith("Directory not empty")) {
                return Errno.ENOTEMPTY;
            }
            if (reason.startsWith("Invalid argument")) {
                return Errno.EINVAL;
            }
        }
        return Errno.EIO;
    }
}
