package dev.splitsim.cpu.timing;

/** Why a core spent a cycle not issuing an instruction; one name per cause, for the stats. */
public final class StallCause {
    private StallCause() {}

    public static final int DEPENDENCY = 0;
    public static final int UNIT_BUSY = 1;
    public static final int L1_MISS = 2;
    public static final int L2_MISS = 3;
    public static final int EXCACHE_MISS = 4;
    public static final int BRANCH_MISPREDICT = 5;
    public static final int BRANCH_TAKEN = 6;
    public static final int SYSCALL = 7;
    public static final int SCHEDULE = 8;
    public static final int IDLE = 9;
    public static final int TLB_MISS = 10;
    public static final int PAGE_FAULT = 11;
    public static final int TLB_SHOOTDOWN = 12;

    public static final String[] NAMES = {"dependency", "unit_busy", "l1_miss", "l2_miss", "excache_miss",
        "branch_mispredict", "branch_taken", "syscall", "schedule", "idle", "tlb_miss",
        "page_fault", "tlb_shootdown"};
    public static final String[] DESCRIPTIONS = {
        "waiting for a source register (load-use, long-latency results)",
        "waiting for the unpipelined divider / square-root unit",
        "L1 miss served by L2 (instruction or data)",
        "L2 miss served by local DRAM (an ExCache hit on the split machine)",
        "ExCache misses: the process monitor's miss path over the fabric",
        "branch, jump or return mispredicted",
        "fetch bubble after a correctly predicted taken branch or jump",
        "system calls: entry and exit, and calls to other components",
        "context switches between threads on the core",
        "no runnable thread for the core (threads blocked or exited)",
        "data TLB misses: the page-table walk of a machine that translates on the CPU side",
        "page faults: the Linux fault path, swap I/O and reclaim of a machine with limited memory",
        "interrupted by another core's TLB shootdown: the IPI's handler, and a flushed TLB's walks show as tlb_miss"};
}
