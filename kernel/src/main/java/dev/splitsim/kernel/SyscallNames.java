package dev.splitsim.kernel;

import java.util.Map;

/** Linux RISC-V (asm-generic) system call numbers, declared once, with the names the stats use. */
final class SyscallNames {
    private SyscallNames() {}

    static final int GETCWD = 17, DUP = 23, DUP3 = 24, FCNTL = 25, IOCTL = 29, MKDIRAT = 34, UNLINKAT = 35,
            RENAMEAT = 38, FACCESSAT = 48, CHDIR = 49, OPENAT = 56, CLOSE = 57, GETDENTS64 = 61, LSEEK = 62,
            READ = 63, WRITE = 64, READV = 65, WRITEV = 66, PREAD64 = 67, PWRITE64 = 68, READLINKAT = 78,
            NEWFSTATAT = 79, FSTAT = 80, EXIT = 93, EXIT_GROUP = 94, SET_TID_ADDRESS = 96, FUTEX = 98,
            SET_ROBUST_LIST = 99, NANOSLEEP = 101, CLOCK_GETTIME = 113, CLOCK_GETRES = 114,
            CLOCK_NANOSLEEP = 115, SCHED_GETAFFINITY = 123, SCHED_YIELD = 124, TGKILL = 131, SIGALTSTACK = 132,
            RT_SIGACTION = 134, RT_SIGPROCMASK = 135, UNAME = 160, GETRLIMIT = 163, GETRUSAGE = 165, GETTIMEOFDAY = 169,
            GETPID = 172, GETPPID = 173, GETUID = 174, GETEUID = 175, GETGID = 176, GETEGID = 177, GETTID = 178,
            SYSINFO = 179, BRK = 214, MUNMAP = 215, MREMAP = 216, MMAP = 222, MPROTECT = 226, MADVISE = 233,
            PRLIMIT64 = 261, RENAMEAT2 = 276, GETRANDOM = 278, STATX = 291, RSEQ = 293, FACCESSAT2 = 439,
            CLONE = 220, CLONE3 = 435, RISCV_FLUSH_ICACHE = 259;

    static final Map<Integer, String> NAMES = Map.ofEntries(
            Map.entry(GETCWD, "getcwd"), Map.entry(DUP, "dup"), Map.entry(DUP3, "dup3"), Map.entry(FCNTL, "fcntl"),
            Map.entry(IOCTL, "ioctl"), Map.entry(MKDIRAT, "mkdirat"), Map.entry(UNLINKAT, "unlinkat"),
            Map.entry(RENAMEAT, "renameat"), Map.entry(FACCESSAT, "faccessat"), Map.entry(CHDIR, "chdir"),
            Map.entry(OPENAT, "openat"), Map.entry(CLOSE, "close"), Map.entry(GETDENTS64, "getdents64"),
            Map.entry(LSEEK, "lseek"), Map.entry(READ, "read"), Map.entry(WRITE, "write"), Map.entry(READV, "readv"),
            Map.entry(WRITEV, "writev"), Map.entry(PREAD64, "pread64"), Map.entry(PWRITE64, "pwrite64"),
            Map.entry(READLINKAT, "readlinkat"), Map.entry(NEWFSTATAT, "newfstatat"), Map.entry(FSTAT, "fstat"),
            Map.entry(EXIT, "exit"), Map.entry(EXIT_GROUP, "exit_group"),
            Map.entry(SET_TID_ADDRESS, "set_tid_address"), Map.entry(FUTEX, "futex"),
            Map.entry(SET_ROBUST_LIST, "set_robust_list"), Map.entry(NANOSLEEP, "nanosleep"),
            Map.entry(CLOCK_GETTIME, "clock_gettime"), Map.entry(CLOCK_GETRES, "clock_getres"),
            Map.entry(CLOCK_NANOSLEEP, "clock_nanosleep"), Map.entry(SCHED_GETAFFINITY, "sched_getaffinity"),
            Map.entry(SCHED_YIELD, "sched_yield"), Map.entry(TGKILL, "tgkill"), Map.entry(SIGALTSTACK, "sigaltstack"),
            Map.entry(RT_SIGACTION, "rt_sigaction"), Map.entry(RT_SIGPROCMASK, "rt_sigprocmask"),
            Map.entry(UNAME, "uname"), Map.entry(GETRLIMIT, "getrlimit"), Map.entry(GETTIMEOFDAY, "gettimeofday"),
            Map.entry(GETPID, "getpid"), Map.entry(GETPPID, "getppid"), Map.entry(GETUID, "getuid"),
            Map.entry(GETEUID, "geteuid"), Map.entry(GETGID, "getgid"), Map.entry(GETEGID, "getegid"),
            Map.entry(GETTID, "gettid"), Map.entry(SYSINFO, "sysinfo"), Map.entry(BRK, "brk"),
            Map.entry(MUNMAP, "munmap"), Map.entry(MREMAP, "mremap"), Map.entry(MMAP, "mmap"),
            Map.entry(MPROTECT, "mprotect"), Map.entry(MADVISE, "madvise"), Map.entry(PRLIMIT64, "prlimit64"),
            Map.entry(RENAMEAT2, "renameat2"), Map.entry(GETRANDOM, "getrandom"), Map.entry(STATX, "statx"),
            Map.entry(RSEQ, "rseq"), Map.entry(FACCESSAT2, "faccessat2"),
            Map.entry(CLONE, "clone"), Map.entry(221, "execve"), Map.entry(CLONE3, "clone3"), Map.entry(RISCV_FLUSH_ICACHE, "riscv_flush_icache"), Map.entry(59, "pipe2"),
            Map.entry(GETRUSAGE, "getrusage"), Map.entry(167, "prctl"), Map.entry(129, "kill"), Map.entry(130, "tkill"));

    public static String name(int number) {
        String n = NAMES.get(number);
        return n != null ? n : "syscall_" + number;
    }
}
