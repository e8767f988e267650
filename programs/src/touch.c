/* Creates each file named on the command line (O_CREAT) and writes its name into it; prints each
 * name with "ok" or the error. Without arguments it does nothing. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        int fd = open(argv[i], O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (fd < 0) {
            printf("%s: %s\n", argv[i], strerror(errno));
            continue;
        }
        write(fd, argv[i], strlen(argv[i]));
        close(fd);
        printf("%s: ok\n", argv[i]);
    }
    return 0;
}
