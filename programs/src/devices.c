/*
 * The devices and /proc/self files a program expects: /dev/null, /dev/zero, /dev/full,
 * /dev/urandom and /dev/random, /dev/stdin, /dev/stdout and /dev/stderr, /proc/self/exe and
 * /proc/self/maps. Random bytes and addresses differ from machine to machine, so only their
 * properties are printed; stdin should hold a line (see cases.txt). For the tests of what differs
 * by nature: "devices maps" prints /proc/self/maps, "devices random N" N bytes of /dev/urandom in
 * hex, "devices exe" the link /proc/self/exe and what opening it for writing gives.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

static void check(const char *what, int ok) {
    printf("%-56s %s\n", what, ok ? "yes" : "NO");
}

static int all(const unsigned char *b, int n, int v) {
    for (int i = 0; i < n; i++) {
        if (b[i] != v) {
            return 0;
        }
    }
    return 1;
}

static void device(const char *path, unsigned minor_number) {
    struct stat st;
    int ok = stat(path, &st) == 0 && S_ISCHR(st.st_mode) && major(st.st_rdev) == 1 && minor(st.st_rdev) == minor_number;
    char what[80];
    snprintf(what, sizeof what, "%s is character device 1:%u", path, minor_number);
    check(what, ok);
}

static void maps(const char *self) {
    FILE *f = fopen("/proc/self/maps", "r");
    check("/proc/self/maps opens", f != NULL);
    if (f == NULL) {
        return;
    }
    int local = 0;
    void *heap = malloc(64);
    char line[512];
    int lines = 0, parsed = 0, exec_of_program = 0, stack_holds_local = 0, heap_in_rw = 0;
    unsigned long previous_end = 0;
    int ordered = 1;
    while (fgets(line, sizeof line, f)) {
        unsigned long start, end, offset, inode;
        unsigned dev_major, dev_minor;
        char perms[8], name[400] = "";
        lines++;
        int n = sscanf(line, "%lx-%lx %7s %lx %x:%x %lu %399s", &start, &end, perms, &offset, &dev_major, &dev_minor,
                       &inode, name);
        if (n >= 7 && start < end && strlen(perms) == 4) {
            parsed++;
        }
        if (start < previous_end) {
            ordered = 0;
        }
        previous_end = end;
        const char *base = strrchr(name, '/');
        if (strcmp(perms, "r-xp") == 0 && base != NULL && strcmp(base + 1, self) == 0) {
            exec_of_program = 1;
        }
        if (strcmp(name, "[stack]") == 0 && (unsigned long) &local >= start && (unsigned long) &local < end) {
            stack_holds_local = 1;
        }
        if (perms[0] == 'r' && perms[1] == 'w' && (unsigned long) heap >= start && (unsigned long) heap < end) {
            heap_in_rw = 1;
        }
    }
    fclose(f);
    check("every line of /proc/self/maps parses", lines > 0 && parsed == lines);
    check("its areas are in address order", ordered);
    check("an r-xp area maps the program", exec_of_program);
    check("[stack] holds a local variable", stack_holds_local);
    check("a malloc'ed block is in a rw area", heap_in_rw);
    free(heap);
}

static int raw(int argc, char **argv) {
    if (strcmp(argv[1], "maps") == 0) {
        char b[4096];
        int fd = open("/proc/self/maps", O_RDONLY);
        ssize_t n;
        while ((n = read(fd, b, sizeof b)) > 0) {
            fwrite(b, 1, n, stdout);
        }
        return 0;
    }
    if (strcmp(argv[1], "random") == 0) {
        int n = argc > 2 ? atoi(argv[2]) : 16;
        unsigned char b[256];
        int fd = open("/dev/urandom", O_RDONLY);
        read(fd, b, n);
        for (int i = 0; i < n; i++) {
            printf("%02x", b[i]);
        }
        printf("\n");
        return 0;
    }
    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[len > 0 ? len : 0] = 0;
    errno = 0;
    int fd = open("/proc/self/exe", O_WRONLY);
    printf("%s %d %s\n", exe, fd, strerror(errno));
    return 0;
}

int main(int argc, char **argv) {
    if (argc > 1) {
        return raw(argc, argv);
    }
    unsigned char buf[256];
    int fd = open("/dev/null", O_RDWR);
    check("/dev/null opens", fd >= 0);
    check("/dev/null takes a write whole", write(fd, "discarded", 9) == 9);
    check("/dev/null reads as end of file", read(fd, buf, sizeof buf) == 0);
    check("/dev/null seeks to 0", lseek(fd, 100, SEEK_SET) == 0);
    close(fd);
    device("/dev/null", 3);
    fd = open("/dev/null", O_RDONLY);
    errno = 0;
    check("/dev/null opened read-only refuses a write (EBADF)", write(fd, "x", 1) == -1 && errno == EBADF);
    close(fd);
    check("/dev/../dev/./null opens", (fd = open("/dev/../dev/./null", O_WRONLY)) >= 0 && close(fd) == 0);
    check("/dev/null/x is not a directory (ENOTDIR)", open("/dev/null/x", O_RDONLY) == -1 && errno == ENOTDIR);

    fd = open("/dev/zero", O_RDWR);
    memset(buf, 0xaa, sizeof buf);
    check("/dev/zero reads zeros", read(fd, buf, sizeof buf) == sizeof buf && all(buf, sizeof buf, 0));
    check("/dev/zero takes a write", write(fd, buf, 10) == 10);
    unsigned char *z = mmap(NULL, 1 << 16, PROT_READ | PROT_WRITE, MAP_PRIVATE, fd, 0);
    check("/dev/zero maps as zeroed, writable memory", z != MAP_FAILED && all(z, 1 << 16, 0) && (z[100] = 7) == 7);
    close(fd);
    device("/dev/zero", 5);

    fd = open("/dev/full", O_RDWR);
    errno = 0;
    check("/dev/full refuses a write (ENOSPC)", write(fd, "x", 1) == -1 && errno == ENOSPC);
    memset(buf, 0xaa, sizeof buf);
    check("/dev/full reads zeros", read(fd, buf, 16) == 16 && all(buf, 16, 0));
    close(fd);
    device("/dev/full", 7);
    FILE *full = fopen("/dev/full", "w");
    fputs("lost", full);
    check("fclose of a stream on /dev/full reports the failure", fclose(full) == EOF && errno == ENOSPC);

    for (int r = 0; r < 2; r++) {
        const char *path = r ? "/dev/random" : "/dev/urandom";
        unsigned char a[64], b[64];
        fd = open(path, O_RDONLY);
        int got = read(fd, a, sizeof a) == sizeof a && read(fd, b, sizeof b) == sizeof b;
        close(fd);
        char what[80];
        snprintf(what, sizeof what, "%s gives 64 bytes twice, not all zero, not alike", path);
        check(what, got && !all(a, sizeof a, 0) && memcmp(a, b, sizeof a) != 0);
        device(path, r ? 8 : 9);
    }

    fflush(stdout);
    fd = open("/dev/stdout", O_WRONLY | O_APPEND);
    check("/dev/stdout opens", fd >= 0);
    const char *line = "a line written through /dev/stdout\n";
    check("and takes a line", write(fd, line, strlen(line)) == (ssize_t) strlen(line));
    close(fd);
    /* When stdout is a file, its own offset must move past the appended line (a pipe has none). */
    lseek(1, 0, SEEK_END);
    fd = open("/dev/stderr", O_WRONLY | O_APPEND);
    const char *err = "a line written through /dev/stderr\n";
    check("/dev/stderr takes a line", fd >= 0 && write(fd, err, strlen(err)) == (ssize_t) strlen(err));
    close(fd);
    lseek(2, 0, SEEK_END);
    fd = open("/dev/stdin", O_RDONLY);
    memset(buf, 0, sizeof buf);
    ssize_t n = fd >= 0 ? read(fd, buf, sizeof buf - 1) : -1;
    printf("/dev/stdin gave: %s", n > 0 ? (char *) buf : "(nothing)\n");
    close(fd);

    char exe[4096];
    ssize_t len = readlink("/proc/self/exe", exe, sizeof exe - 1);
    exe[len > 0 ? len : 0] = 0;
    const char *self = strrchr(argv[0], '/') ? strrchr(argv[0], '/') + 1 : argv[0];
    const char *base = strrchr(exe, '/');
    check("/proc/self/exe links to an absolute path", len > 0 && exe[0] == '/');
    check("whose last name is the program's", base != NULL && strcmp(base + 1, self) == 0);
    fd = open("/proc/self/exe", O_RDONLY);
    struct stat st;
    check("/proc/self/exe reads as an ELF file", fd >= 0 && read(fd, buf, 4) == 4 && memcmp(buf, "\177ELF", 4) == 0);
    check("as long as fstat says", fstat(fd, &st) == 0 && S_ISREG(st.st_mode) && lseek(fd, 0, SEEK_END) == st.st_size);
    close(fd);
    maps(self);
    return 0;
}
