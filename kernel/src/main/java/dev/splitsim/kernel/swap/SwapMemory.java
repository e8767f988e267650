package dev.splitsim.kernel.swap;

import dev.splitsim.cpu.mem.PageInvalidationListener;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.kernel.memory.VirtualMemory;

/**
 * The cores' (and system calls') view of a process whose pages may be in swap: the process's
 * virtual memory checks the access, its {@link SwapPages} store brings the page in, and a write
 * marks the page dirty, as the page table's dirty bit tells Linux. A core asks here only when its
 * translation is missing or lacks write permission, which is every first write after a page came
 * in, since pages enter the cores' write translations only through a write.
 */
public final class SwapMemory implements PageProvider {
    private final VirtualMemory vm;
    private final SwapPages pages;

    public SwapMemory(VirtualMemory vm, SwapPages pages) {
        this.vm = vm;
        this.pages = pages;
    }

    @Override
    public byte[] page(long vpage, int access) {
        byte[] p = vm.page(vpage, access);
        if (p != null && access == WRITE) {
            pages.dirtied(vpage);
        }
        return p;
    }

    @Override
    public byte[] peek(long vpage) {
        return vm.peek(vpage);
    }

    @Override
    public void addListener(PageInvalidationListener listener) {
        vm.addListener(listener);
        pages.addCore(listener);
    }
}
