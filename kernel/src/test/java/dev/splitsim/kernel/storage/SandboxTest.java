package dev.splitsim.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.kernel.Errno;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No guest path reaches outside the sandbox folder, through ".." or any symbolic link. */
final class SandboxTest {
    @TempDir
    Path tmp;

    private Path root;
    private Path real;

    private Sandbox box() throws IOException {
        root = Files.createDirectories(tmp.resolve("root"));
        real = root.toRealPath();
        return new Sandbox(root);
    }

    @Test
    void dotDotAndAbsolutePathsStayInside() throws IOException {
        Sandbox box = box();
        Files.createDirectories(real.resolve("etc"));
        assertThat(box.resolve("/", "../../etc/passwd", true).path()).isEqualTo(real.resolve("etc/passwd"));
        assertThat(box.resolve("/", "/etc/passwd", true).path()).isEqualTo(real.resolve("etc/passwd"));
        // Each name is looked up before a ".." after it is taken: a missing one fails the lookup.
        assertThat(box.resolve("/", "a/../../b", true).errno()).isEqualTo(Errno.ENOENT);
        Files.createDirectories(real.resolve("a"));
        assertThat(box.resolve("/", "a/../../b", true).path()).isEqualTo(real.resolve("b"));
        Files.createDirectories(real.resolve("sub/dir"));
        assertThat(box.resolve("/sub/dir", "x.txt", true).path()).isEqualTo(real.resolve("sub/dir/x.txt"));
        assertThat(box.resolve("/sub/dir", "../../../y", true).path()).isEqualTo(real.resolve("y"));
    }

