/* Parallel reduction: four threads sum slices of an array into one total under a mutex. */
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

#define THREADS 4
#define N 400000
#define CHUNK 1000

static long data[N];
static long total;
static long chunks_done;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;

static void *worker(void *arg) {
    long id = (long) arg;
    for (long start = id * CHUNK; start < N; start += THREADS * CHUNK) {
        long sum = 0;
        for (long i = start; i < start + CHUNK && i < N; i++) {
            sum += data[i] * (i % 7 + 1);
        }
        pthread_mutex_lock(&lock);
        total += sum;
        chunks_done++;
        pthread_mutex_unlock(&lock);
    }
    return (void *) (id * 10);
}

int main(void) {
    unsigned long s = 42;
    long expect = 0;
    for (long i = 0; i < N; i++) {
        s = s * 6364136223846793005UL + 1442695040888963407UL;
        data[i] = (long) (s >> 40) - (1L << 23);
        expect += data[i] * (i % 7 + 1);
    }
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++) {
        if (pthread_create(&t[i], NULL, worker, (void *) i) != 0) {
            puts("pthread_create failed");
            return 1;
        }
    }
    long joined = 0;
    for (int i = 0; i < THREADS; i++) {
        void *r;
        pthread_join(t[i], &r);
        joined += (long) r;
    }
    printf("total %ld expected %ld chunks %ld join values %ld\n", total, expect, chunks_done, joined);
    return total == expect ? 0 : 3;
}
