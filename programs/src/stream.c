/* Streaming: sweeps a 2 MiB array with reads and writes, several times; the ExCache-size curves use it. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    enum { N = 256 * 1024 };
    long *a = malloc(N * sizeof(long));
    for (long i = 0; i < N; i++) a[i] = i * 3;
    unsigned long sum = 0;
    for (int pass = 0; pass < 4; pass++) {
        for (long i = 0; i < N; i++) {
            sum += (unsigned long) a[i];
            a[i] = (long) (sum ^ (unsigned long) i);
        }
    }
    printf("stream sum %lu last %ld\n", sum, a[N - 1]);
    return 0;
}
