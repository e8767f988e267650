package dev.splitsim.kernel.storage;

import dev.splitsim.kernel.Errno;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.FileSystemLoopException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.nio.file.NotLinkException;

/**
 * What a failed host file operation means to the guest: the Linux errno of the host's reason.
 * The JDK names a few reasons by exception class and reports every other by the C library's text
 * for the errno (a file system exception's reason, or a channel's message), so each text maps back
 * to its own number; only a failure the host does not explain is EIO.
 */
final class HostErrors {
    private HostErrors() {}

    /** The C library's message of each errno a file operation can fail with; longer texts first where one starts another. */
    private static final Object[][] REASONS = {
        {"Operation not permitted", Errno.EPERM},
        {"No such file or directory", Errno.ENOENT},
        {"Interrupted system call", Errno.EINTR},
        {"Input/output error", Errno.EIO},
        {"No such device or address", Errno.ENXIO},
        {"Argument list too long", Errno.E2BIG},
        {"Bad file descriptor", Errno.EBADF},
        {"Resource temporarily unavailable", Errno.EAGAIN},
        {"Cannot allocate memory", Errno.ENOMEM},
        {"Permission denied", Errno.EACCES},
        {"Bad address", Errno.EFAULT},
        {"Device or resource busy", Errno.EBUSY},
        {"File exists", Errno.EEXIST},
        {"Invalid cross-device link", Errno.EXDEV},
        {"No such device", Errno.ENODEV},
        {"Not a directory", Errno.ENOTDIR},
        {"Is a directory", Errno.EISDIR},
        {"Invalid argument", Errno.EINVAL},
        {"Too many open files in system", Errno.ENFILE},
        {"Too many open files", Errno.EMFILE},
        {"Text file busy", Errno.ETXTBSY},
        {"File too large", Errno.EFBIG},
        {"No space left on device", Errno.ENOSPC},
        {"Illegal seek", Errno.ESPIPE},
        {"Read-only file system", Errno.EROFS},
        {"Too many links", Errno.EMLINK},
        {"Broken pipe", Errno.EPIPE},
        {"File name too long", Errno.ENAMETOOLONG},
        {"Directory not empty", Errno.ENOTEMPTY},
        {"Too many levels of symbolic links", Errno.ELOOP},
        {"Value too large for defined data type", Errno.EOVERFLOW},
        {"Operation not supported", Errno.EOPNOTSUPP},
        {"Stale file handle", Errno.ESTALE},
        {"Disk quota exceeded", Errno.EDQUOT},
    };

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
        if (e instanceof AtomicMoveNotSupportedException) {
            return Errno.EXDEV;
        }
        String reason = e instanceof FileSystemException f ? f.getReason() : e.getMessage();
        if (reason != null) {
            for (Object[] r : REASONS) {
                if (reason.startsWith((String) r[0])) {
                    return (Integer) r[1];
                }
            }
        }
        return Errno.EIO;
    }
}
