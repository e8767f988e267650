package dev.splitsim.kernel.memory;

import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.fabric.net.Receiver;
import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.kernel.Errno;
import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongArrayList;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
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
 * A process's calls are served one at a time (Linux holds the mm's lock across them), the others
 * wait in order.
 *
 * <p>Components never touch each other's state. What a call does to a region a peer owns leaves in
 * M2M_UPDATE (the area records, ranges whose pages go, pages the call wrote there), and the call is
 * answered once every peer has acknowledged, so a miss that follows the answer finds the peer up
 * to date. A peer keeps the process's areas from those records; mremap moving an area first asks
 * the peers for the old range's pages (M2M_FETCH).
 */
public final class MemoryMonitor implements Receiver {
    private static final java.util.function.LongConsumer NOBODY = vpage -> { };

    /** A process homed here: its virtual memory and the call being served. */
    private static final class Home {
        final int pid;
        final VirtualMemory vm;
        final HomePages pages;
        final ArrayDeque<Message> waiting = new ArrayDeque<>();
        /** The call being served; null when none is. */
        Message current;
        /** The answer held until every peer has acknowledged the call's update. */
        Message reply;
        /** Peers' acknowledgements or fetched pages still to come. */
        int outstanding;

        Home(int pid, VirtualMemory vm, HomePages pages) {
            this.pid = pid;
            this.vm = vm;
            this.pages = pages;
        }
    }

    private final MemoryComponent component;
    private final Fabric fabric;
    private final GlobalMemoryManager manager;
    private final Int2ObjectOpenHashMap<Home> homes = new Int2ObjectOpenHashMap<>();
    /** The areas of processes homed elsewhere, as their home monitors last described them. */
    private final Int2ObjectOpenHashMap<Areas> replicas = new Int2ObjectOpenHashMap<>();
    private final AreaRecords incoming = new AreaRecords();
    private final LongArrayList scratch = new LongArrayList();
    private final List<byte[]> scratchPages = new ArrayList<>();
    /** The storage components: which one holds the program, and each open file's by its id. */
    private dev.splitsim.kernel.storage.StorageNamespace storage;

    public MemoryMonitor(MemoryComponent component, Fabric fabric, GlobalMemoryManager manager) {
        this.component = component;
        this.fabric = fabric;
        this.manager = manager;
        fabric.attach(component.node(), this);
    }

    public MemoryComponent component() {
        return component;
    }

    /** Makes this component the home of process {@code pid}; returns the virtual memory it now owns. */
    public VirtualMemory host(int pid) {
        HomePages pages = new HomePages(pid, component, manager);
        VirtualMemory vm = new VirtualMemory(pages);
        homes.put(pid, new Home(pid, vm, pages));
        return vm;
    }

    /** The storage components this monitor reads programs and mapped files from. */
    public void useStorage(dev.splitsim.kernel.storage.StorageNamespace namespace) {
        storage = namespace;
    }

    @Override
    public void receive(Message m, long tick) {
        switch (m.type()) {
            case P2M_EXECVE:
            case P2M_MMAP:
            case P2M_BRK:
            case P2M_MUNMAP:
            case P2M_MPROTECT:
            case P2M_MREMAP:
                call(m, tick);
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
            case M2M_UPDATE:
                applyUpdate(m, tick);
                break;
            case M2M_ACK:
                acknowledged(m, tick);
                break;
            case M2M_FETCH:
                serveFetch(m, tick);
                break;
            case M2M_PAGES:
                pagesArrived(m, tick);
                break;
            default:
                throw new IllegalStateException("the memory monitor does not handle " + m.type());
        }
    }

    /** The areas of {@code pid} as this component knows them; null when it has never heard of the process. */
    private Areas areasOf(int pid) {
        Home h = homes.get(pid);
        return h != null ? h.vm.areas() : replicas.get(pid);
    }

    /** Runs a request's service on the worker free soonest and posts {@code reply} when it is done. */
    private void finish(Message request, Message reply, long tick, long serviceTicks) {
        int w = component.pickWorker();
        long start = component.worker(w).serve(tick, serviceTicks);
        long done = start + serviceTicks;
        fabric.post(reply, done);
        fabric.handled(request, w, start, done);
    }

