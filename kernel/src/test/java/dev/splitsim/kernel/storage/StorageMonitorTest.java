package dev.splitsim.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.kernel.Errno;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The storage monitor's file semantics, driven by requests as the process monitor sends them. */
final class StorageMonitorTest {
    private static final int O_WRONLY = 1, O_RDWR = 2, O_CREAT = 0x40, O_EXCL = 0x80, O_DIRECTORY = 0x10000,
            O_NOFOLLOW = 0x20000;

    @TempDir
    Path tmp;

    private Path root;
    private Path outside;
    private StorageMonitor monitor;
    private final FileCall call = new FileCall();

    @BeforeEach
    void setUp() throws IOException {
        root = Files.createDirectories(tmp.resolve("root")).toRealPath();
        outside = Files.createDirectories(tmp.resolve("outside")).toRealPath();
        monitor = StorageMonitor.inProcess(root);
    }

    private FileCall request(MessageType type) {
        return call.start(type).set("pid", 1);
    }

    private void path(String... paths) {
        StringBuilder all = new StringBuilder();
        for (String p : paths) {
            all.append(p).append('\0');
        }
        byte[] b = all.toString().getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, call.data(b.length), 0, b.length);
    }

    private long open(String path, int flags) {
        request(MessageType.P2S_OPEN).set("flags", flags);
        path(path);
        monitor.call(call);
        return call.result();
    }

    private long write(long file, String text) {
        request(MessageType.P2S_WRITE).set("file", file).set("offset", FileCall.AT_POSITION);
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, call.data(b.length), 0, b.length);
        monitor.call(call);
        return call.result();
    }

    private long namespace(int operation, long flags, long length, String... paths) {
        request(MessageType.P2S_NAMESPACE).set("operation", operation).set("flags", flags).set("length", length);
        path(paths);
        monitor.call(call);
        return call.result();
    }

    @Test
    void creatingThroughALinkOutsideIsRefusedAndCreatesNothing() throws IOException {
        Files.createSymbolicLink(root.resolve("out"), outside.resolve("new.txt"));
        Files.createSymbolicLink(root.resolve("in"), Path.of("target.txt"));
        assertThat(open("out", O_WRONLY | O_CREAT)).isEqualTo(-Errno.EACCES);
        assertThat(Files.exists(outside.resolve("new.txt"))).isFalse();
        // O_EXCL does not follow the last link: the name exists.
        assertThat(open("in", O_WRONLY | O_CREAT | O_EXCL)).isEqualTo(-Errno.EEXIST);
        assertThat(open("in", O_WRONLY | O_NOFOLLOW)).isEqualTo(-Errno.ELOOP);
        long id = open("in", O_WRONLY | O_CREAT);
        assertThat(id).isNotNegative();
        assertThat(write(id, "hello")).isEqualTo(5);
        assertThat(Files.readString(root.resolve("target.txt"))).isEqualTo("hello");
    }

    @Test
    void unlinkRemovesTheLinkNotItsTarget() throws IOException {
        Path target = Files.writeString(root.resolve("keep.txt"), "keep");
        Files.createSymbolicLink(root.resolve("link"), target);
        assertThat(namespace(FileCall.UNLINK, 0, 0, "link")).isZero();
        assertThat(Files.exists(root.resolve("link"), java.nio.file.LinkOption.NOFOLLOW_LINKS)).isFalse();
        assertThat(Files.readString(target)).isEqualTo("keep");
        assertThat(namespace(FileCall.UNLINK, 0x200, 0, "/")).isEqualTo(-Errno.EBUSY);
        assertThat(namespace(FileCall.UNLINK, 0x200, 0, "missing")).isEqualTo(-Errno.ENOENT);
    }

    @Test
    void readlinkShowsTargetsInsideAndHidesThoseOutside() throws IOException {
        Files.createSymbolicLink(root.resolve("rel"), Path.of("a/b"));
        Files.createSymbolicLink(root.resolve("abs-in"), root.resolve("x"));
        Files.createSymbolicLink(root.resolve("abs-out"), outside.resolve("x"));
        Files.writeString(root.resolve("plain"), "");
        assertThat(namespace(FileCall.READLINK, 0, 100, "rel")).isEqualTo(3);
        assertThat(new String(call.replyData(), 0, 3, StandardCharsets.UTF_8)).isEqualTo("a/b");
        assertThat(namespace(FileCall.READLINK, 0, 100, "abs-in")).isEqualTo(2);
        assertThat(new String(call.replyData(), 0, 2, StandardCharsets.UTF_8)).isEqualTo("/x");
        assertThat(namespace(FileCall.READLINK, 0, 100, "abs-out")).isEqualTo(-Errno.EACCES);
        assertThat(namespace(FileCall.READLINK, 0, 100, "plain")).isEqualTo(-Errno.EINVAL);
    }

    @Test
    void aDirectoryIsListedAcrossCallsWithSmallBuffers() throws IOException {
        List<String> expected = new ArrayList<>(List.of(".", ".."));
        for (int i = 0; i < 40; i++) {
            String name = String.format("entry-with-a-longish-name-%02d", i);
            Files.writeString(root.resolve(name), "");
            expected.add(name);
        }
        long dir = open(".", O_DIRECTORY);
        List<String> seen = new ArrayList<>();
        while (true) {
            request(MessageType.P2S_READDIR).set("file", dir).set("offset", FileCall.AT_POSITION).set("length", 200);
            monitor.call(call);
            assertThat(call.result()).isNotNegative();
            if (call.result() == 0) {
                break;
            }
            ByteBuffer b = ByteBuffer.wrap(call.replyData(), 0, (int) call.result()).order(ByteOrder.LITTLE_ENDIAN);
            for (int at = 0; at < call.result(); at += b.getShort(at + 16)) {
                int end = at + 19;
                while (call.replyData()[end] != 0) {
                    end++;
                }
                seen.add(new String(call.replyData(), at + 19, end - at - 19, StandardCharsets.UTF_8));
            }
        }
        assertThat(seen).isEqualTo(expected);
        request(MessageType.P2S_NAMESPACE).set("operation", FileCall.SEEK).set("file", dir).set("offset", 0);
        monitor.call(call);
        request(MessageType.P2S_READDIR).set("file", dir).set("offset", FileCall.AT_POSITION).set("length", 8);
        monitor.call(call);
        assertThat(call.result()).as("a buffer smaller than one entry").isEqualTo(-Errno.EINVAL);
    }

    @Test
    void badIdsAndModesAreErrnosAndReadsAreBounded() throws IOException {
        Files.write(root.resolve("big"), new byte[3 * FileCall.MAX_DATA]);
        long id = open("big", 0);
        request(MessageType.P2S_READ).set("file", id).set("offset", FileCall.AT_POSITION).set("length", Long.MAX_VALUE);
        monitor.call(call);
        assertThat(call.result()).isEqualTo(FileCall.MAX_DATA);
        assertThat(write(id, "x")).as("written on a read-only open").isEqualTo(-Errno.EBADF);
        request(MessageType.P2S_READ).set("file", 1L << 40).set("offset", 0).set("length", 1);
        monitor.call(call);
        assertThat(call.result()).isEqualTo(-Errno.EBADF);
        request(MessageType.P2S_CLOSE).set("file", id);
        monitor.call(call);
        assertThat(call.result()).isZero();
        monitor.call(call);
        assertThat(call.result()).as("closed twice").isEqualTo(-Errno.EBADF);
        assertThat(open("big", O_RDWR | O_DIRECTORY)).isEqualTo(-Errno.ENOTDIR);
        assertThat(open(".", O_RDWR)).isEqualTo(-Errno.EISDIR);
        assertThat(open("big/x", 0)).isEqualTo(-Errno.ENOTDIR);
    }

    @Test
    void aFifoMadeOnTheHostIsNotOpened() throws IOException, InterruptedException {
        org.junit.jupiter.api.Assumptions.assumeTrue(new java.io.File("/usr/bin/mkfifo").canExecute(), "no mkfifo");
        Process p = new ProcessBuilder("/usr/bin/mkfifo", root.resolve("fifo").toString()).start();
        assertThat(p.waitFor()).isZero();
        // Opening a FIFO with no writer would block the monitor for ever; a device node would reach the host.
        assertThat(open("fifo", 0)).isEqualTo(-Errno.EACCES);
    }
}
