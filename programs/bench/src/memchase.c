/* Memory-bound: pointer chasing through a random cycle over 32 MiB, then streaming sums. ~0.65 billion instructions. */
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    enum { N = 4 * 1024 * 1024 };
    long *next = malloc(N * sizeof(long));
    for (long i = 0; i < N; i++) next[i] = i;
    unsigned long s = 12345;
    for (long i = N - 1; i > 0; i--) {
        s = s * 6364136223846793005UL + 1442695040888963407UL;
        long j = (long) ((s >> 33) % (unsigned long) (i + 1));
        long t = next[i]; next[i] = next[j]; next[j] = t;
    }
    long p = 0, steps = 0;
    for (long k = 0; k < 30000000; k++) { p = next[p]; steps += p & 1; }
    unsigned long sum = 0;
    for (int r = 0; r < 16; r++)
        for (long i = 0; i < N; i++) sum += (unsigned long) next[i] ^ (unsigned long) r;
    printf("chase end %ld odd %ld stream %lu\n", p, steps, sum);
    return 0;
}
