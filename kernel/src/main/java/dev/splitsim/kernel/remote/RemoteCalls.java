package dev.splitsim.kernel.remote;

import dev.splitsim.cpu.timing.StallCause;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.kernel.memory.AreaRecords;
import dev.splitsim.kernel.memory.ExecStrings;
import dev.splitsim.kernel.memory.RegionMap;
import dev.splitsim.kernel.process.RemoteServices;
import dev.splitsim.kernel.storage.FileCall;
import dev.splitsim.kernel.storage.FileRouter;
import dev.splitsim.kernel.storage.FileService;
import dev.splitsim.kernel.storage.StorageNamespace;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * System calls of the split machine that leave the CPU component: virtual-memory calls and execve
 * go to the memory monitor of the process's home memory component, file calls to the storage
 * monitor of the storage component the namespace map names for them (their arguments in the request's header fields, names, paths and bytes in its data,
 * answers in the reply's). Each is a request and its reply over the fabric; the calling core waits
 * for the reply.
 */
public final class RemoteCalls implements RemoteServices, FileService {
    private final RpcClient rpc;
    private final StorageNamespace storage;
    /** Picks each file call's storage component; it sends through {@link #callStorage}. */
    private final FileRouter files;
    private final RegionMap regions;
    private final int asid;
    private final CoreTime time;
    private final AreaRecords records = new AreaRecords();
    private final CallReplies replies;
    private long entry;
    private long stackPointer;
    private long brkStart;

    public RemoteCalls(RpcClient rpc, StorageNamespace storage, RegionMap regions, int asid, CoreTime time) {
        this.rpc = rpc;
        this.storage = storage;
        this.files = new FileRouter(storage, this::callStorage);
        this.regions = regions;
        this.asid = asid;
        this.time = time;
        this.replies = new CallReplies(rpc.fabric());
    }

    /**
     * Sends {@code request} now and returns its reply once delivered; the caller reads it, then
     * {@link #finish}es it. In a system call the thread sleeps on the reply instead: the request
     * goes out, and this throws so that the ecall runs again when the reply is in, when the request
     * is answered by the kept reply.
     */
    private Message send(Message request) {
        Message kept = replies.next();
        if (kept != null) {
            rpc.fabric().release(request);
            return kept;
        }
        request.cause(time.core(), -1, time.pc(), -1);
        if (rpc.fabric().tracing()) {
            request.detail("pid=" + asid + (request.dataLength() > 0 ? " bytes=" + request.dataLength() : ""));
        }
        if (replies.active() && time.maySleepOnReply()) {
            Object thread = replies.suspend();
            time.sleepOnReply();
            rpc.post(request, time.now(), (reply, tick) -> {
                replies.arrived(thread, reply);
                time.wake(thread, tick);
            });
            throw time.retryWhenWoken();
        }
        Message reply = rpc.call(request, time.now());
        if (replies.active()) {
            replies.taken(reply);
        }
        return reply;
    }

    /** The reply has been read: it goes back to the pool (at the call's end, in a call), and the core is charged the wait for it. */
    private void finish(Message reply) {
        long done = reply.deliverTick();
        if (!replies.active()) {
            rpc.fabric().handled(reply, -1, done, done);
        }
        time.waitUntil(done, StallCause.SYSCALL);
    }

    @Override
    public boolean beginCall(Object thread, long tick) {
        return replies.begin(thread, tick);
    }

    @Override
    public long callStartTick() {
        return replies.startTick();
    }

    @Override
    public void endCall() {
        replies.end();
    }

    @Override
    public boolean inCall(Object thread) {
        return replies.suspended(thread);
    }

    private Message memoryRequest(MessageType type) {
        return rpc.request(type, regions.homeNode(asid)).set("pid", asid);
    }

    /** Sends a virtual-memory call, keeps its reply's area records and returns its result. */
    private long vmCall(Message request) {
        Message reply = send(request);
        long result = reply.get("result");
        records.copyFrom(reply.data(), reply.dataLength());
        finish(reply);
        return result;
    }

    @Override
    public long brk(long requested) {
        return vmCall(memoryRequest(MessageType.P2M_BRK).set("brk", requested));
    }

    @Override
    public long mmap(long addr, long length, int prot, int flags, long file, long offset, String name) {
        Message m = memoryRequest(MessageType.P2M_MMAP).set("addr", addr).set("len", length).set("prot", prot)
                .set("flags", flags).set("offset", offset).set("file", file);
        if (name != null) {
            byte[] b = name.getBytes(StandardCharsets.UTF_8);
            m.putData(b, 0, b.length);
        }
        return vmCall(m);
    }

    @Override
    public long munmap(long addr, long length) {
        return vmCall(memoryRequest(MessageType.P2M_MUNMAP).set("addr", addr).set("len", length));
    }

    @Override
    public long mprotect(long addr, long length, int prot) {
        return vmCall(memoryRequest(MessageType.P2M_MPROTECT).set("addr", addr).set("len", length).set("prot", prot));
    }

    @Override
    public long mremap(long old, long oldLen, long newLen, int flags) {
        return vmCall(memoryRequest(MessageType.P2M_MREMAP).set("old_addr", old).set("old_len", oldLen)
                .set("new_len", newLen).set("flags", flags));
    }

    @Override
    public void call(FileCall c) {
        files.call(c);
    }

    /**
     * A file call to storage component {@code component}: its request half goes out as a P2S_*
     * message, the storage monitor's S2P_REPLY comes back with the result and data, and the calling
     * core waits for it.
     */
    private void callStorage(int component, FileCall c) {
        Message m = rpc.request(c.type(), storage.node(component));
        c.writeRequest(m);
        Message reply = send(m);
        c.readReply(reply);
        finish(reply);
    }

    @Override
    public long execve(String execName, List<String> argv, List<String> env, long seed) {
        byte[] strings = ExecStrings.encode(execName, argv, env);
        Message m = memoryRequest(MessageType.P2M_EXECVE).set("argc", argv.size()).set("envc", env.size())
                .set("name_length", execName.getBytes(StandardCharsets.UTF_8).length).set("seed", seed);
        m.putData(strings, 0, strings.length);
        Message reply = send(m);
        long result = reply.get("result");
        entry = reply.get("entry");
        stackPointer = reply.get("sp");
        brkStart = reply.get("brk");
        records.copyFrom(reply.data(), reply.dataLength());
        finish(reply);
        return result;
    }

    @Override
    public long entry() {
        return entry;
    }

    @Override
    public long stackPointer() {
        return stackPointer;
    }

    @Override
    public long brkStart() {
        return brkStart;
    }

    @Override
    public AreaRecords records() {
        return records;
    }
}
