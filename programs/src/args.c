/* argv, the environment, stdin and the exit status all cross the process monitor. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(int argc, char **argv) {
    printf("argc=%d\n", argc);
    for (int i = 1; i < argc; i++) {
        printf("argv[%d]=%s\n", i, argv[i]);
    }
    const char *greeting = getenv("GREETING");
    printf("GREETING=%s\n", greeting ? greeting : "(unset)");
    unsigned long sum = 0, lines = 0, bytes = 0;
    int c;
    while ((c = getchar()) != EOF) {
        sum = sum * 31 + (unsigned char) c;
        bytes++;
        if (c == '\n') {
            lines++;
        }
    }
    printf("stdin: %lu bytes, %lu lines, checksum %lu\n", bytes, lines, sum);
    fprintf(stderr, "done\n");
    return (int) (lines % 7) + 3;
}
