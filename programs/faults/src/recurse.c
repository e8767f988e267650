/* Recurses without end: the stack area (8 MiB, Linux's default limit) runs out and the guest gets SIGSEGV. */
#include <stdio.h>

static long depth(volatile long *below, long n) {
    volatile long frame[64];
    frame[0] = n;
    frame[63] = below ? *below : 0;
    return depth(frame, n + 1) + frame[0];
}

int main(void) {
    printf("recursing\n");
    fflush(stdout);
    return (int) depth(0, 0);
}
