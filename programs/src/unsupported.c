/*
 * System calls the kernel has and the machine does not implement: each fails with ENOSYS, as
 * qemu-riscv64 answers them too, and the program goes on. The run's statistics count them by name.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>
#include <sys/syscall.h>
#include <unistd.h>

static void try(const char *name, long number, int times) {
    for (int i = 0; i < times; i++) {
        errno = 0;
        long r = syscall(number, 0, 0, 0, 0, 0, 0);
        printf("%s: %ld (%s)\n", name, r, strerror(errno));
    }
}

int main(void) {
    try("io_uring_setup", SYS_io_uring_setup, 2);
    try("lookup_dcookie", SYS_lookup_dcookie, 1);
    try("kexec_file_load", SYS_kexec_file_load, 1);
    return 0;
}
