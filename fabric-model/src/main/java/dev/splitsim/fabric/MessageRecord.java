package dev.splitsim.fabric;

import dev.splitsim.fabric.msg.MessageType;

/**
 * One fabric message as the trace shows it: when it was sent, arrived and was handled, between
 * which nodes, what it carried and what caused it (core, pc, virtual address; -1 when not a guest
 * access). Built only while tracing is on.
 */
public record MessageRecord(long sequence, MessageType type, String source, String destination, long bytes,
        long sendTick, long arriveTick, long handledTick, int core, long pc, long vaddr, String detail) {

    public String toText() {
        String cause = core < 0 ? "kernel" : "core" + core + " pc=0x" + Long.toHexString(pc)
                + (vaddr < 0 ? "" : " va=0x" + Long.toHexString(vaddr));
        return String.format("#%d %s %s -> %s %d B send=%d arrive=%d handled=%d cause=%s%s", sequence, type, source,
                destination, bytes, sendTick, arriveTick, handledTick, cause, detail == null ? "" : " {" + detail + "}");
    }

    public String toJson() {
        return String.format("{\"seq\":%d,\"type\":\"%s\",\"src\":\"%s\",\"dst\":\"%s\",\"bytes\":%d,"
                + "\"send_ps\":%d,\"arrive_ps\":%d,\"handled_ps\":%d,\"core\":%d,\"pc\":%d,\"vaddr\":%d,"
                + "\"payload\":\"%s\"}", sequence, type, source, destination, bytes, sendTick, arriveTick, handledTick,
                core, pc, vaddr, detail == null ? "" : detail.replace("\\", "\\\\").replace("\"", "\\\""));
    }
}
