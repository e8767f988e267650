package dev.splitsim.kernel.storage;

import dev.splitsim.core.event.Resource;
import dev.splitsim.devices.block.BlockDevice;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.fabric.net.Receiver;
import dev.splitsim.kernel.Errno;
import dev.splitsim.kernel.process.LoadException;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.NonReadableChannelException;
import java.nio.channels.NonWritableChannelException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * The storage monitor: it owns the sandbox folder that is the guests' file system and, per
 * process, the working folder and the open files, and does every host file operation of the
 * guests' file system calls. It learns a call only from a request's header fields and data and
 * answers in a reply's result and data.
 *
 * <p>On the split machine it is the storage component's software: it takes P2S_* requests and the
 * memory monitors' reads (M2S_READ: the program for execve, or a process's open file by its id for
 * a file mapping) off the node's ring, one polling thread, and answers
 * after its dispatch and, for file bytes, the block device's time. On the all-local machine the
 * process monitor calls it in-process ({@link #call}), the same code without the fabric or time.
 */
public final class StorageMonitor implements Receiver, FileService {
    private final Sandbox sandbox;
    private final Int2ObjectOpenHashMap<ProcessFiles> processes = new Int2ObjectOpenHashMap<>();
    private final OpenFileRequests files;
    private final NamespaceRequests names;
    private final Fabric fabric;
    private final BlockDevice device;
    private final long dispatchTicks;
    private final Resource worker;
    /** The storage side's copy of an arrived request: filled from the message alone. */
    private final FileCall arrived = new FileCall();
    private byte[] program = new byte[0];
    private long requests;

    private StorageMonitor(Path root, Fabric fabric, int node, BlockDevice device, long dispatchTicks) {
        try {
            this.sandbox = new Sandbox(root);
        } catch (IOException e) {
            throw new LoadException("cannot use " + root + " as the guest's root folder: " + e.getMessage());
        }
        this.files = new OpenFileRequests(sandbox);
        this.names = new NamespaceRequests(sandbox, files);
        this.fabric = fabric;
        this.device = device;
        this.dispatchTicks = dispatchTicks;
        this.worker = fabric == null ? null : new Resource(fabric.nodeName(node) + ".storage_monitor");
        if (fabric != null) {
            fabric.attach(node, this);
        }
    }

    /** The monitor of the all-local machine over folder {@code root}, called in-process; throws {@link LoadException}. */
    public static StorageMonitor inProcess(Path root) {
        return new StorageMonitor(root, null, -1, null, 0);
    }

    /** The monitor of storage component {@code node} over folder {@code root}; throws {@link LoadException}. */
    public static StorageMonitor onFabric(Path root, Fabric fabric, int node, BlockDevice device, long dispatchTicks) {
        return new StorageMonitor(root, fabric, node, device, dispatchTicks);
    }

    /**
     * The largest file a guest's write may make (RLIMIT_FSIZE): a write beyond it writes what fits,
     * one that starts there is EFBIG, which the process monitor turns into SIGXFSZ.
     */
    public void limitFileSize(long bytes) {
        files.limitFileSize(bytes);
    }

    /** The program image execve reads (the file the run was started with), also /proc/self/exe's bytes. */
    public void holdProgram(byte[] bytes) {
        program = bytes.clone();
        files.holdProgram(program);
    }

    /** Process {@code pid}'s own program (a further process of the run), for its execve and its /proc/self/exe. */
    public void holdProgram(int pid, byte[] bytes) {
        processes.computeIfAbsent(pid, k -> new ProcessFiles()).program = bytes.clone();
    }

    public BlockDevice device() {
        return device;
    }

    public long requests() {
        return requests;
    }

    @Override
    public void call(FileCall c) {
        requests++;
        serve(c);
    }

    @Override
    public void receive(Message m, long tick) {
        requests++;
        long start = worker.serve(tick, dispatchTicks);
        long done = start + dispatchTicks;
        Message reply = fabric.replyTo(m);
        if (m.type() == MessageType.M2S_READ && m.get("file") < 0) {
            ProcessFiles p = processes.get((int) m.get("pid"));
            byte[] image = p != null && p.program != null ? p.program : program;
            reply.set("result", 0);
            reply.putData(image, 0, image.length);
            done = device.access(done, image.length, false);
        } else if (m.type() == MessageType.M2S_READ) {
            // A memory monitor mapping a process's file: a read of that process's open file.
            arrived.start(MessageType.P2S_READ).set("pid", m.get("pid")).set("file", m.get("file"))
                    .set("offset", m.get("offset")).set("length", m.get("length"));
            serve(arrived);
            arrived.writeReply(reply);
            if (arrived.deviceBytes() > 0) {
                done = device.access(done, arrived.deviceBytes(), false);
            }
        } else {
            arrived.readRequest(m);
            serve(arrived);
            arrived.writeReply(reply);
            if (arrived.deviceBytes() > 0) {
                done = device.access(done, arrived.deviceBytes(), arrived.deviceWrite());
            }
        }
        fabric.post(reply, done);
        fabric.handled(m, 0, start, done);
    }

    /** Runs one file request; whatever goes wrong on the host is an errno in the reply. */
    private void serve(FileCall c) {
        ProcessFiles p = processes.computeIfAbsent((int) c.get("pid"), k -> new ProcessFiles());
        try {
            switch (c.type()) {
                case P2S_OPEN: files.open(p, c); break;
                case P2S_CLOSE: files.close(p, c); break;
                case P2S_READ: files.read(p, c); break;
                case P2S_WRITE: files.write(p, c); break;
                case P2S_READDIR: files.readdir(p, c); break;
                case P2S_STAT: names.stat(p, c); break;
                case P2S_NAMESPACE:
                    if (c.get("operation") == FileCall.SEEK) {
                        files.seek(p, c);
                    } else {
                        names.namespace(p, c);
                    }
                    break;
                default: c.reply(-Errno.EINVAL); break;
            }
        } catch (IOException e) {
            fail(c, HostErrors.errno(e));
        } catch (UncheckedIOException e) {
            fail(c, HostErrors.errno(e.getCause()));
        } catch (NonReadableChannelException | NonWritableChannelException e) {
            fail(c, Errno.EBADF);
        } catch (InvalidPathException | SecurityException e) {
            fail(c, Errno.EACCES);
        }
    }

    private static void fail(FileCall c, int errno) {
        c.replyData(0);
        c.reply(-errno);
        c.device(0, false);
    }
}
