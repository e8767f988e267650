package dev.splitsim.kernel.remote;

import dev.splitsim.cpu.timing.StallCause;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.kernel.RemoteServices;
import dev.splitsim.kernel.memory.GlobalMemoryManager;
import dev.splitsim.kernel.storage.FileCall;
import dev.splitsim.kernel.storage.FileService;

/**
 * System calls of the split machine that leave the CPU component: virtual-memory calls go to the
 * process's home memory component, file calls to the storage monitor (their arguments in the
 * request's header fields, paths and bytes in its data, answers in the reply's), and execve to the
 * memory monitor, which reads the program from storage. Each is a request and its reply over the
 * fabric; the calling core waits for the reply.
 */
public final class RemoteCalls implements RemoteServices, FileService {
    private final RpcClient rpc;
    private final int storageNode;
    private final GlobalMemoryManager manager;
    private final int asid;
    private final CoreTime time;

    public RemoteCalls(RpcClient rpc, int storageNode, GlobalMemoryManager manager, int asid, CoreTime time) {
        this.rpc = rpc;
        this.storageNode = storageNode;
        this.manager = manager;
        this.asid = asid;
        this.time = time;
    }

    /** Sends {@code request} now, waits for its reply, and charges the wait to the calling core. */
    private void callAndWait(Message request) {
        finish(send(request));
    }

    /** Sends {@code request} now and returns its reply once delivered; the caller reads it, then {@link #finish}es it. */
    private Message send(Message request) {
        request.cause(time.core(), -1, time.pc(), -1);
        if (rpc.fabric().tracing()) {
            request.detail("pid=" + asid + (request.dataLength() > 0 ? " bytes=" + request.dataLength() : ""));
        }
        return rpc.call(request, time.now());
    }

    /** The reply has been read: it goes back to the pool, and the core is charged the wait for it. */
    private void finish(Message reply) {
        long done = reply.deliverTick();
        rpc.fabric().handled(reply, -1, done, done);
        time.waitUntil(done, StallCause.SYSCALL);
    }

    @Override
    public void memoryCall(MessageType type, long dataBytes) {
        Message m = rpc.request(type, manager.home(asid).node());
        m.set(type.fields().get(0).name(), asid);
        if (type.carriesData()) {
            m.data((int) dataBytes);
        }
        callAndWait(m);
    }

    /**
     * A file call: its request half goes out as a P2S_* message, the storage monitor's S2P_REPLY
     * comes back with the result and data, and the calling core waits for it.
     */
    @Override
    public void call(FileCall c) {
        Message m = rpc.request(c.type(), storageNode);
        c.writeRequest(m);
        Message reply = send(m);
        c.readReply(reply);
        finish(reply);
    }

    @Override
    public void execve(long fileBytes, long stringBytes) {
        Message m = rpc.request(MessageType.P2M_EXECVE, manager.home(asid).node());
        m.set("pid", asid);
        m.data((int) stringBytes);
        callAndWait(m);
    }
}
