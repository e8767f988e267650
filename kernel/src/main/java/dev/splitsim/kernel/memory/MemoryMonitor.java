package dev.splitsim.kernel.memory;

import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.fabric.net.Receiver;
import dev.splitsim.kernel.AddressSpace;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * The memory monitor of one memory component: the software that serves the requests reaching the
 * component. It runs here, on the component's worker threads, and sees only what a message
 * carries: an ExCache miss names the process and the virtual address and gets the line's bytes and
 * permissions back in the reply; a flushed victim's bytes arrive in the request and are written
 * into this component's frames. Service time is the worker's: picking the request up, a flushed
 * victim's DRAM write, the page-table walk (TLB hit or per-level cost) and the DRAM read.
 */
public final class MemoryMonitor implements Receiver {
    private final MemoryComponent component;
    private final Fabric fabric;
    private final Int2ObjectOpenHashMap<AddressSpace> spaces = new Int2ObjectOpenHashMap<>();
    private int storageNode = -1;

    public MemoryMonitor(MemoryComponent component, Fabric fabric) {
        this.component = component;
        this.fabric = fabric;
        fabric.attach(component.node(), this);
    }

    public MemoryComponent component() {
        return component;
    }

    /** The virtual memory of process {@code pid}, whose pages this component holds for its regions. */
    public void host(int pid, AddressSpace space) {
        spaces.put(pid, space);
    }

    /** The storage component this monitor reads programs from. */
    public void useStorage(int node) {
        storageNode = node;
    }

    @Override
    public void receive(Message m, long tick) {
        switch (m.type()) {
            case P2M_EXECVE:
                startExecve(m, tick);
                break;
            case S2M_DATA:
                finishExecve(m, tick);
                break;
            case P2M_PCACHE_MISS:
            case P2M_PCACHE_MISS_FLUSH:
                serveMiss(m, tick);
                break;
            case P2M_PCACHE_FLUSH:
                serveFlush(m, tick);
                break;
            default:
                serveCall(m, tick);
                break;
        }
    }

    /** Runs a request's service on the worker free soonest and posts {@code reply} when it is done. */
    private void finish(Message request, Message reply, long tick, long serviceTicks) {
        int w = component.pickWorker();
        long start = component.worker(w).serve(tick, serviceTicks);
        long done = start + serviceTicks;
        fabric.post(reply, done);
        fabric.handled(request, w, start, done);
    }

    private void serveMiss(Message m, long tick) {
        MemoryTiming t = component.timing();
        int pid = (int) m.get("pid");
        AddressSpace space = spaces.get(pid);
        long vaddr = m.get("vaddr");
        int pages = (int) (m.get("length") >>> PageProvider.PAGE_SHIFT);
        long service = t.dispatchTicks();
        long victimStage = 0;
        if (m.type() == MessageType.P2M_PCACHE_MISS_FLUSH) {
            storeLine(space, m.get("victim_vaddr"), m.data(), 0, (int) (m.get("victim_length") >>> PageProvider.PAGE_SHIFT));
            victimStage = t.writeTicks();
            service += victimStage;
            component.countMissServed(true);
        } else {
            component.countMissServed(false);
        }
        Message reply = fabric.replyTo(m);
        boolean permissionOnly = (m.get("flags") & MessageType.MISS_PERMISSION_ONLY) != 0;
        byte[] out = reply.data(permissionOnly ? 0 : pages * PageProvider.PAGE_SIZE);
        long prot = 0;
        long walk = 0;
        long firstPage = vaddr >>> PageProvider.PAGE_SHIFT;
        for (int i = 0; i < pages; i++) {
            long vp = firstPage + i;
            AddressSpace.Area a = space.areaAt(vp << PageProvider.PAGE_SHIFT);
            int p = a == null ? 0 : a.prot() & 7;
            prot |= (long) p << (3 * i);
            if (permissionOnly) {
                continue;
            }
            if (p == 0) {
                java.util.Arrays.fill(out, i * PageProvider.PAGE_SIZE, (i + 1) * PageProvider.PAGE_SIZE, (byte) 0);
                continue;
            }
            walk += component.translate(pid, vp);
            System.arraycopy(space.touchPage(vp), 0, out, i * PageProvider.PAGE_SIZE, PageProvider.PAGE_SIZE);
        }
        long read = permissionOnly ? 0 : t.readTicks();
        service += walk + read;
        reply.set("status", 0).set("prot", prot);
        reply.stages(t.dispatchTicks(), walk, read + victimStage);
        finish(m, reply, tick, service);
    }

    private void serveFlush(Message m, long tick) {
        MemoryTiming t = component.timing();
        AddressSpace space = spaces.get((int) m.get("pid"));
        storeLine(space, m.get("vaddr"), m.data(), 0, (int) (m.get("length") >>> PageProvider.PAGE_SHIFT));
        component.countFlushServed();
        Message ack = fabric.replyTo(m);
        ack.set("status", 0);
        finish(m, ack, tick, t.dispatchTicks() + t.writeTicks());
    }

    /** Writes a line's mapped pages from message data into this component's frames (allocated on first flush). */
    private static void storeLine(AddressSpace space, long vaddr, byte[] data, int offset, int pages) {
        long firstPage = vaddr >>> PageProvider.PAGE_SHIFT;
        for (int i = 0; i < pages; i++) {
            long vp = firstPage + i;
            if (space.areaAt(vp << PageProvider.PAGE_SHIFT) != null) {
                System.arraycopy(data, offset + i * PageProvider.PAGE_SIZE, space.touchPage(vp), 0,
                        PageProvider.PAGE_SIZE);
            }
        }
    }

    /**
     * execve: the monitor picks the request up and asks the storage monitor for the program; the
     * request waits (unanswered) until the program's bytes arrive.
     */
    private void startExecve(Message m, long tick) {
        int w = component.pickWorker();
        long start = component.worker(w).serve(tick, component.timing().dispatchTicks());
        Message read = fabric.obtain(MessageType.M2S_READ, component.node(), storageNode);
        read.cause(m.causeCore(), m.causeThread(), m.causePc(), -1).set("file", -1).set("offset", 0).set("length", -1);
        read.context(m);
        fabric.post(read, start + component.timing().dispatchTicks());
    }

    /** The program has arrived: the address space is built (one DRAM write per page) and execve answered. */
    private void finishExecve(Message data, long tick) {
        Message request = (Message) data.context();
        long pages = (data.dataLength() + PageProvider.PAGE_SIZE - 1L) / PageProvider.PAGE_SIZE;
        fabric.handled(data, -1, tick, tick);
        Message reply = fabric.replyTo(request);
        reply.set("result", 0);
        finish(request, reply, tick, pages * component.timing().writeTicks());
    }

    /**
     * A virtual-memory system call (brk, mmap, munmap, mprotect, mremap): the monitor's dispatch and
     * its answer. The areas themselves are still changed by the process monitor's code path.
     */
    private void serveCall(Message m, long tick) {
        Message reply = fabric.replyTo(m);
        reply.set("result", 0);
        finish(m, reply, tick, component.timing().dispatchTicks());
    }
}
