package dev.splitsim.cpu.mem;

/** Told when a page's bytes or permissions change under the hart: soft-TLB and decode-cache entries must go. */
public interface PageInvalidationListener {
    /** Drops every cached translation and decoded instruction for virtual page {@code vpage}. */
    void invalidatePage(long vpage);

    /** Drops everything. */
    void invalidateAll();
}
