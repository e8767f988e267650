/*
 * Memory-latency probe: chases pointers through a random cycle of 64-byte lines for working sets
 * from 4 KiB up to MAX KiB (argv[1], default 262144 = 256 MiB) and prints ns per load, measured
 * with clock_gettime. The curve steps at each level: L1, L2, local DRAM (an ExCache hit on the
 * split machine) and, beyond the ExCache, remote memory across the fabric.
 */
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define LINE 64

static double now_ns(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e9 + t.tv_nsec;
}

int main(int argc, char **argv) {
    long max_kib = argc > 1 ? atol(argv[1]) : 262144;
    long loads = argc > 2 ? atol(argv[2]) : 200000;
    char *mem = malloc((size_t) max_kib * 1024);
    long *order = malloc((size_t) max_kib * 1024 / LINE * sizeof(long));
    if (!mem || !order) {
        fprintf(stderr, "latency: out of memory\n");
        return 1;
    }
    unsigned long seed = 42;
    printf("%12s %12s\n", "working set", "ns/load");
    for (long kib = 4; kib <= max_kib; kib *= 2) {
        long n = kib * 1024 / LINE;
        /* A random single cycle through the n lines (Sattolo's shuffle). */
        for (long i = 0; i < n; i++) order[i] = i;
        for (long i = n - 1; i > 0; i--) {
            seed = seed * 6364136223846793005UL + 1442695040888963407UL;
            long j = (long) ((seed >> 33) % (unsigned long) i);
            long t = order[i]; order[i] = order[j]; order[j] = t;
        }
        for (long i = 0; i < n; i++) *(void **) (mem + order[i] * LINE) = mem + order[(i + 1) % n] * LINE;
        void **p = (void **) mem;
        for (long i = 0; i < n; i++) p = (void **) *p; /* warm up: one lap */
        long steps = loads / 8;
        double start = now_ns();
        for (long i = 0; i < steps; i++) {
            p = (void **) *p; p = (void **) *p; p = (void **) *p; p = (void **) *p;
            p = (void **) *p; p = (void **) *p; p = (void **) *p; p = (void **) *p;
        }
        double ns = (now_ns() - start) / (steps * 8);
        printf("%9ld KiB %12.2f%s\n", kib, ns, p == 0 ? "!" : "");
    }
    return 0;
}