    // ---- the ExCache's misses and write-backs, served by the region's owner

    private void serveMiss(Message m, long tick) {
        MemoryTiming t = component.timing();
        int pid = (int) m.get("pid");
        Areas areas = areasOf(pid);
        long vaddr = m.get("vaddr");
        int pages = (int) (m.get("length") >>> PageProvider.PAGE_SHIFT);
        long service = t.dispatchTicks();
        long victimStage = 0;
        if (m.type() == MessageType.P2M_PCACHE_MISS_FLUSH) {
            int victimPages = (int) (m.get("victim_length") >>> PageProvider.PAGE_SHIFT);
            storeLine(areas, pid, m.get("victim_vaddr"), m.data(), 0, victimPages);
            victimStage = t.writeTicks() + persist(victimPages);
            service += victimStage;
            component.countMissServed(true);
        } else {
            component.countMissServed(false);
        }
        Message reply = fabric.replyTo(m);
        boolean permissionOnly = (m.get("flags") & MessageType.MISS_PERMISSION_ONLY) != 0;
        boolean translations = !permissionOnly && (m.get("flags") & MessageType.MISS_TRANSLATIONS) != 0;
        int lineBytes = permissionOnly ? 0 : pages * PageProvider.PAGE_SIZE;
        byte[] out = reply.data(translations ? LineFrames.bytes(pages) : lineBytes);
        long prot = 0;
        long walk = 0;
        long firstPage = vaddr >>> PageProvider.PAGE_SHIFT;
        for (int i = 0; i < pages; i++) {
            long vp = firstPage + i;
            Areas.Area a = areas == null ? null : areas.areaAt(vp << PageProvider.PAGE_SHIFT);
            int p = a == null ? 0 : a.prot() & 7;
            prot |= (long) p << (3 * i);
            if (permissionOnly) {
                continue;
            }
            if (p == 0) {
                java.util.Arrays.fill(out, i * PageProvider.PAGE_SIZE, (i + 1) * PageProvider.PAGE_SIZE, (byte) 0);
                if (translations) {
                    LineFrames.put(out, pages, i, -1);
                }
                continue;
            }
            walk += component.translate(pid, vp);
            System.arraycopy(component.touch(pid, vp), 0, out, i * PageProvider.PAGE_SIZE, PageProvider.PAGE_SIZE);
            if (translations) {
                // Published: the frame stays where it is (the component never moves frames) until
                // the page is unmapped, which the CPU side learns of before it could read again.
                LineFrames.put(out, pages, i, component.frameAddress(pid, vp));
            }
        }
        long read = permissionOnly ? 0 : t.readTicks();
        service += walk + read;
        reply.set("status", 0).set("prot", prot);
        reply.stages(t.dispatchTicks(), walk, read + victimStage);
        finish(m, reply, tick, service);
    }

    private void serveFlush(Message m, long tick) {
        MemoryTiming t = component.timing();
        int pid = (int) m.get("pid");
        int pages = (int) (m.get("length") >>> PageProvider.PAGE_SHIFT);
        storeLine(areasOf(pid), pid, m.get("vaddr"), m.data(), 0, pages);
        component.countFlushServed();
        Message ack = fabric.replyTo(m);
        ack.set("status", 0);
        // On persistent memory the write-back is acknowledged only once it is durable.
        finish(m, ack, tick, t.dispatchTicks() + t.writeTicks() + persist(pages));
    }

    /** The time to make {@code pages} written pages durable (none on DRAM), counted in the component's statistics. */
    private long persist(int pages) {
        long ticks = (long) pages * component.timing().persistPageTicks();
        if (ticks > 0) {
            component.countPersisted((long) pages * PageProvider.PAGE_SIZE, ticks);
        }
        return ticks;
    }

    /** Writes a line's mapped pages from message data into this component's frames (allocated on first write). */
    private void storeLine(Areas areas, int pid, long vaddr, byte[] data, int offset, int pages) {
        long firstPage = vaddr >>> PageProvider.PAGE_SHIFT;
        for (int i = 0; i < pages; i++) {
            long vp = firstPage + i;
            if (areas != null && areas.areaAt(vp << PageProvider.PAGE_SHIFT) != null) {
                System.arraycopy(data, offset + i * PageProvider.PAGE_SIZE, component.touch(pid, vp), 0,
                        PageProvider.PAGE_SIZE);
            }
        }
    }

