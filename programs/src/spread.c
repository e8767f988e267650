/*
 * Files in two folders below the root, "in" and "out", which two storage components hold one each
 * (topology.storage with two names): write, copy from one to the other, stat, read by relative
 * paths after chdir, rename inside a folder, map a file, list, remove. With the argument "cross" it
 * also renames from one folder to the other and prints the result, which is EXDEV between two
 * storage components, as between two mounts in Linux.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }

static void list(const char *folder) {
    DIR *d = opendir(folder);
    char *names[16];
    int count = 0;
    struct dirent *e;
    while (d && (e = readdir(d)) && count < 16) names[count++] = strdup(e->d_name);
    if (d) closedir(d);
    qsort(names, count, sizeof(char *), cmp);
    printf("%s:", folder);
    for (int i = 0; i < count; i++) printf(" %s", names[i]);
    printf("\n");
}

int main(int argc, char **argv) {
    printf("mkdir: %d %d\n", mkdir("in", 0755), mkdir("out", 0755));
    FILE *f = fopen("in/a.txt", "w");
    if (!f) { perror("fopen"); return 1; }
    for (int i = 0; i < 300; i++) fprintf(f, "row %03d of the input\n", i);
    fclose(f);
    int from = open("in/a.txt", O_RDONLY), to = open("./out/b.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    char buf[1000];
    ssize_t n, total = 0;
    while ((n = read(from, buf, sizeof buf)) > 0) {
        for (ssize_t i = 0; i < n; i++) if (buf[i] >= 'a' && buf[i] <= 'z') buf[i] -= 32;
        total += write(to, buf, n);
    }
    close(from);
    close(to);
    struct stat sa, sb;
    printf("copied %zd: sizes %lld %lld\n", total, stat("in/a.txt", &sa) == 0 ? (long long) sa.st_size : -1LL,
           stat("./out/../out/b.txt", &sb) == 0 ? (long long) sb.st_size : -1LL);
    printf("chdir: %d\n", chdir("out"));
    char cwd[256];
    printf("in out: %d\n", getcwd(cwd, sizeof cwd) && strcmp(cwd + strlen(cwd) - 4, "/out") == 0);
    int up = open("../in/a.txt", O_RDONLY), here = open("b.txt", O_RDONLY);
    char line[32] = {0};
    lseek(up, 21 * 7, SEEK_SET);
    read(up, line, 21);
    printf("up: %s", line);
    pread(here, line, 21, 21 * 299);
    printf("here: %s", line);
    close(up);
    close(here);
    printf("rename inside: %d\n", rename("b.txt", "c.txt"));
    int m = open("c.txt", O_RDONLY);
    char *p = mmap(NULL, sb.st_size, PROT_READ, MAP_PRIVATE, m, 0);
    long sum = 0;
    for (long i = 0; p != MAP_FAILED && i < sb.st_size; i++) sum += p[i] * (i % 7 + 1);
    printf("mapped sum %ld\n", sum);
    close(m);
    printf("chdir back: %d\n", chdir(".."));
    list("in");
    list("out");
    if (argc > 1 && strcmp(argv[1], "cross") == 0) {
        int r = rename("in/a.txt", "out/a.txt");
        printf("rename across: %d %s\n", r, r == 0 ? "0" : errno == EXDEV ? "EXDEV" : strerror(errno));
        unlink("out/a.txt");
    }
    unlink("in/a.txt");
    unlink("out/c.txt");
    printf("rmdir: %d %d\n", rmdir("in"), rmdir("out"));
    return 0;
}