    @Test
    void symlinksLeavingTheRootAreRefused() throws IOException {
        Sandbox box = box();
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("escape-dir"), tmp);
        Files.createSymbolicLink(root.resolve("escape-relative"), Path.of("../secret.txt"));
        Files.writeString(root.resolve("inside.txt"), "ok");
        Files.createSymbolicLink(root.resolve("fine"), root.resolve("inside.txt"));
        Files.createSymbolicLink(root.resolve("fine-relative"), Path.of("inside.txt"));
        assertThat(box.resolve("/", "escape", true).errno()).isEqualTo(Errno.EACCES);
        assertThat(box.resolve("/", "escape-dir/secret.txt", true).errno()).isEqualTo(Errno.EACCES);
        assertThat(box.resolve("/", "escape-relative", true).errno()).isEqualTo(Errno.EACCES);
        assertThat(box.resolve("/", "fine", true).path()).isEqualTo(real.resolve("inside.txt"));
        assertThat(box.resolve("/", "fine-relative", true).path()).isEqualTo(real.resolve("inside.txt"));
    }

    @Test
    void danglingLinksOutsideAreRefusedAndInsideResolveToTheirTarget() throws IOException {
        Sandbox box = box();
        Files.createSymbolicLink(root.resolve("out-missing"), tmp.resolve("created-outside.txt"));
        Files.createSymbolicLink(root.resolve("out-dir-missing"), tmp.resolve("no-such-dir"));
        Files.createSymbolicLink(root.resolve("in-missing"), Path.of("later.txt"));
        assertThat(box.resolve("/", "out-missing", true).errno()).isEqualTo(Errno.EACCES);
        assertThat(box.resolve("/", "out-dir-missing/x", true).errno()).isEqualTo(Errno.EACCES);
        assertThat(box.resolve("/", "in-missing", true).path()).isEqualTo(real.resolve("later.txt"));
        // Not following the last link gives the link itself (unlink, rename, readlink act on it).
        assertThat(box.resolve("/", "out-missing", false).path()).isEqualTo(real.resolve("out-missing"));
    }

    @Test
    void loopsAndFilesInTheMiddleOfAPathAreErrors() throws IOException {
        Sandbox box = box();
        Files.createSymbolicLink(root.resolve("a"), Path.of("b"));
        Files.createSymbolicLink(root.resolve("b"), Path.of("a"));
        Files.writeString(root.resolve("file"), "x");
        assertThat(box.resolve("/", "a", true).errno()).isEqualTo(Errno.ELOOP);
        assertThat(box.resolve("/", "file/x", true).errno()).isEqualTo(Errno.ENOTDIR);
        assertThat(box.resolve("/", "none/x", true).errno()).isEqualTo(Errno.ENOENT);
        assertThat(box.resolve("/", "", true).errno()).isEqualTo(Errno.ENOENT);
    }

    @Test
    void namesAreWalkedInOrderAsTheKernelDoes() throws IOException {
        Sandbox box = box();
        Files.createDirectories(real.resolve("dir/sub"));
        Files.writeString(real.resolve("file"), "x");
        assertThat(box.resolve("/", "file/..", true).errno()).isEqualTo(Errno.ENOTDIR);
        assertThat(box.resolve("/", "file/.", true).errno()).isEqualTo(Errno.ENOTDIR);
        assertThat(box.resolve("/", "file/", true).errno()).isEqualTo(Errno.ENOTDIR);
        assertThat(box.resolve("/", "file/", false).errno()).isEqualTo(Errno.ENOTDIR);
        assertThat(box.resolve("/", "dir/sub/", true).trailingSlash()).isTrue();
        assertThat(box.resolve("/", "new/", true).path()).isEqualTo(real.resolve("new"));
        assertThat(box.resolve("/dir", "sub/../../file", true).path()).isEqualTo(real.resolve("file"));
        assertThat(box.resolve("/", "dir/sub/.", true).last()).isEqualTo(Sandbox.Last.DOT);
        assertThat(box.resolve("/", "dir/sub/..", true).last()).isEqualTo(Sandbox.Last.DOTDOT);
        assertThat(box.resolve("/dir", "sub/..", true).path()).isEqualTo(real.resolve("dir"));
        assertThat(box.resolve("/", "/", true).last()).isEqualTo(Sandbox.Last.ROOT);
        assertThat(box.resolve("/", "dir/sub", true).last()).isEqualTo(Sandbox.Last.NAME);
    }

    @Test
    void longNamesAndPathsAreRefusedWhereTheWalkMeetsThem() throws IOException {
        Sandbox box = box();
        String name = "n".repeat(256);
        assertThat(box.resolve("/", name, true).errno()).isEqualTo(Errno.ENAMETOOLONG);
        assertThat(box.resolve("/", name + "/x", true).errno()).isEqualTo(Errno.ENAMETOOLONG);
        assertThat(box.resolve("/", "missing/" + name, true).errno()).isEqualTo(Errno.ENOENT);
        assertThat(box.resolve("/", "n".repeat(255), true).found()).isTrue();
        // Bytes, not characters: 128 two-byte letters are 256 bytes.
        assertThat(box.resolve("/", "é".repeat(128), true).errno()).isEqualTo(Errno.ENAMETOOLONG);
        assertThat(box.resolve("/", "./".repeat(2047) + ".", true).found()).isTrue();
        assertThat(box.resolve("/", "./".repeat(2048), true).errno()).isEqualTo(Errno.ENAMETOOLONG);
    }

    @Test
    void aWorkingFolderReplacedByALinkOutsideIsNotFollowed() throws IOException {
        Sandbox box = box();
        Files.createDirectories(real.resolve("work"));
        Files.delete(real.resolve("work"));
        Files.createSymbolicLink(real.resolve("work"), tmp);
        assertThat(box.resolve("/work", "secret.txt", true).errno()).isEqualTo(Errno.EACCES);
    }

    @Test
    void devAndProcAreTheEmulatorsOwn() throws IOException {
        Sandbox box = box();
        Files.createDirectories(real.resolve("dev"));
        Files.writeString(real.resolve("dev/null"), "a host file the guest never sees");
        assertThat(box.resolve("/", "/dev/null", true).node()).isEqualTo(VirtualNode.NULL);
        assertThat(box.resolve("/", "/dev/../dev/./urandom", true).node()).isEqualTo(VirtualNode.URANDOM);
        assertThat(box.resolve("/dev", "zero", true).node()).isEqualTo(VirtualNode.ZERO);
        assertThat(box.resolve("/proc/self", "../self/maps", true).node()).isEqualTo(VirtualNode.MAPS);
        assertThat(box.resolve("/", "/proc/self/exe", false).node()).isEqualTo(VirtualNode.EXE);
        assertThat(box.resolve("/", "/dev/..", true).path()).isEqualTo(real);
        assertThat(box.resolve("/", "/dev/nothing", true).errno()).isEqualTo(Errno.ENOENT);
        assertThat(box.resolve("/", "/dev/null/x", true).errno()).isEqualTo(Errno.ENOTDIR);
        assertThat(box.resolve("/", "/dev/null/", true).errno()).isEqualTo(Errno.ENOTDIR);
        assertThat(box.resolve("/", "/proc/self/", true).node()).isEqualTo(VirtualNode.SELF);
    }
}
