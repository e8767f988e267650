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
}
