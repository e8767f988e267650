/* Blocked matrix multiply C = A x B (doubles) split over four threads by rows of blocks. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define N 128
#define BLOCK 32
#define THREADS 4

static double a[N][N], b[N][N], c[N][N];

static void *worker(void *arg) {
    long id = (long) arg;
    for (int ii = id * BLOCK; ii < N; ii += THREADS * BLOCK) {
        for (int kk = 0; kk < N; kk += BLOCK) {
            for (int jj = 0; jj < N; jj += BLOCK) {
                for (int i = ii; i < ii + BLOCK && i < N; i++) {
                    for (int k = kk; k < kk + BLOCK && k < N; k++) {
                        double x = a[i][k];
                        for (int j = jj; j < jj + BLOCK && j < N; j++) {
                            c[i][j] += x * b[k][j];
                        }
                    }
                }
            }
        }
    }
    return NULL;
}

int main(int argc, char **argv) {
    int threads = argc > 1 ? atoi(argv[1]) : THREADS;
    if (threads < 1 || threads > THREADS) {
        threads = THREADS;
    }
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            a[i][j] = (i * 3 + j * 7) % 17 - 8;
            b[i][j] = (i * 5 + j * 11) % 19 - 9;
        }
    }
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++) {
        if (i < threads) {
            pthread_create(&t[i], NULL, worker, (void *) i);
        }
    }
    /* With fewer threads than slices, the leftover slices run on the threads already made. */
    for (long i = threads; i < THREADS; i++) {
        worker((void *) i);
    }
    for (long i = 0; i < threads; i++) {
        pthread_join(t[i], NULL);
    }
    double trace = 0, sum = 0;
    for (int i = 0; i < N; i++) {
        trace += c[i][i];
        for (int j = 0; j < N; j++) {
            sum += c[i][j] * ((i + j) % 3 - 1);
        }
    }
    printf("matmul %dx%d with %d threads: trace %.1f weighted sum %.1f\n", N, N, threads, trace, sum);
    return 0;
}
