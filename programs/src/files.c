/* File I/O inside the sandbox: create, write, seek, read back, stat, rename, list, delete. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *) a, *(char *const *) b); }

int main(void) {
    FILE *f = fopen("data.txt", "w");
    if (!f) { perror("fopen"); return 1; }
    for (int i = 0; i < 100; i++) fprintf(f, "line %03d of the file\n", i);
    fclose(f);
    int fd = open("data.txt", O_RDONLY);
    char buf[64];
    lseek(fd, 21 * 50, SEEK_SET);
    ssize_t n = read(fd, buf, 21);
    buf[n > 0 ? n : 0] = 0;
    printf("at line 50: %s", buf);
    struct stat st;
    fstat(fd, &st);
    printf("size %lld regular %d\n", (long long) st.st_size, S_ISREG(st.st_mode));
    close(fd);
    mkdir("sub", 0755);
    rename("data.txt", "sub/moved.txt");
    FILE *g = fopen("sub/other.txt", "w");
    fputs("x\n", g);
    fclose(g);
    printf("stat old name: %d\n", stat("data.txt", &st));
    DIR *d = opendir("sub");
    char *names[16];
    int count = 0;
    struct dirent *e;
    while ((e = readdir(d)) && count < 16) names[count++] = strdup(e->d_name);
    closedir(d);
    qsort(names, count, sizeof(char *), cmp);
    for (int i = 0; i < count; i++) printf("entry %s\n", names[i]);
    f = fopen("sub/moved.txt", "r");
    int lines = 0, c;
    while ((c = fgetc(f)) != EOF) lines += c == '\n';
    fclose(f);
    printf("lines read back: %d\n", lines);
    unlink("sub/moved.txt");
    unlink("sub/other.txt");
    printf("rmdir: %d\n", rmdir("sub"));
    printf("open missing: %d\n", open("missing.txt", O_RDONLY) < 0);
    return 0;
}
