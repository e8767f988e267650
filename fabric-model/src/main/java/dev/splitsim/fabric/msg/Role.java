package dev.splitsim.fabric.msg;

/** Which piece of software handles a message when it arrives. */
public enum Role {
    /** The process monitor of a CPU component (a reply the faulting or calling thread waits for). */
    PROCESS_MONITOR,
    /** The memory monitor of a memory component. */
    MEMORY_MONITOR,
    /** The storage monitor of the storage component. */
    STORAGE_MONITOR,
    /** The receiving NIC alone: one-sided verbs and their responses, no CPU involved. */
    NIC,
    /** Whatever endpoint a benchmark or test attaches (calibration pings). */
    ENDPOINT
}
