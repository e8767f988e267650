package dev.splitsim.kernel;

import dev.splitsim.fabric.msg.MessageType;

/**
 * How the process monitor reaches the other components for system calls. In the all-local machine
 * every call is free ({@link #LOCAL}); in the split machine each is a request and reply over the
 * fabric whose time the calling core waits out.
 */
public interface RemoteServices {
    /** A virtual-memory call to the process's home memory component, with {@code dataBytes} of names or strings. */
    void memoryCall(MessageType type, long dataBytes);

    /**
     * A file call to the storage monitor: {@code sentBytes} and {@code returnedBytes} of data each
     * way, {@code deviceBytes} read from or written to the storage device (0 for metadata).
     */
    void storageCall(MessageType type, long sentBytes, long returnedBytes, long deviceBytes, boolean deviceWrite);

    /** execve at the memory monitor: it reads the {@code fileBytes}-byte program from storage. */
    void execve(long fileBytes, long stringBytes);

    RemoteServices LOCAL = new RemoteServices() {
        @Override
        public void memoryCall(MessageType type, long dataBytes) {
        }

        @Override
        public void storageCall(MessageType type, long sentBytes, long returnedBytes, long deviceBytes,
                boolean deviceWrite) {
        }

        @Override
        public void execve(long fileBytes, long stringBytes) {
        }
    };
}