    // ---- a process's calls, at its home

    private void call(Message m, long tick) {
        Home h = homes.get((int) m.get("pid"));
        if (h == null) {
            Message reply = fabric.replyTo(m);
            reply.set("result", -Errno.ESRCH);
            finish(m, reply, tick, component.timing().dispatchTicks());
            return;
        }
        if (h.current != null) {
            h.waiting.add(m);
            return;
        }
        start(h, m, tick);
    }

    private void start(Home h, Message m, long tick) {
        h.current = m;
        h.vm.records().reset();
        switch (m.type()) {
            case P2M_EXECVE:
                readFile(m, m, h.pid, -1, 0, -1, tick);
                break;
            case P2M_MMAP:
                startMmap(h, m, tick);
                break;
            case P2M_MREMAP:
                startMremap(h, m, tick);
                break;
            default:
                serveCall(h, m, tick);
                break;
        }
    }

    /**
     * Asks the storage monitor holding a file (the program for {@code file} -1) for bytes of it;
     * {@code context} continues when S2M_DATA brings them.
     */
    private void readFile(Message cause, Object context, long pid, long file, long offset, long length, long tick) {
        int w = component.pickWorker();
        long start = component.worker(w).serve(tick, component.timing().dispatchTicks());
        int holder = file < 0 ? storage.programComponent((int) pid) : dev.splitsim.kernel.storage.StorageNamespace.componentOf(file);
        long id = file < 0 ? file : dev.splitsim.kernel.storage.StorageNamespace.localId(file);
        Message read = fabric.obtain(MessageType.M2S_READ, component.node(), storage.node(holder));
        read.cause(cause.causeCore(), cause.causeThread(), cause.causePc(), -1).set("pid", pid).set("file", id)
                .set("offset", offset).set("length", length);
        read.context(context);
        fabric.post(read, start + component.timing().dispatchTicks());
    }

    /**
     * The program has arrived: the image is built from its bytes and the request's strings (one DRAM
     * write per page of it) and execve answered with the entry, stack pointer, break and areas.
     */
    private void finishExecve(Message data, long tick) {
        Message request = (Message) data.context();
        Home h = homes.get((int) request.get("pid"));
        long pages = (data.dataLength() + PageProvider.PAGE_SIZE - 1L) / PageProvider.PAGE_SIZE;
        Message reply = fabric.replyTo(request);
        if (data.get("result") < 0) {
            reply.set("result", data.get("result"));
        } else {
            ExecStrings s = ExecStrings.decode(request.data(), request.dataLength(), (int) request.get("argc"),
                    (int) request.get("envc"));
            ElfFile elf = ElfFile.parse(java.util.Arrays.copyOf(data.data(), data.dataLength()));
            ProcessLoader.Image image = h.vm.exec(elf, s.argv, s.env, s.name, request.get("seed"));
            reply.set("result", 0).set("entry", image.entry()).set("sp", image.sp()).set("brk", image.brk());
            reply.putData(h.vm.records().bytes(), 0, h.vm.records().length());
        }
        fabric.handled(data, -1, tick, tick);
        conclude(h, reply, tick, pages * component.timing().writeTicks());
    }

    /** mmap: checked, then mapped at once when anonymous, else once the file's first bytes have come. */
    private void startMmap(Home h, Message m, long tick) {
        VirtualMemory vm = h.vm;
        long length = m.get("len");
        int flags = (int) m.get("flags");
        long r = vm.mmapCheck(length, m.get("offset"), flags, m.get("file"));
        if (r < 0 || (flags & VirtualMemory.MAP_ANONYMOUS) != 0) {
            if (r == 0) {
                r = vm.mmapPlace(m.get("addr"), length, (int) m.get("prot"), flags, null);
            }
            answer(h, r, tick);
            return;
        }
        String name = new String(m.data(), 0, m.dataLength(), StandardCharsets.UTF_8);
        FileMapping f = new FileMapping(h.pid, m.get("file"), m.get("addr"), length, (int) m.get("prot"), flags,
                m.get("offset"), name);
        readFile(m, f, h.pid, f.file, f.nextOffset(), f.nextLength(), tick);
    }

