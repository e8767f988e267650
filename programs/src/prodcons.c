/* Producers and consumers over a bounded buffer guarded by a mutex and two condition variables. */
#include <pthread.h>
#include <stdio.h>

#define PRODUCERS 2
#define CONSUMERS 3
#define ITEMS 20000
#define SLOTS 16

static long buffer[SLOTS];
static int head, tail, count;
static int producers_left = PRODUCERS;
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t not_full = PTHREAD_COND_INITIALIZER;
static pthread_cond_t not_empty = PTHREAD_COND_INITIALIZER;
static long consumed_sum[CONSUMERS], consumed_count[CONSUMERS];

static void *producer(void *arg) {
    long id = (long) arg;
    for (long i = 0; i < ITEMS; i++) {
        long item = id * 1000000 + i;
        pthread_mutex_lock(&lock);
        while (count == SLOTS) {
            pthread_cond_wait(&not_full, &lock);
        }
        buffer[tail] = item;
        tail = (tail + 1) % SLOTS;
        count++;
        pthread_cond_signal(&not_empty);
        pthread_mutex_unlock(&lock);
    }
    pthread_mutex_lock(&lock);
    producers_left--;
    pthread_cond_broadcast(&not_empty);
    pthread_mutex_unlock(&lock);
    return NULL;
}

static void *consumer(void *arg) {
    long id = (long) arg;
    for (;;) {
        pthread_mutex_lock(&lock);
        while (count == 0 && producers_left > 0) {
            pthread_cond_wait(&not_empty, &lock);
        }
        if (count == 0) {
            pthread_mutex_unlock(&lock);
            return NULL;
        }
        long item = buffer[head];
        head = (head + 1) % SLOTS;
        count--;
        pthread_cond_signal(&not_full);
        pthread_mutex_unlock(&lock);
        consumed_sum[id] += item;
        consumed_count[id]++;
    }
}

int main(void) {
    pthread_t p[PRODUCERS], c[CONSUMERS];
    for (long i = 0; i < CONSUMERS; i++) {
        pthread_create(&c[i], NULL, consumer, (void *) i);
    }
    for (long i = 0; i < PRODUCERS; i++) {
        pthread_create(&p[i], NULL, producer, (void *) i);
    }
    for (int i = 0; i < PRODUCERS; i++) {
        pthread_join(p[i], NULL);
    }
    long sum = 0, n = 0;
    for (int i = 0; i < CONSUMERS; i++) {
        pthread_join(c[i], NULL);
        sum += consumed_sum[i];
        n += consumed_count[i];
    }
    long expect = 0;
    for (long id = 0; id < PRODUCERS; id++) {
        for (long i = 0; i < ITEMS; i++) {
            expect += id * 1000000 + i;
        }
    }
    printf("consumed %ld items, sum %ld (expected %d items, sum %ld)\n", n, sum, PRODUCERS * ITEMS, expect);
    return sum == expect && n == PRODUCERS * ITEMS ? 0 : 3;
}
