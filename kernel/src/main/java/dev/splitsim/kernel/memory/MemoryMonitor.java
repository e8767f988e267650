package dev.splitsim.kernel.memory;

import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.fabric.net.Receiver;
import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.kernel.Errno;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import java.nio.charset.StandardCharsets;

/**
 * The memory monitor of one memory component: the software that serves the requests reaching the
 * component. It runs here, on the component's worker threads, and sees only what a message
 * carries: an ExCache miss names the process and the virtual address and gets the line's bytes and
 * permissions back in the reply; a flushed victim's bytes arrive in the request and are written
 * into this component's frames. Service time is the worker's: picking the request up, a flushed
 * victim's DRAM write, the page-table walk (TLB hit or per-level cost) and the DRAM read.
 *
 * <p>At a process's home component the monitor owns the process's {@link VirtualMemory}: it serves
 * brk, mmap, munmap, mprotect and mremap from the requests' header fields, reads a mapped file's
 * bytes from the storage monitor (M2S_READ naming the process's open file), builds execve's image
 * from the program's bytes and the request's strings, and answers with what changed in the areas.
 */
public final class MemoryMonitor implements Receiver {
    private final MemoryComponent component;
    private final Fabric fabric;
    private final Int2ObjectOpenHashMap<VirtualMemory> spaces = new Int2ObjectOpenHashMap<>();
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
    public void host(int pid, VirtualMemory space) {
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
                if (m.context() instanceof FileMapping) {
                    fileChunk(m, tick);
                } else {
                    finishExecve(m, tick);
                }
                break;
            case P2M_PCACHE_MISS:
            case P2M_PCACHE_MISS_FLUSH:
                serveMiss(m, tick);
                break;
            case P2M_PCACHE_FLUSH:
                serveFlush(m, tick);
                break;
            case P2M_MMAP:
                startMmap(m, tick);
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
        VirtualMemory space = spaces.get(pid);
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
            Areas.Area a = space.areas().areaAt(vp << PageProvider.PAGE_SHIFT);
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
        VirtualMemory space = spaces.get((int) m.get("pid"));
        storeLine(space, m.get("vaddr"), m.data(), 0, (int) (m.get("length") >>> PageProvider.PAGE_SHIFT));
        component.countFlushServed();
        Message ack = fabric.replyTo(m);
        ack.set("status", 0);
        finish(m, ack, tick, t.dispatchTicks() + t.writeTicks());
    }

    /** Writes a line's mapped pages from message data into this component's frames (allocated on first flush). */
    private static void storeLine(VirtualMemory space, long vaddr, byte[] data, int offset, int pages) {
        long firstPage = vaddr >>> PageProvider.PAGE_SHIFT;
        for (int i = 0; i < pages; i++) {
            long vp = firstPage + i;
            if (space.areas().areaAt(vp << PageProvider.PAGE_SHIFT) != null) {
                System.arraycopy(data, offset + i * PageProvider.PAGE_SIZE, space.touchPage(vp), 0,
                        PageProvider.PAGE_SIZE);
            }
        }
    }

    /** Asks the storage monitor for bytes of a file; {@code context} continues when S2M_DATA brings them. */
    private void readFile(Message cause, Object context, long pid, long file, long offset, long length, long tick) {
        int w = component.pickWorker();
        long start = component.worker(w).serve(tick, component.timing().dispatchTicks());
        Message read = fabric.obtain(MessageType.M2S_READ, component.node(), storageNode);
        read.cause(cause.causeCore(), cause.causeThread(), cause.causePc(), -1).set("pid", pid).set("file", file)
                .set("offset", offset).set("length", length);
        read.context(context);
        fabric.post(read, start + component.timing().dispatchTicks());
    }

    /** execve: the monitor picks the request up and asks the storage monitor for the program. */
    private void startExecve(Message m, long tick) {
        readFile(m, m, m.get("pid"), -1, 0, -1, tick);
    }