    /** A chunk of a mapped file has arrived: into the mapping, then the next chunk or the answer. */
    private void fileChunk(Message data, long tick) {
        FileMapping f = (FileMapping) data.context();
        Home h = homes.get(f.pid);
        long r = f.arrived(h.vm, data.get("result"), data.data());
        fabric.handled(data, -1, tick, tick);
        if (r == FileMapping.MORE) {
            readFile(h.current, f, f.pid, f.file, f.nextOffset(), f.nextLength(), tick);
            return;
        }
        answer(h, r, tick);
    }

    /**
     * mremap: when the area moves and peers may hold pages of it, their pages of the old range are
     * fetched first, then the call runs with them lent.
     */
    private void startMremap(Home h, Message m, long tick) {
        if (manager.components().size() == 1 || !VirtualMemory.mremapMoves(h.vm.areas(), m.get("old_addr"),
                m.get("old_len"), m.get("new_len"), (int) m.get("flags"))) {
            serveCall(h, m, tick);
            return;
        }
        int w = component.pickWorker();
        long at = component.worker(w).serve(tick, component.timing().dispatchTicks())
                + component.timing().dispatchTicks();
        for (int c = 0; c < manager.components().size(); c++) {
            if (c == component.index()) {
                continue;
            }
            Message fetch = fabric.obtain(MessageType.M2M_FETCH, component.node(), manager.node(c));
            fetch.cause(m.causeCore(), m.causeThread(), m.causePc(), -1).set("pid", h.pid)
                    .set("addr", m.get("old_addr")).set("len", VirtualMemory.pageUp(m.get("old_len")));
            fetch.context(h);
            fabric.post(fetch, at);
            h.outstanding++;
        }
    }

    /** A peer's pages of an area mremap moves: lent to the call, which runs once every peer has answered. */
    private void pagesArrived(Message m, long tick) {
        Home h = (Home) m.context();
        byte[] d = m.data();
        int n = (int) m.get("pages");
        for (int i = 0, at = 0; i < n; i++, at += PeerUpdates.PAGE_BYTES) {
            byte[] page = java.util.Arrays.copyOfRange(d, at + 8, at + PeerUpdates.PAGE_BYTES);
            h.pages.borrow(PeerUpdates.word(d, at) >>> PageProvider.PAGE_SHIFT, page);
        }
        fabric.handled(m, -1, tick, tick);
        if (--h.outstanding == 0) {
            serveCall(h, h.current, tick);
        }
    }

    /** brk, munmap, mprotect, mremap: served from the request's fields alone. */
    private void serveCall(Home h, Message m, long tick) {
        VirtualMemory vm = h.vm;
        long r;
        switch (m.type()) {
            case P2M_BRK: r = vm.brk(m.get("brk")); break;
            case P2M_MUNMAP: r = vm.munmap(m.get("addr"), m.get("len")); break;
            case P2M_MPROTECT: r = vm.mprotect(m.get("addr"), m.get("len"), (int) m.get("prot")); break;
            case P2M_MREMAP:
                r = vm.mremap(m.get("old_addr"), m.get("old_len"), m.get("new_len"), (int) m.get("flags"));
                break;
            default:
                throw new IllegalStateException("not a virtual-memory call: " + m.type());
        }
        answer(h, r, tick);
    }

    /** Answers a virtual-memory call with its result and what it did to the areas. */
    private void answer(Home h, long result, long tick) {
        Message reply = fabric.replyTo(h.current);
        reply.set("result", result);
        reply.putData(h.vm.records().bytes(), 0, h.vm.records().length());
        conclude(h, reply, tick, component.timing().dispatchTicks());
    }

