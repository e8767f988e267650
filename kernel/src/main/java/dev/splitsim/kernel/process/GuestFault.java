package dev.splitsim.kernel.process;

/**
 * Why a guest was killed by a signal: a readable reason ("segmentation fault: write to unmapped
 * address"), the faulting pc and data address, the raw instruction bits (16 or 32 bits) and the
 * Linux signal number (SIGSEGV 11, SIGILL 4, SIGBUS 7, SIGTRAP 5, SIGABRT 6).
 */
public record GuestFault(String reason, long pc, long address, int instruction, int signal) {}
