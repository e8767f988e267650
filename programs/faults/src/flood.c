/*
 * Writes without end to a file ("file", the default: flood.out in the working folder) or to
 * stdout ("stdout"), in 64 KiB writes. Past the size limit the guest gets SIGXFSZ; with "ignore"
 * as a second argument SIGXFSZ is ignored and the failing write's EFBIG is printed on stderr.
 */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

static char block[65536];

int main(int argc, char **argv) {
    int to_stdout = argc > 1 && strcmp(argv[1], "stdout") == 0;
    if (argc > 2 && strcmp(argv[2], "ignore") == 0) {
        signal(SIGXFSZ, SIG_IGN);
    }
    memset(block, 'x', sizeof block);
    int fd = to_stdout ? 1 : open("flood.out", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) {
        perror("open");
        return 2;
    }
    unsigned long total = 0;
    for (;;) {
        ssize_t n = write(fd, block, sizeof block);
        if (n < 0) {
            fprintf(stderr, "write failed after %lu bytes: %s\n", total, errno == EFBIG ? "EFBIG" : strerror(errno));
            return 1;
        }
        total += (unsigned long) n;
    }
}
