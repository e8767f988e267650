/*
 * Branch probe: the same loop over a predictable pattern and over random bits. The difference in
 * ns per branch is the mispredict penalty times the rate of mispredictions.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

static long run(const unsigned char *bits, long n, double *ns) {
    long a = 0, b = 0;
    double start = now_ns();
    for (long i = 0; i < n; i++) {
        if (bits[i]) {
            a += i;
        } else {
            b ^= i;
        }
    }
    *ns = (now_ns() - start) / n;
    return a + b;
}

int main(void) {
    enum { N = 200000 };
    static unsigned char same[N], random[N];
    unsigned long seed = 7;
    for (long i = 0; i < N; i++) {
        same[i] = 1;
        seed = seed * 6364136223846793005UL + 1442695040888963407UL;
        random[i] = (seed >> 40) & 1;
    }
    double p, r;
    long x = run(same, N, &p);
    long y = run(random, N, &r);
    printf("predictable %.3f ns/branch\nrandom      %.3f ns/branch\npenalty     %.3f ns per random branch (%ld %ld)\n",
           p, r, r - p, x & 1, y & 1);
    return 0;
}
