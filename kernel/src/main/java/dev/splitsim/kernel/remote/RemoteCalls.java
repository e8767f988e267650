package dev.splitsim.kernel.remote;

import dev.splitsim.cpu.timing.StallCause;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.kernel.RemoteServices;
import dev.splitsim.kernel.memory.GlobalMemoryManager;

/**
 * System calls of the split machine that leave the CPU component: virtual-memory calls go to the
 * process's home memory component, file calls to the storage monitor, and execve to the memory
 * monitor, which reads the program from storage. Each is a request and its reply over the fabric;
 * the calling core waits for the reply.
 */
public final class RemoteCalls implements RemoteServices {
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
        request.cause(time.core(), -1, time.pc(), -1);
        if (rpc.fabric().tracing()) {
            request.detail("pid=" + asid + (request.dataLength() > 0 ? " bytes=" + request.dataLength() : ""));
        }
        Message reply = rpc.call(request, time.now());
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

    @Override
    public void storageCall(MessageType type, long sentBytes, long returnedBytes, long deviceBytes,
            boolean deviceWrite) {
        Message m = rpc.request(type, storageNode);
        m.set("pid", asid);
        if (type.carriesData()) {
            m.data((int) sentBytes);
        }
        if (type.field("length") >= 0) {
            m.set("length", returnedBytes);
        }
        callAndWait(m);
    }

    @Override
    public void execve(long fileBytes, long stringBytes) {
        Message m = rpc.request(MessageType.P2M_EXECVE, manager.home(asid).node());
        m.set("pid", asid);
        m.data((int) stringBytes);
        callAndWait(m);
    }
}
