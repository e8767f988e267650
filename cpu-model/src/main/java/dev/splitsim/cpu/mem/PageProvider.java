package dev.splitsim.cpu.mem;

/**
 * Where the hart's memory comes from. The hart asks for a whole page on a soft-TLB miss and then
 * reads and writes that page's bytes directly until the entry is invalidated.
 *
 * <p>The local profile backs pages with host arrays; the split machine backs them with ExCache
 * slots filled across the fabric. Either way the returned array is the page's only copy on the
 * CPU side: writes to it are the guest's writes.
 */
public interface PageProvider {
    int READ = 0;
    int WRITE = 1;
    int EXECUTE = 2;

    /** Log2 of the page size the hart's soft TLB and decode cache use. */
    int PAGE_SHIFT = 12;
    int PAGE_SIZE = 1 << PAGE_SHIFT;

    /**
     * Returns the {@link #PAGE_SIZE}-byte array that holds virtual page {@code vpage}
     * ({@code vaddr >>> PAGE_SHIFT}) for an access of the given kind, or {@code null} when the access
     * is not allowed (unmapped, or the page lacks the permission). A {@code null} answer becomes a
     * page fault at the hart. The provider may charge time for the lookup.
     */
    byte[] page(long vpage, int access);

    /**
     * The answer of {@link #page} while the page's bytes are on their way (a fill waiting for its
     * reply): the access is not made, the hart stops before the instruction retires and runs it
     * again once the provider has the page. Compared by identity.
     */
    byte[] PENDING = new byte[0];

    /**
     * The page for the simulator itself (fault reports, debugger): no permission check, no cost and
     * no change of state; null when the page does not exist.
     */
    default byte[] peek(long vpage) {
        return page(vpage, READ);
    }

    /** Called once the provider's owner wants every cached translation dropped (e.g. after munmap). */
    default void addListener(PageInvalidationListener listener) {}
}
