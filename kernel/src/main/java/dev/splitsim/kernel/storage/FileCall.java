package dev.splitsim.kernel.storage;

import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Message;

/**
 * One file request to the storage monitor and its answer, laid out as the catalogue's P2S_* message
 * and its S2P_REPLY: the arguments in the request type's named header fields, paths and written
 * bytes in the request data, and the result with read bytes, stat buffers, directory entries, a
 * link's target or the working folder in the reply data. The process monitor fills in the request
 * half, the storage monitor reads only that and fills in the reply half. An open's reply carries the
 * file's guest path as resolved (links followed), or, for a device or /proc/self file the process
 * monitor serves itself, the node's bare name (no "/") with result 0. Between components each
 * half crosses as a message of its own; in the all-local machine the monitor is called with this
 * object directly.
 */
public final class FileCall {
    /** The most data one request or reply carries: longer reads and writes are several requests. */
    public static final int MAX_DATA = 64 << 10;

    /** P2S_NAMESPACE operations. */
    public static final int UNLINK = 1, MKDIR = 2, RENAME = 3, READLINK = 4, ACCESS = 5, CHDIR = 6, GETCWD = 7,
            SEEK = 8;

    /** P2S_STAT's length: the reply is a struct stat, or a struct statx. */
    public static final int STAT_BYTES = 128, STATX_BYTES = 256;

    /** P2S_READ, P2S_WRITE and P2S_READDIR at offset -1 use and advance the open file's own position. */
    public static final long AT_POSITION = -1;

    /** P2S_STAT of a path rather than an open file. */
    public static final long NO_FILE = -1;

    private MessageType type;
    private final long[] fields = new long[12];
    private byte[] data = new byte[256];
    private int dataLength;
    private long result;
    private byte[] replyData = new byte[256];
    private int replyLength;
    private long deviceBytes;
    private boolean deviceWrite;

    /** Starts a new request of {@code t} (a P2S_* type), every field 0 and no data. */
    public FileCall start(MessageType t) {
        type = t;
        java.util.Arrays.fill(fields, 0);
        dataLength = 0;
        result = 0;
        replyLength = 0;
        deviceBytes = 0;
        deviceWrite = false;
        return this;
    }

    public MessageType type() {
        return type;
    }

    public FileCall set(String name, long value) {
        fields[index(name)] = value;
        return this;
    }

    public long get(String name) {
        return fields[index(name)];
    }

    private int index(String name) {
        int i = type.field(name);
        if (i < 0) {
            throw new IllegalArgumentException(type + " has no field " + name);
        }
        return i;
    }

    /** Makes room for {@code length} request bytes and returns the array to fill from index 0. */
    public byte[] data(int length) {
        if (data.length < length) {
            data = new byte[Math.max(length, data.length * 2)];
        }
        dataLength = length;
        return data;
    }

    public byte[] data() {
        return data;
    }

    public int dataLength() {
        return dataLength;
    }

    /** The storage monitor's answer: a result (a count, a file id, an offset or -errno). */
    public FileCall reply(long value) {
        result = value;
        return this;
    }

    /** Makes room for {@code length} reply bytes and returns the array to fill from index 0. */
    public byte[] replyData(int length) {
        if (replyData.length < length) {
            replyData = new byte[Math.max(length, replyData.length * 2)];
        }
        replyLength = length;
        return replyData;
    }

    public long result() {
        return result;
    }

    public byte[] replyData() {
        return replyData;
    }

    public int replyLength() {
        return replyLength;
    }

    /** The bytes the request moved to or from the storage device (0 for metadata), for its time. */
    void device(long bytes, boolean write) {
        deviceBytes = bytes;
        deviceWrite = write;
    }

    long deviceBytes() {
        return deviceBytes;
    }

    boolean deviceWrite() {
        return deviceWrite;
    }

    /** Copies the request half into {@code m}, a fresh message of the same type. */
    public void writeRequest(Message m) {
        for (int i = 0; i < type.fields().size(); i++) {
            m.set(type.fields().get(i).name(), fields[i]);
        }
        if (dataLength > 0) {
            m.putData(data, 0, dataLength);
        }
    }

    /** Takes the request half from an arrived message: all the storage monitor learns of the call. */
    void readRequest(Message m) {
        start(m.type());
        for (int i = 0; i < type.fields().size(); i++) {
            fields[i] = m.field(i);
        }
        System.arraycopy(m.data(), 0, data(m.dataLength()), 0, m.dataLength());
    }

    /** Copies the reply half into {@code reply}, the S2P_REPLY answering the request. */
    void writeReply(Message reply) {
        reply.set("result", result);
        if (replyLength > 0) {
            reply.putData(replyData, 0, replyLength);
        }
    }

    /** Takes the reply half from an arrived S2P_REPLY. */
    public void readReply(Message reply) {
        result = reply.get("result");
        System.arraycopy(reply.data(), 0, replyData(reply.dataLength()), 0, reply.dataLength());
    }
}