    /**
     * The program has arrived: the image is built from its bytes and the request's strings (one DRAM
     * write per page of it) and execve answered with the entry, stack pointer, break and areas.
     */
    private void finishExecve(Message data, long tick) {
        Message request = (Message) data.context();
        long pages = (data.dataLength() + PageProvider.PAGE_SIZE - 1L) / PageProvider.PAGE_SIZE;
        VirtualMemory vm = spaces.get((int) request.get("pid"));
        Message reply = fabric.replyTo(request);
        if (data.get("result") < 0 || vm == null) {
            reply.set("result", data.get("result") < 0 ? data.get("result") : -Errno.ESRCH);
        } else {
            ExecStrings s = ExecStrings.decode(request.data(), request.dataLength(), (int) request.get("argc"),
                    (int) request.get("envc"));
            ElfFile elf = ElfFile.parse(java.util.Arrays.copyOf(data.data(), data.dataLength()));
            ProcessLoader.Image image = vm.exec(elf, s.argv, s.env, s.name, request.get("seed"));
            reply.set("result", 0).set("entry", image.entry()).set("sp", image.sp()).set("brk", image.brk());
            reply.putData(vm.records().bytes(), 0, vm.records().length());
        }
        fabric.handled(data, -1, tick, tick);
        finish(request, reply, tick, pages * component.timing().writeTicks());
    }

    /** mmap: checked, then mapped at once when anonymous, else once the file's first bytes have come. */
    private void startMmap(Message m, long tick) {
        int pid = (int) m.get("pid");
        VirtualMemory vm = spaces.get(pid);
        long length = m.get("len");
        int flags = (int) m.get("flags");
        long r = vm.mmapCheck(length, m.get("offset"), flags, m.get("file"));
        if (r < 0 || (flags & VirtualMemory.MAP_ANONYMOUS) != 0) {
            if (r == 0) {
                r = vm.mmapPlace(m.get("addr"), length, (int) m.get("prot"), flags, null);
            }
            answer(m, vm, r, tick);
            return;
        }
        String name = new String(m.data(), 0, m.dataLength(), StandardCharsets.UTF_8);
        FileMapping f = new FileMapping(pid, m.get("file"), m.get("addr"), length, (int) m.get("prot"), flags,
                m.get("offset"), name);
        f.request = m;
        readFile(m, f, pid, f.file, f.nextOffset(), f.nextLength(), tick);
    }

    /** A chunk of a mapped file has arrived: into the mapping, then the next chunk or the answer. */
    private void fileChunk(Message data, long tick) {
        FileMapping f = (FileMapping) data.context();
        Message request = (Message) f.request;
        VirtualMemory vm = spaces.get(f.pid);
        long r = f.arrived(vm, data.get("result"), data.data());
        fabric.handled(data, -1, tick, tick);
        if (r == FileMapping.MORE) {
            readFile(request, f, f.pid, f.file, f.nextOffset(), f.nextLength(), tick);
            return;
        }
        answer(request, vm, r, tick);
    }

    /** Answers a virtual-memory call with its result and what it did to the areas. */
    private void answer(Message request, VirtualMemory vm, long result, long tick) {
        Message reply = fabric.replyTo(request);
        reply.set("result", result);
        reply.putData(vm.records().bytes(), 0, vm.records().length());
        finish(request, reply, tick, component.timing().dispatchTicks());
    }

    /** brk, munmap, mprotect, mremap: served from the request's fields alone. */
    private void serveCall(Message m, long tick) {
        VirtualMemory vm = spaces.get((int) m.get("pid"));
        long r;
        switch (m.type()) {
            case P2M_BRK: r = vm.brk(m.get("brk")); break;
            case P2M_MUNMAP: r = vm.munmap(m.get("addr"), m.get("len")); break;
            case P2M_MPROTECT: r = vm.mprotect(m.get("addr"), m.get("len"), (int) m.get("prot")); break;
            case P2M_MREMAP:
                r = vm.mremap(m.get("old_addr"), m.get("old_len"), m.get("new_len"), (int) m.get("flags"));
                break;
            default:
                vm.records().reset();
                r = -Errno.ENOSYS;
                break;
        }
        answer(m, vm, r, tick);
    }
}
