/*
 * Allocates without end. "touch" (the default) writes every page it gets, so the machine's memory
 * or the host's budget runs out: the guest ends with SIGBUS. "untouched" only allocates, so the
 * address space or the mapping count runs out first: malloc returns NULL and the program says how
 * far it got and exits 1.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    int touch = argc < 2 || strcmp(argv[1], "untouched") != 0;
    size_t chunk = 1 << 20;
    unsigned long mib = 0;
    for (;;) {
        char *p = malloc(chunk);
        if (p == NULL) {
            printf("malloc failed after %lu MiB\n", mib);
            return 1;
        }
        if (touch) {
            for (size_t i = 0; i < chunk; i += 4096) {
                p[i] = (char) i;
            }
        }
        mib++;
        if (touch && mib % 64 == 0) {
            printf("%lu MiB\n", mib);
            fflush(stdout);
        }
    }
}
