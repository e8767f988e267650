package dev.splitsim.fabric.msg;

import static dev.splitsim.fabric.msg.Field.f;

import java.util.List;

/**
 * The fabric's message catalogue: every message any component sends, in one table (as gem5's
 * MemCmd::commandInfo lists its commands). Each type says which verb carries it, whether it is a
 * request and which type answers it, the fixed header fields with their sizes (used both to count
 * bytes on the wire and to decode the message in traces and the debugger), whether variable data
 * follows the header (a line, file bytes, a path) and which software handles it. Replies are
 * declared before the requests that name them. Header layouts and sizes follow the LegoOS
 * message formats (docs/reference.md, LegoOS messages).
 */
public enum MessageType {
    // Fabric calibration: an RPC of a chosen size.
    RPC_PONG(Verb.WRITE, null, Role.ENDPOINT, "status", List.of(f("status", 4)), false),
    RPC_PING(Verb.WRITE_WITH_IMM, RPC_PONG, Role.ENDPOINT, "opcode, src node, length + data",
            List.of(f("opcode", 4), f("src", 2), f("length", 2)), true),

    // ExCache miss path.
    M2P_PCACHE_LINE(Verb.WRITE, null, Role.PROCESS_MONITOR,
            "status, permissions + the line's bytes (then each page's 8-byte frame address when the miss asked for"
                    + " translations: the CPU reads those frames one-sided later)",
            List.of(f("status", 4), f("prot", 4)), true),
    P2M_PCACHE_MISS(Verb.WRITE_WITH_IMM, M2P_PCACHE_LINE, Role.MEMORY_MONITOR,
            "opcode, src node, length, pid, tgid, flags, vaddr",
            List.of(f("opcode", 4), f("src", 4), f("length", 8), f("pid", 4), f("tgid", 4), f("flags", 8),
                    f("vaddr", 8)), false),
    P2M_PCACHE_MISS_FLUSH(Verb.WRITE_WITH_IMM, M2P_PCACHE_LINE, Role.MEMORY_MONITOR,
            "miss {opcode, src node, length, pid, tgid, flags, vaddr} + piggybacked victim {pid, vaddr, line}",
            List.of(f("opcode", 4), f("src", 4), f("length", 8), f("pid", 4), f("tgid", 4), f("flags", 8),
                    f("vaddr", 8), f("victim_pid", 8), f("victim_vaddr", 8), f("victim_length", 16)), true),
    M2P_FLUSH_ACK(Verb.WRITE, null, Role.PROCESS_MONITOR, "status", List.of(f("status", 4)), false),
    P2M_PCACHE_FLUSH(Verb.WRITE_WITH_IMM, M2P_FLUSH_ACK, Role.MEMORY_MONITOR, "pid, vaddr + the line's bytes",
            List.of(f("opcode", 4), f("src", 4), f("pid", 8), f("vaddr", 8), f("length", 8)), true),

    // Virtual memory system calls, served by the memory monitor of the process's home memory
    // component, which owns the process's areas. Every reply's data tells the process monitor what
    // the call did to the areas (kernel.memory.AreaRecords: 24-byte records {start, end, attrs}
    // that clear a range, add an area with its permissions and file-or-anonymous flag, or mark a
    // range the memory side wrote itself), from which the CPU side keeps its mirror.
    M2P_VM_REPLY(Verb.WRITE, null, Role.PROCESS_MONITOR, "result (address or -errno) + area records",
            List.of(f("result", 8)), true),
    P2M_MMAP(Verb.WRITE_WITH_IMM, M2P_VM_REPLY, Role.MEMORY_MONITOR,
            "pid, prot, addr, len, flags, byte offset, storage file id (-1: none) + file name",
            List.of(f("pid", 4), f("prot", 4), f("addr", 8), f("len", 8), f("flags", 8), f("offset", 8),
                    f("file", 8)), true),
    P2M_MUNMAP(Verb.WRITE_WITH_IMM, M2P_VM_REPLY, Role.MEMORY_MONITOR, "pid, addr, len",
            List.of(f("pid", 8), f("addr", 8), f("len", 8)), false),
    P2M_BRK(Verb.WRITE_WITH_IMM, M2P_VM_REPLY, Role.MEMORY_MONITOR, "pid, brk", List.of(f("pid", 8), f("brk", 8)),
            false),
    P2M_MREMAP(Verb.WRITE_WITH_IMM, M2P_VM_REPLY, Role.MEMORY_MONITOR, "pid, flags, old addr, old len, new len",
            List.of(f("pid", 4), f("flags", 4), f("old_addr", 8), f("old_len", 8), f("new_len", 8)), false),
    P2M_MPROTECT(Verb.WRITE_WITH_IMM, M2P_VM_REPLY, Role.MEMORY_MONITOR, "pid, addr, len, prot",
            List.of(f("pid", 4), f("prot", 8), f("addr", 8), f("len", 8)), false),
    M2P_EXECVE_REPLY(Verb.WRITE, null, Role.PROCESS_MONITOR,
            "result, entry point, initial stack pointer, initial break + area records",
            List.of(f("result", 8), f("entry", 8), f("sp", 8), f("brk", 8)), true),
    P2M_EXECVE(Verb.WRITE_WITH_IMM, M2P_EXECVE_REPLY, Role.MEMORY_MONITOR,
            "pid, argc, envc, name length, AT_RANDOM seed + NUL-ended name, argv and envp strings",
            List.of(f("pid", 4), f("argc", 4), f("envc", 4), f("name_length", 4), f("seed", 8)), true),

