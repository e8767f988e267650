package dev.splitsim.kernel.process;

import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.kernel.memory.AreaRecords;
import dev.splitsim.kernel.memory.Areas;
import dev.splitsim.kernel.memory.VirtualMemory;

/**
 * The process monitor's side of a process's memory: a mirror of the areas the memory monitor keeps
 * for it, built only from the monitor's replies (execve's and each virtual-memory call's), and the
 * CPU side's view of the bytes (the ExCache on the split machine) through which system calls copy.
 * The mirror answers the CPU side's own questions: the permissions of a line about to be fetched,
 * whether it may be zero-filled here, why a fault happened. The memory monitor's state is never
 * read from here.
 */
public final class AddressSpace {
    public static final int PROT_READ = VirtualMemory.PROT_READ;
    public static final int PROT_WRITE = VirtualMemory.PROT_WRITE;
    public static final int PROT_EXEC = VirtualMemory.PROT_EXEC;
    public static final long USER_END = VirtualMemory.USER_END;
    public static final int PAGE_BYTES = PageProvider.PAGE_SIZE;
    private static final int PAGE_SIZE = PageProvider.PAGE_SIZE;
    private static final int PAGE_SHIFT = PageProvider.PAGE_SHIFT;
    private static final long PAGE_MASK = PAGE_SIZE - 1;

    /** Told before a range changes, so cached copies of it go (written back unless {@code discard}). */
    public interface RangeListener {
        void rangeChanged(long start, long end, boolean discard);

        /**
         * The memory monitor has replaced what was in [start, end) (unmapped it, or mapped it anew):
         * cached copies of it are dead, though the rest of a line reaching out of it is not.
         */
        void rangeReplaced(long start, long end);

        /** The memory monitor holds bytes for [start, end) that the CPU side never wrote back. */
        default void storedByMemory(long start, long end) {}
    }

    private final Areas mirror = new Areas();
    private PageProvider cpuView;
    private RangeListener rangeListener;

    public AddressSpace(PageProvider cpuView) {
        this.cpuView = cpuView;
    }

    /** The CPU side's view of this space, through which system calls copy, and who caches it. */
    public void setCpuView(PageProvider view, RangeListener listener) {
        this.cpuView = view;
        this.rangeListener = listener;
    }

    /** The mirrored areas. */
    public Areas areas() {
        return mirror;
    }

    public Areas.Area areaAt(long address) {
        return mirror.areaAt(address);
    }

    /** Applies a memory monitor's reply to the mirror (the layout is {@link AreaRecords}'). */
    public void apply(AreaRecords r) {
        r.read(mirrorWriter);
    }

    /** What each record of a reply does to the mirror and to whoever caches the CPU side's copies. */
    private final AreaRecords.Reader mirrorWriter = new AreaRecords.Reader() {
        @Override
        public void cleared(long start, long end) {
            mirror.remove(start, end);
            if (rangeListener != null) {
                rangeListener.rangeReplaced(start, Math.min(end, USER_END));
            }
        }

        @Override
        public void area(long start, long end, int prot, boolean file) {
            mirror.add(start, end, prot, file, null);
        }

        @Override
        public void stored(long start, long end) {
            if (rangeListener != null) {
                rangeListener.storedByMemory(start, end);
            }
        }
    };

    /**
     * Before a call changes [start, end): cached copies of it leave the CPU side, dirty ones written
     * back first unless {@code discard}.
     */
    void beforeChange(long start, long end, boolean discard) {
        if (rangeListener != null && end > start) {
            rangeListener.rangeChanged(start, Math.min(end, USER_END), discard);
        }
    }

    static long pageUp(long a) {
        return VirtualMemory.pageUp(a);
    }

    /** True when [address, address + length) lies inside the user address space (so it cannot wrap). */
    public static boolean userRange(long address, long length) {
        return VirtualMemory.userRange(address, length);
    }

    /**
     * Brings the first {@code maxPages} pages of [address, address + length) into the CPU side's
     * view for a system call about to copy them. Returns false when a page's fill is under way and
     * the calling thread now sleeps on it; a page that cannot be had is left to the copy to report.
     */
    public boolean bringIn(long address, long length, int access, int maxPages) {
        if (length <= 0 || !userRange(address, length)) {
            return true;
        }
        long end = Math.min(address + length, (address & ~PAGE_MASK) + ((long) maxPages << PAGE_SHIFT));
        for (long a = address & ~PAGE_MASK; a < end; a += PAGE_SIZE) {
            byte[] p = cpuView.page(a >>> PAGE_SHIFT, access);
            if (p == PageProvider.PENDING) {
                return false;
            }
            if (p == null) {
                return true;
            }
        }
        return true;
    }

    /** Copies guest memory out for a system call; false when any byte is unmapped or unreadable. */
    public boolean read(long address, byte[] into, int offset, int length) {
        if (!userRange(address, length)) {
            return false;
        }
        for (int done = 0; done < length; ) {
            long a = address + done;
            byte[] p = cpuView.page(a >>> PAGE_SHIFT, PageProvider.READ);
            if (p == null) {
                return false;
            }
            int off = (int) (a & PAGE_MASK);
            int n = Math.min(length - done, PAGE_SIZE - off);
            System.arraycopy(p, off, into, offset + done, n);
            done += n;
        }
        return true;
    }

    /** Copies into guest memory for a system call; false when any byte is not writable. */
    public boolean write(long address, byte[] from, int offset, int length) {
        if (!userRange(address, length)) {
            return false;
        }
        for (long a = address & ~PAGE_MASK; a < address + length; a += PAGE_SIZE) {
            if (cpuView.page(a >>> PAGE_SHIFT, PageProvider.WRITE) == null) {
                return false;
            }
        }
        for (int done = 0; done < length; ) {
            long a = address + done;
            byte[] p = cpuView.page(a >>> PAGE_SHIFT, PageProvider.WRITE);
            int off = (int) (a & PAGE_MASK);
            int n = Math.min(length - done, PAGE_SIZE - off);
            System.arraycopy(from, offset + done, p, off, n);
            done += n;
        }
        return true;
    }
}
