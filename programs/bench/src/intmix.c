/* Integer work: a sieve, an FNV/xorshift hash loop and an insertion-heavy table. ~0.75 billion instructions. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int main(void) {
    enum { N = 4000000 };
    char *composite = calloc(N, 1);
    long primes = 0;
    for (long i = 2; i < N; i++) {
        if (!composite[i]) {
            primes++;
            for (long j = i * i; j < N; j += i) composite[j] = 1;
        }
    }
    unsigned long h = 1469598103934665603UL, x = 88172645463325252UL;
    for (long i = 0; i < 50000000; i++) {
        x ^= x << 13; x ^= x >> 7; x ^= x << 17;
        h = (h ^ (x & 0xff)) * 1099511628211UL;
    }
    unsigned table[4096] = {0};
    for (long i = 0; i < 14000000; i++) {
        unsigned k = (unsigned) (i * 2654435761u) >> 20;
        table[k] += (unsigned) i;
    }
    unsigned long t = 0;
    for (int i = 0; i < 4096; i++) t = t * 31 + table[i];
    printf("primes %ld hash %lx table %lx\n", primes, h, t);
    return 0;
}
