/*
 * Regions of interest for programs run on splitsim, in the manner of gem5's m5ops: the statistics
 * of one part of a program, cut out of the whole run and written as numbered sections of the
 * --stats and --stats-json files (roi.1.name, roi.1.cpu.instructions, ...; see the README).
 *
 *   splitsim_stats_reset();             counting starts again here
 *   splitsim_stats_dump("phase");       what was counted since the last reset becomes a section
 *   splitsim_stats_dump_reset("next");  both at once: consecutive phases
 *
 * Each is one system call with a number far above Linux's (0x5350): splitsim intercepts it, while
 * Linux and qemu-riscv64 answer -ENOSYS and do nothing else, so the same binary runs anywhere and
 * prints the same. The calls return 0 under splitsim; a program should not print what they return.
 */
#ifndef SPLITSIM_H
#define SPLITSIM_H

#define SPLITSIM_SYSCALL_STATS 0x5350
#define SPLITSIM_STATS_RESET 0
#define SPLITSIM_STATS_DUMP 1
#define SPLITSIM_STATS_DUMP_RESET 2

static inline long splitsim_stats_call(long op, const char *name)
{
    register long a0 __asm__("a0") = op;
    register long a1 __asm__("a1") = (long) name;
    register long a7 __asm__("a7") = SPLITSIM_SYSCALL_STATS;
    /* A compiler barrier too: work before a mark is not moved past it. */
    __asm__ volatile("ecall" : "+r"(a0) : "r"(a1), "r"(a7) : "memory");
    return a0;
}

#define splitsim_stats_reset() splitsim_stats_call(SPLITSIM_STATS_RESET, 0)
#define splitsim_stats_dump(name) splitsim_stats_call(SPLITSIM_STATS_DUMP, (name))
#define splitsim_stats_dump_reset(name) splitsim_stats_call(SPLITSIM_STATS_DUMP_RESET, (name))

#endif
