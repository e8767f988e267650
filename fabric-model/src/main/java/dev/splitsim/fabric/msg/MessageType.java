package dev.splitsim.fabric.msg;

/**
 * The fabric's message catalogue: every message any component sends, in one table. Each type says
 * whether it is a request or a response, which type answers it, what its fixed header carries and
 * how many bytes that header takes; variable data (a cache line, file bytes, a path) is added per
 * message. Header layouts and sizes follow REFERENCE.md, LegoOS rows.
 */
public enum MessageType {
    // Fabric calibration: an empty RPC of a chosen size (REFERENCE.md, LegoOS RPC round trips).
    RPC_PING(true, "RPC_PONG", "opcode, src node, length + data", 8),
    RPC_PONG(false, null, "status", 4),

    // ExCache miss path (REFERENCE.md, LegoOS ExCache rows).
    P2M_PCACHE_MISS(true, "M2P_PCACHE_LINE", "opcode, src node, length, pid, tgid, flags, vaddr", 40),
    P2M_PCACHE_MISS_FLUSH(true, "M2P_PCACHE_LINE",
            "miss {opcode, src node, length, pid, tgid, flags, vaddr} + piggybacked victim {pid, vaddr, line}", 72),
    M2P_PCACHE_LINE(false, null, "the line's bytes (its permissions ride in the RDMA immediate)", 0),
    P2M_PCACHE_FLUSH(true, "M2P_FLUSH_ACK", "pid, vaddr + the line's bytes", 32),
    M2P_FLUSH_ACK(false, null, "status", 4),

    // Virtual memory system calls, served by the process's home memory component.
    P2M_MMAP(true, "M2P_VM_REPLY", "pid, addr, len, prot, flags, pgoff + file name", 48),
    P2M_MUNMAP(true, "M2P_VM_REPLY", "pid, addr, len", 24),
    P2M_BRK(true, "M2P_VM_REPLY", "pid, brk", 16),
    P2M_MREMAP(true, "M2P_VM_REPLY", "pid, old addr, old len, new len, flags", 40),
    P2M_MPROTECT(true, "M2P_VM_REPLY", "pid, addr, len, prot", 28),
    P2M_EXECVE(true, "M2P_VM_REPLY", "pid + file name, argv and envp strings", 16),
    M2P_VM_REPLY(false, null, "result (address or -errno)", 8),

    // File system calls, served by the storage monitor.
    P2S_OPEN(true, "S2P_REPLY", "pid, flags, mode + path", 16),
    P2S_CLOSE(true, "S2P_REPLY", "pid, file id", 12),
    P2S_READ(true, "S2P_REPLY", "pid, file id, offset, length", 28),
    P2S_WRITE(true, "S2P_REPLY", "pid, file id, offset, length + data", 28),
    P2S_STAT(true, "S2P_REPLY", "pid, flags + path or file id", 16),
    P2S_READDIR(true, "S2P_REPLY", "pid, file id, offset, length", 28),
    P2S_NAMESPACE(true, "S2P_REPLY", "pid, operation (unlink, mkdir, rename, readlink, access) + paths", 16),
    S2P_REPLY(false, null, "result + data", 8),

    // The memory component reading files (execve, file-backed mmap).
    M2S_READ(true, "S2M_DATA", "file id, offset, length + path", 24),
    S2M_DATA(false, null, "result + data", 8),
    M2S_WRITE(true, "S2M_ACK", "file id, offset, length + data", 24),
    S2M_ACK(false, null, "result", 8);

    private final boolean request;
    private final String replyName;
    private final String payload;
    private final int headerBytes;

    MessageType(boolean request, String replyName, String payload, int headerBytes) {
        this.request = request;
        this.replyName = replyName;
        this.payload = payload;
        this.headerBytes = headerBytes;
    }

    public boolean isRequest() {
        return request;
    }

    /** The response type of a request; null for responses. */
    public MessageType reply() {
        return replyName == null ? null : valueOf(replyName);
    }

    /** What the fixed header carries, for traces and documentation. */
    public String payload() {
        return payload;
    }

    /** Bytes of the fixed header; a message's size is this plus its variable data. */
    public int headerBytes() {
        return headerBytes;
    }
}