    /**
     * The call's work is done: its update goes to every peer it concerns, and the answer follows
     * at once when there is none, else when the last peer has acknowledged.
     */
    private void conclude(Home h, Message reply, long tick, long serviceTicks) {
        int w = component.pickWorker();
        long start = component.worker(w).serve(tick, serviceTicks);
        long done = start + serviceTicks;
        AreaRecords records = h.vm.records();
        PeerUpdates updates = h.pages.updates();
        Message request = h.current;
        for (int c = 0; c < updates.components(); c++) {
            if (c == component.index() || (records.length() == 0 && !updates.staged(c))) {
                continue;
            }
            Message update = fabric.obtain(MessageType.M2M_UPDATE, component.node(), manager.node(c));
            update.cause(request.causeCore(), request.causeThread(), request.causePc(), -1).set("pid", h.pid);
            updates.encode(c, records, update);
            update.context(h);
            fabric.post(update, done);
            h.outstanding++;
        }
        h.pages.callDone();
        fabric.handled(request, w, start, done);
        if (h.outstanding == 0) {
            fabric.post(reply, done);
            next(h, tick);
        } else {
            h.reply = reply;
        }
    }

    /** A peer has applied a call's update; the last one lets the answer go. */
    private void acknowledged(Message ack, long tick) {
        Home h = (Home) ack.context();
        int w = component.pickWorker();
        long start = component.worker(w).serve(tick, component.timing().dispatchTicks());
        long done = start + component.timing().dispatchTicks();
        fabric.handled(ack, w, start, done);
        if (--h.outstanding == 0) {
            fabric.post(h.reply, done);
            h.reply = null;
            next(h, tick);
        }
    }

    /** The call is answered: the process's next waiting call starts. */
    private void next(Home h, long tick) {
        h.current = null;
        Message waiting = h.waiting.poll();
        if (waiting != null) {
            start(h, waiting, tick);
        }
    }

    // ---- at a peer: a home's updates and fetches

    /** Applies a home's update in order: pages of the dropped ranges go, the areas change, written pages land. */
    private void applyUpdate(Message m, long tick) {
        MemoryTiming t = component.timing();
        int pid = (int) m.get("pid");
        Areas areas = replicas.get(pid);
        if (areas == null) {
            areas = new Areas();
            replicas.put(pid, areas);
        }
        byte[] d = m.data();
        int recordBytes = (int) m.get("records");
        int at = recordBytes;
        for (int i = 0; i < m.get("drops"); i++, at += PeerUpdates.DROP_BYTES) {
            component.removeRange(pid, PeerUpdates.word(d, at) >>> PageProvider.PAGE_SHIFT,
                    PeerUpdates.word(d, at + 8) >>> PageProvider.PAGE_SHIFT, NOBODY);
        }
        incoming.copyFrom(d, recordBytes);
        areas.apply(incoming);
        int pages = (int) m.get("pages");
        for (int i = 0; i < pages; i++, at += PeerUpdates.PAGE_BYTES) {
            long vaddr = PeerUpdates.word(d, at);
            if (areas.areaAt(vaddr) != null) {
                System.arraycopy(d, at + 8, component.touch(pid, vaddr >>> PageProvider.PAGE_SHIFT), 0,
                        PageProvider.PAGE_SIZE);
            }
        }
        Message ack = fabric.replyTo(m);
        ack.set("status", 0);
        finish(m, ack, tick, t.dispatchTicks() + pages * t.writeTicks());
    }

    /** The pages of a range this component holds, for a home moving them. */
    private void serveFetch(Message m, long tick) {
        MemoryTiming t = component.timing();
        int pid = (int) m.get("pid");
        long addr = m.get("addr");
        scratch.clear();
        scratchPages.clear();
        component.forEachPage(pid, addr >>> PageProvider.PAGE_SHIFT, (addr + m.get("len")) >>> PageProvider.PAGE_SHIFT,
                (vpage, bytes) -> {
                    scratch.add(vpage);
                    scratchPages.add(bytes);
                });
        Message reply = fabric.replyTo(m);
        byte[] d = reply.data(scratch.size() * PeerUpdates.PAGE_BYTES);
        for (int i = 0, at = 0; i < scratch.size(); i++, at += PeerUpdates.PAGE_BYTES) {
            PeerUpdates.putWord(d, at, scratch.getLong(i) << PageProvider.PAGE_SHIFT);
            System.arraycopy(scratchPages.get(i), 0, d, at + 8, PageProvider.PAGE_SIZE);
        }
        reply.set("pages", scratch.size());
        long service = t.dispatchTicks() + scratch.size() * t.readTicks();
        scratchPages.clear();
        finish(m, reply, tick, service);
    }
}
