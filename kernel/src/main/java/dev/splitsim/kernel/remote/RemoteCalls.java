package dev.splitsim.kernel.remote;

import dev.splitsim.cpu.timing.StallCause;
import dev.splitsim.fabric.Delivery;
import dev.splitsim.fabric.Fabric;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.kernel.RemoteServices;
import dev.splitsim.kernel.memory.GlobalMemoryManager;
import dev.splitsim.kernel.memory.MemoryComponent;

/**
 * System calls of the split machine that leave the CPU component: virtual-memory calls go to the
 * process's home memory component, file calls to the storage monitor, and execve to the memory
 * monitor, which reads the program from storage. Each is a request and its reply over the fabric;
 * the calling core waits for the reply.
 */
public final class RemoteCalls implements RemoteServices {
    private final Fabric fabric;
    private final int cpuNode;
    private final int storageNode;
    private final GlobalMemoryManager manager;
    private final int asid;
    private final CoreTime time;
    private final SplitTiming timing;
    private final Delivery request = new Delivery();
    private final Delivery reply = new Delivery();

    public RemoteCalls(Fabric fabric, int cpuNode, int storageNode, GlobalMemoryManager manager, int asid,
            CoreTime time, SplitTiming timing) {
        this.fabric = fabric;
        this.cpuNode = cpuNode;
        this.storageNode = storageNode;
        this.manager = manager;
        this.asid = asid;
        this.time = time;
        this.timing = timing;
    }

    /**
     * One request and its reply; returns when the reply has arrived. A request to a memory component
     * ({@code server} non-null) waits for a free memory monitor worker.
     */
    private long call(MessageType type, int from, int to, MemoryComponent server, long sentBytes, long returnedBytes,
            long serviceTicks, long t, String detail) {
        fabric.send(type, from, to, sentBytes, t, request);
        long handled = (server == null ? request.arriveTick : server.startService(request.arriveTick)) + serviceTicks;
        if (server != null) {
            server.endService(handled);
        }
        fabric.record(type, from, to, sentBytes, request, handled, detail);
        fabric.send(type.reply(), to, from, returnedBytes, handled, reply);
        fabric.record(type.reply(), to, from, returnedBytes, reply, reply.arriveTick, null, request.sequence);
        return reply.arriveTick;
    }

    @Override
    public void memoryCall(MessageType type, long dataBytes) {
        MemoryComponent home = manager.home(asid);
        fabric.setCause(time.core(), time.pc(), -1);
        long t = call(type, cpuNode, home.node(), home, dataBytes, 0, home.timing().dispatchTicks(), time.now(),
                fabric.tracing() ? "pid=" + asid : null);
        time.waitUntil(t, StallCause.SYSCALL);
    }

    private long deviceTicks(long bytes, boolean write) {
        if (bytes <= 0) {
            return 0;
        }
        return (write ? timing.storageWriteTicks() : timing.storageReadTicks())
                + (long) Math.ceil(bytes * 8.0 * 1e12 / timing.storageBitsPerSecond());
    }

    @Override
    public void storageCall(MessageType type, long sentBytes, long returnedBytes, long deviceBytes,
            boolean deviceWrite) {
        fabric.setCause(time.core(), time.pc(), -1);
        long service = timing.storageDispatchTicks() + deviceTicks(deviceBytes, deviceWrite);
        long t = call(type, cpuNode, storageNode, null, sentBytes, returnedBytes, service, time.now(),
                fabric.tracing() ? "pid=" + asid + " bytes=" + Math.max(sentBytes, returnedBytes) : null);
        time.waitUntil(t, StallCause.SYSCALL);
    }

    @Override
    public void execve(long fileBytes, long stringBytes) {
        MemoryComponent home = manager.home(asid);
        fabric.setCause(time.core(), time.pc(), -1);
        long t = time.now();
        fabric.send(MessageType.P2M_EXECVE, cpuNode, home.node(), stringBytes, t, request);
        long atHome = home.startService(request.arriveTick) + home.timing().dispatchTicks();
        long execveSequence = request.sequence;
        fabric.record(MessageType.P2M_EXECVE, cpuNode, home.node(), stringBytes, request, atHome,
                fabric.tracing() ? "pid=" + asid + " program bytes=" + fileBytes : null);
        long loaded = call(MessageType.M2S_READ, home.node(), storageNode, null, 0, fileBytes,
                timing.storageDispatchTicks() + deviceTicks(fileBytes, false), atHome,
                fabric.tracing() ? "program bytes=" + fileBytes : null);
        // Building the address space: one DRAM write per loaded page (stated assumption).
        long pages = (fileBytes + 4095) / 4096;
        long built = loaded + pages * home.timing().writeTicks();
        home.endService(built);
        fabric.send(MessageType.M2P_VM_REPLY, home.node(), cpuNode, 0, built, reply);
        fabric.record(MessageType.M2P_VM_REPLY, home.node(), cpuNode, 0, reply, reply.arriveTick, null,
                execveSequence);
        time.waitUntil(reply.arriveTick, StallCause.SYSCALL);
    }
}
