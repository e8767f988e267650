package dev.splitsim.kernel.process;

import dev.splitsim.kernel.memory.AreaRecords;
import java.util.List;

/**
 * How the process monitor reaches the memory monitor that owns a process's virtual memory: each
 * call is a request whose arguments are all the monitor learns, and its answer is a result plus
 * what the call did to the areas ({@link #records()}), from which the process monitor keeps its
 * mirror. On the split machine each is a request and reply over the fabric whose time the calling
 * core waits out; on the all-local machine the same monitor code is called in-process.
 */
public interface RemoteServices {
    long brk(long requested);

    /** mmap; {@code file} is the storage monitor's id of the mapped file, -1 when none. */
    long mmap(long addr, long length, int prot, int flags, long file, long offset, String name);

    long munmap(long addr, long length);

    long mprotect(long addr, long length, int prot);

    long mremap(long old, long oldLen, long newLen, int flags);

    /**
     * execve at the memory monitor: it reads the program from storage and builds the image; 0 or
     * -errno, and then {@link #entry}, {@link #stackPointer} and {@link #brkStart}.
     */
    long execve(String execName, List<String> argv, List<String> env, long seed);

    long entry();

    long stackPointer();

    long brkStart();

    /** What the last call did to the areas. */
    AreaRecords records();

    /**
     * A system call of {@code thread} starts at {@code tick}, or runs again after the reply it slept
     * on (then true): on the split machine a call's thread sleeps on each reply it waits for, and
     * the call is run again from its start once the reply is in, taking the replies it already had
     * in order. In-process monitors answer at once, so a call there never runs twice.
     */
    default boolean beginCall(Object thread, long tick) {
        return false;
    }

    /** The tick the current call first started. */
    default long callStartTick() {
        return 0;
    }

    /** The current call is over (or has done what must not be done twice): no more runs again. */
    default void endCall() {
    }

    /** Whether {@code thread} is in a call that sleeps on a reply or has yet to run again. */
    default boolean inCall(Object thread) {
        return false;
    }
}
