/* Parallel speed-up probe: N threads (argument, default 4) each run the same compute-bound loop;
 * prints the simulated time of the parallel phase, read with clock_gettime, so runs on 1, 2 and 4
 * cores can be compared. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

#define ITERATIONS 2000000

static unsigned long results[16];

static void *work(void *arg) {
    long id = (long) arg;
    unsigned long x = 88172645463325252UL + id;
    for (long i = 0; i < ITERATIONS; i++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
    }
    results[id] = x;
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : 4;
    if (threads < 1 || threads > 16) {
        threads = 4;
    }
    pthread_t t[16];
    struct timespec a, b;
    clock_gettime(CLOCK_MONOTONIC, &a);
    for (long i = 0; i < threads; i++) {
        pthread_create(&t[i], NULL, work, (void *) i);
    }
    unsigned long mix = 0;
    for (int i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
        mix += results[i];
    }
    clock_gettime(CLOCK_MONOTONIC, &b);
    double us = (b.tv_sec - a.tv_sec) * 1e6 + (b.tv_nsec - a.tv_nsec) / 1e3;
    printf("threads %d parallel phase %.1f us checksum %lx\n", threads, us, mix);
    return 0;
}