    // Between memory components: a process's home monitor tells the owners of its other regions
    // what a call did (area records, ranges whose pages go, pages it wrote there: layout in
    // kernel.memory.PeerUpdates) and answers the call once every owner has acknowledged; mremap
    // moving an area first fetches the old range's pages from their owners.
    M2M_ACK(Verb.WRITE, null, Role.MEMORY_MONITOR, "status", List.of(f("status", 4)), false),
    M2M_UPDATE(Verb.WRITE_WITH_IMM, M2M_ACK, Role.MEMORY_MONITOR,
            "pid, record bytes, dropped ranges, pages + area records, ranges {start, end}, pages {vaddr, bytes}",
            List.of(f("pid", 4), f("records", 4), f("drops", 4), f("pages", 4)), true),
    M2M_PAGES(Verb.WRITE, null, Role.MEMORY_MONITOR, "page count + pages {vaddr, bytes}", List.of(f("pages", 8)),
            true),
    M2M_FETCH(Verb.WRITE_WITH_IMM, M2M_PAGES, Role.MEMORY_MONITOR, "pid, addr, len: the pages held in the range",
            List.of(f("pid", 8), f("addr", 8), f("len", 8)), false),

    // File system calls, served by the storage monitor.
    S2P_REPLY(Verb.WRITE, null, Role.PROCESS_MONITOR,
            "result + read bytes, stat buffer, directory entries, link target, working folder, or an open's"
                    + " resolved path or the name of a node the process monitor serves",
            List.of(f("result", 8)), true),
    P2S_OPEN(Verb.WRITE_WITH_IMM, S2P_REPLY, Role.STORAGE_MONITOR, "pid, flags, mode + path",
            List.of(f("pid", 4), f("flags", 4), f("mode", 4), f("dirfd", 4)), true),
    P2S_CLOSE(Verb.WRITE_WITH_IMM, S2P_REPLY, Role.STORAGE_MONITOR, "pid, file id",
            List.of(f("pid", 4), f("file", 8)), false),
    P2S_READ(Verb.WRITE_WITH_IMM, S2P_REPLY, Role.STORAGE_MONITOR, "pid, file id, offset (-1: its position), length",
            List.of(f("pid", 4), f("file", 8), f("offset", 8), f("length", 8)), false),
    P2S_WRITE(Verb.WRITE_WITH_IMM, S2P_REPLY, Role.STORAGE_MONITOR,
            "pid, file id, offset (-1: its position), length + data",
            List.of(f("pid", 4), f("file", 8), f("offset", 8), f("length", 8)), true),
    P2S_STAT(Verb.WRITE_WITH_IMM, S2P_REPLY, Role.STORAGE_MONITOR,
            "pid, flags, file id (-1: by path), length (128 stat, 256 statx) + path",
            List.of(f("pid", 4), f("flags", 4), f("file", 8), f("length", 8)), true),
    P2S_READDIR(Verb.WRITE_WITH_IMM, S2P_REPLY, Role.STORAGE_MONITOR, "pid, file id, offset, length",
            List.of(f("pid", 4), f("file", 8), f("offset", 8), f("length", 8)), false),
    P2S_NAMESPACE(Verb.WRITE_WITH_IMM, S2P_REPLY, Role.STORAGE_MONITOR,
            "pid, operation (unlink, mkdir, rename, readlink, access, chdir, getcwd, seek), flags or whence, "
                    + "reply length; file id and offset for seek + paths",
            List.of(f("pid", 4), f("operation", 4), f("flags", 8), f("length", 8), f("file", 8), f("offset", 8)),
            true),

    // The memory component reading files (execve, file-backed mmap).
    S2M_DATA(Verb.WRITE, null, Role.MEMORY_MONITOR, "result + data", List.of(f("result", 8)), true),
    M2S_READ(Verb.WRITE_WITH_IMM, S2M_DATA, Role.STORAGE_MONITOR,
            "pid, file id (the pid's open file at the storage monitor; -1: the program), offset, length",
            List.of(f("pid", 4), f("file", 8), f("offset", 8), f("length", 8)), false),
    S2M_ACK(Verb.WRITE, null, Role.MEMORY_MONITOR, "result", List.of(f("result", 8)), false),
    M2S_WRITE(Verb.WRITE_WITH_IMM, S2M_ACK, Role.STORAGE_MONITOR, "file id, offset, length + data",
            List.of(f("file", 8), f("offset", 8), f("length", 8)), true),

