/* Wild pointers and sizes in system calls: each must fail with the errno Linux gives, never crash.
 * With no arguments only calls where Linux and qemu-riscv64 agree; "linux" adds huge sizes over
 * valid buffers, which Linux clamps (qemu checks the whole range and refuses them), and a case
 * qemu gets wrong. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/syscall.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

static const char readonly[8192] = "read-only";

static const char *name(int e) {
    switch (e) {
    case EFAULT: return "EFAULT";
    case EINVAL: return "EINVAL";
    case EBADF: return "EBADF";
    case ERANGE: return "ERANGE";
    case ENOENT: return "ENOENT";
    case ESPIPE: return "ESPIPE";
    case ENAMETOOLONG: return "ENAMETOOLONG";
    case ENOTDIR: return "ENOTDIR";
    default: return "other";
    }
}

static void show(const char *what, long r) {
    if (r < 0) printf("%-34s -1 %s\n", what, name(errno));
    else printf("%-34s %ld\n", what, r);
}

#define WRAP ((void *) (uintptr_t) -16)
#define FAR ((void *) (1UL << 60))

int main(int argc, char **argv) {
    const char *text = "0123456789abcdefghijklmnopqrstuvwxyz\n";
    int fd = open("badptr.tmp", O_RDWR | O_CREAT | O_TRUNC, 0644);
    write(fd, text, strlen(text));
    lseek(fd, 0, SEEK_SET);
    char buf[256];
    static char names[1 << 16];
    struct iovec iov[2] = {{buf, 8}, {buf + 8, 8}};

    if (argc > 1 && strcmp(argv[1], "linux") == 0) {
        char *big = mmap(0, 1 << 20, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
        show("read huge count", syscall(SYS_read, fd, big, 1UL << 40));
        show("pread huge count", syscall(SYS_pread64, fd, big, (size_t) 1 << 40, 10));
        int out = open("badptr.out", O_RDWR | O_CREAT | O_TRUNC, 0644);
        memset(big, 'x', 1 << 20);
        show("write past the mapping", syscall(SYS_write, out, big, (size_t) 2 << 20));
        show("size after it", lseek(out, 0, SEEK_END));
        close(out);
        unlink("badptr.out");
        int dir = open(".", O_RDONLY | O_DIRECTORY);
        long n = syscall(SYS_getdents64, dir, names, 0xffffffffUL);
        printf("%-34s %s\n", "getdents64 huge count", n > 0 ? "entries" : name(errno));
        close(dir);
        static struct iovec many[1024];
        for (int i = 0; i < 1024; i++) many[i] = (struct iovec) {buf, i == 0 ? 4 : 0};
        lseek(fd, 0, SEEK_SET);
        show("readv 1024 segments", syscall(SYS_readv, fd, many, 1024));
        /* qemu ignores a bad timespec pointer here and reads garbage. */
        show("nanosleep wrapping", syscall(SYS_nanosleep, (void *) (uintptr_t) -8, 0));
        munmap(big, 1 << 20);
        close(fd);
        unlink("badptr.tmp");
        return 0;
    }

    show("read wrapping buffer", syscall(SYS_read, fd, WRAP, 32));
    show("read far buffer", syscall(SYS_read, fd, FAR, 16));
    show("read into read-only memory", syscall(SYS_read, fd, readonly, 16));
    show("read size -1", syscall(SYS_read, fd, buf, (size_t) -1));
    show("write wrapping buffer", syscall(SYS_write, 1, (void *) (uintptr_t) -4096, 8192));
    show("write size -1", syscall(SYS_write, 1, buf, (size_t) -1));
    show("write file far buffer", syscall(SYS_write, fd, FAR, 8));
    show("pread wrapping buffer", syscall(SYS_pread64, fd, WRAP, 32, 0));
    show("pread negative offset", syscall(SYS_pread64, fd, buf, 8, -1L));
    show("lseek bad whence", syscall(SYS_lseek, fd, 0, 7));
    show("lseek before start", syscall(SYS_lseek, fd, -1, SEEK_SET));
    show("readv 1025 segments", syscall(SYS_readv, fd, iov, 1025));
    show("readv -1 segments", syscall(SYS_readv, fd, iov, -1));
    show("writev 1025 segments", syscall(SYS_writev, 1, iov, 1025));
    show("readv wrapping iovec array", syscall(SYS_readv, fd, WRAP, 2));
    struct iovec bad[1] = {{WRAP, 32}};
    show("readv wrapping segment", syscall(SYS_readv, fd, bad, 1));
    struct iovec negative[1] = {{buf, (size_t) -1}};
    show("readv negative length", syscall(SYS_readv, fd, negative, 1));
    show("writev wrapping segment", syscall(SYS_writev, 1, bad, 1));
    show("readv bad fd", syscall(SYS_readv, 99, iov, 2));
    lseek(fd, 0, SEEK_SET);
    show("readv two segments", syscall(SYS_readv, fd, iov, 2));
    printf("%-34s %.16s\n", "readv bytes", buf);

    int dir = open(".", O_RDONLY | O_DIRECTORY);
    show("getdents64 wrapping buffer", syscall(SYS_getdents64, dir, WRAP, 64));
    show("getdents64 tiny count", syscall(SYS_getdents64, dir, names, 8));
    show("getdents64 on a file", syscall(SYS_getdents64, fd, names, sizeof names));
    close(dir);

    show("openat wrapping path", syscall(SYS_openat, AT_FDCWD, WRAP, O_RDONLY));
    show("openat far path", syscall(SYS_openat, AT_FDCWD, FAR, O_RDONLY));
    show("newfstatat far path", syscall(SYS_newfstatat, AT_FDCWD, FAR, buf, 0));
    show("fstat wrapping buffer", syscall(SYS_fstat, fd, WRAP));
    show("fstat stdout wrapping buffer", syscall(SYS_fstat, 1, WRAP));
    show("newfstatat wrapping buffer", syscall(SYS_newfstatat, AT_FDCWD, "badptr.tmp", WRAP, 0));
    show("statx wrapping buffer", syscall(SYS_statx, AT_FDCWD, "badptr.tmp", 0, 0x7ff, WRAP));
    show("readlinkat zero size", syscall(SYS_readlinkat, AT_FDCWD, "badptr.tmp", buf, 0));
    show("readlinkat of a file", syscall(SYS_readlinkat, AT_FDCWD, "badptr.tmp", buf, sizeof buf));
    show("getcwd wrapping buffer", syscall(SYS_getcwd, WRAP, 4096));
    show("getcwd size 1", syscall(SYS_getcwd, buf, 1));
    show("unlinkat far path", syscall(SYS_unlinkat, AT_FDCWD, FAR, 0));
    show("mkdirat wrapping path", syscall(SYS_mkdirat, AT_FDCWD, WRAP, 0755));
    show("chdir far path", syscall(SYS_chdir, FAR));
    show("renameat2 far path", syscall(SYS_renameat2, AT_FDCWD, "badptr.tmp", AT_FDCWD, FAR, 0));

    show("gettimeofday wrapping", syscall(SYS_gettimeofday, (void *) (uintptr_t) -8, 0));
    show("clock_gettime wrapping", syscall(SYS_clock_gettime, CLOCK_MONOTONIC, (void *) (uintptr_t) -8));
    show("clock_gettime far", syscall(SYS_clock_gettime, CLOCK_REALTIME, FAR));
    show("uname wrapping", syscall(SYS_uname, (void *) (uintptr_t) -100));
    show("uname read-only", syscall(SYS_uname, readonly));
    show("sysinfo far", syscall(SYS_sysinfo, FAR));
    show("getrusage wrapping", syscall(SYS_getrusage, 0, (void *) (uintptr_t) -8));
    show("getrandom wrapping", syscall(SYS_getrandom, (void *) (uintptr_t) -8, 16, 0));
    show("getrandom far", syscall(SYS_getrandom, FAR, 16, 0));
    show("rt_sigaction old wrapping", syscall(SYS_rt_sigaction, SIGUSR1, 0, (void *) (uintptr_t) -8, 8));
    show("rt_sigaction new far", syscall(SYS_rt_sigaction, SIGUSR1, FAR, 0, 8));
    show("rt_sigprocmask old far", syscall(SYS_rt_sigprocmask, SIG_BLOCK, 0, FAR, 8));
    show("prlimit64 old wrapping", syscall(SYS_prlimit64, 0, RLIMIT_STACK, 0, (void *) (uintptr_t) -8));
    show("sched_getaffinity wrapping", syscall(SYS_sched_getaffinity, 0, 8, (void *) (uintptr_t) -4));
    show("futex wait wrapping", syscall(SYS_futex, (void *) (uintptr_t) -4, 0, 0, 0, 0, 0));

    close(fd);
    unlink("badptr.tmp");
    return 0;
}
