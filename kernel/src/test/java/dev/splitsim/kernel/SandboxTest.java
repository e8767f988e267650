package dev.splitsim.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No guest path reaches outside the sandbox folder. */
final class SandboxTest {
    @TempDir
    Path tmp;

    @Test
    void dotDotAndAbsolutePathsStayInside() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Sandbox box = new Sandbox(root);
        Path real = root.toRealPath();
        assertThat(box.resolve("../../etc/passwd")).isEqualTo(real.resolve("etc/passwd"));
        assertThat(box.resolve("/etc/passwd")).isEqualTo(real.resolve("etc/passwd"));
        assertThat(box.resolve("a/../../b")).isEqualTo(real.resolve("b"));
        box.chdir("/sub/dir");
        assertThat(box.resolve("x.txt")).isEqualTo(real.resolve("sub/dir/x.txt"));
        assertThat(box.resolve("../../../y")).isEqualTo(real.resolve("y"));
    }

    @Test
    void symlinksLeavingTheRootAreRefused() throws IOException {
        Path root = Files.createDirectories(tmp.resolve("root"));
        Path outside = Files.writeString(tmp.resolve("secret.txt"), "secret");
        Files.createSymbolicLink(root.resolve("escape"), outside);
        Files.createSymbolicLink(root.resolve("escape-dir"), tmp);
        Files.writeString(root.resolve("inside.txt"), "ok");
        Files.createSymbolicLink(root.resolve("fine"), root.resolve("inside.txt"));
        Sandbox box = new Sandbox(root);
        assertThat(box.resolve("escape")).isNull();
        assertThat(box.resolve("escape-dir/secret.txt")).isNull();
        assertThat(box.resolve("fine")).isEqualTo(root.toRealPath().resolve("inside.txt"));
    }
}