    // Raw verbs (fabric.verbs). Every one ends at the remote NIC, which answers by itself: one-sided
    // verbs touch registered memory there, SEND and WRITE_WITH_IMM consume a posted receive and leave
    // a completion for the software to poll. On a reliable connection each request names the
    // destination queue pair and carries its packet sequence number; the response's syndrome says
    // ACK, receiver-not-ready NAK or an error NAK (as InfiniBand's AETH does).
    RDMA_ACK(Verb.ACK, null, Role.NIC, "syndrome (ACK, RNR NAK, error NAK), packet sequence number",
            List.of(f("syndrome", 4), f("psn", 4)), false),
    RDMA_WRITE(Verb.WRITE, RDMA_ACK, Role.NIC, "queue pair, sequence number, remote address, key, length + data",
            List.of(f("qpn", 4), f("psn", 4), f("raddr", 8), f("rkey", 4), f("length", 4)), true),
    RDMA_WRITE_IMM(Verb.WRITE_WITH_IMM, RDMA_ACK, Role.NIC,
            "queue pair, sequence number, remote address, key, length, immediate + data",
            List.of(f("qpn", 4), f("psn", 4), f("raddr", 8), f("rkey", 4), f("length", 4), f("imm", 4)), true),
    RDMA_READ_RESPONSE(Verb.READ_RESPONSE, null, Role.NIC, "syndrome, sequence number + data",
            List.of(f("syndrome", 4), f("psn", 4)), true),
    RDMA_READ(Verb.READ, RDMA_READ_RESPONSE, Role.NIC, "queue pair, sequence number, remote address, key, length",
            List.of(f("qpn", 4), f("psn", 4), f("raddr", 8), f("rkey", 4), f("length", 4)), false),
    RDMA_ATOMIC_RESPONSE(Verb.ATOMIC_RESPONSE, null, Role.NIC, "syndrome, sequence number, original value",
            List.of(f("syndrome", 4), f("psn", 4), f("original", 8)), false),
    RDMA_CAS(Verb.ATOMIC_CAS, RDMA_ATOMIC_RESPONSE, Role.NIC,
            "queue pair, sequence number, remote address, key, compare, swap",
            List.of(f("qpn", 4), f("psn", 4), f("raddr", 8), f("rkey", 4), f("compare", 8), f("swap", 8)), false),
    RDMA_FETCH_ADD(Verb.ATOMIC_FETCH_ADD, RDMA_ATOMIC_RESPONSE, Role.NIC,
            "queue pair, sequence number, remote address, key, addend",
            List.of(f("qpn", 4), f("psn", 4), f("raddr", 8), f("rkey", 4), f("add", 8)), false),
    RDMA_SEND(Verb.SEND, RDMA_ACK, Role.NIC, "queue pair, sequence number, length + data",
            List.of(f("qpn", 4), f("psn", 4), f("length", 4)), true),
    // An unreliable datagram: no acknowledgement, dropped when no receive is posted; at most one MTU.
    RDMA_SEND_UD(Verb.SEND, null, Role.NIC, "destination queue pair, source queue pair, length + data",
            List.of(f("qpn", 4), f("src_qpn", 4), f("length", 4)), true);

    /** P2M_PCACHE_MISS flag: only the cached line's permissions are wanted, not its bytes. */
    public static final long MISS_PERMISSION_ONLY = 0x100;
    /** P2M_PCACHE_MISS flag: the reply also carries the frames the line's pages are held in (excache.fetch=one-sided). */
    public static final long MISS_TRANSLATIONS = 0x200;

    private final Verb verb;
    private final MessageType reply;
    private final Role handler;
    private final String payload;
    private final List<Field> fields;
    private final int headerBytes;
    private final boolean data;

    MessageType(Verb verb, MessageType reply, Role handler, String payload, List<Field> fields, boolean data) {
        this.verb = verb;
        this.reply = reply;
        this.handler = handler;
        this.payload = payload;
        this.fields = fields;
        int bytes = 0;
        for (Field x : fields) {
            bytes += x.bytes();
        }
        this.headerBytes = bytes;
        this.data = data;
    }

    public Verb verb() {
        return verb;
    }

    /** A request is answered by {@link #reply()}; a reply has none. */
    public boolean isRequest() {
        return reply != null;
    }

    /** The response type of a request; null for responses. */
    public MessageType reply() {
        return reply;
    }

    /** Who handles the message where it arrives. */
    public Role handler() {
        return handler;
    }

    /** What the message carries, in words, for traces and documentation. */
    public String payload() {
        return payload;
    }

    /** The fixed header fields in order. */
    public List<Field> fields() {
        return fields;
    }

    /** Index of the named field, for builders and decoders; -1 when the type has none such. */
    public int field(String name) {
        for (int i = 0; i < fields.size(); i++) {
            if (fields.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    /** Bytes of the fixed header; a message's size is this plus its variable data. */
    public int headerBytes() {
        return headerBytes;
    }

    /** Whether variable data may follow the header. */
    public boolean carriesData() {
        return data;
    }
}
