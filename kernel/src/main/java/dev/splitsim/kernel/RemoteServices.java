package dev.splitsim.kernel;

import dev.splitsim.fabric.msg.MessageType;

/**
 * How the process monitor reaches the memory components for virtual-memory calls and execve. In
 * the all-local machine every call is free ({@link #LOCAL}); in the split machine each is a request
 * and reply over the fabric whose time the calling core waits out. File calls go to the storage
 * monitor through a {@link dev.splitsim.kernel.storage.FileService}.
 */
public interface RemoteServices {
    /** A virtual-memory call to the process's home memory component, with {@code dataBytes} of names or strings. */
    void memoryCall(MessageType type, long dataBytes);

    /** execve at the memory monitor: it reads the {@code fileBytes}-byte program from storage. */
    void execve(long fileBytes, long stringBytes);

    RemoteServices LOCAL = new RemoteServices() {
        @Override
        public void memoryCall(MessageType type, long dataBytes) {
        }

        @Override
        public void execve(long fileBytes, long stringBytes) {
        }
    };
}
