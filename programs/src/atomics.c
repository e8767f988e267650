/* C11 atomics across four threads: fetch-add, compare-exchange loops, an atomic_flag spin lock and
 * thread-local storage. */
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>

#define THREADS 4
#define ROUNDS 50000

static atomic_long counter;
static atomic_long maximum;
static _Atomic unsigned int bits;
static atomic_flag spin = ATOMIC_FLAG_INIT;
static long guarded;
static _Thread_local long mine = 100;
static long tls_seen[THREADS];

static void *worker(void *arg) {
    long id = (long) arg;
    mine += id;
    for (long i = 0; i < ROUNDS; i++) {
        atomic_fetch_add_explicit(&counter, 1, memory_order_relaxed);
        long candidate = (i * 7919 + id * 104729) % 1000003;
        long seen = atomic_load(&maximum);
        while (candidate > seen && !atomic_compare_exchange_weak(&maximum, &seen, candidate)) {
        }
        if (i % 64 == 0) {
            while (atomic_flag_test_and_set_explicit(&spin, memory_order_acquire)) {
            }
            guarded += id + 1;
            atomic_flag_clear_explicit(&spin, memory_order_release);
        }
    }
    atomic_fetch_or(&bits, 1u << id);
    tls_seen[id] = mine;
    return NULL;
}

int main(void) {
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++) {
        pthread_create(&t[i], NULL, worker, (void *) i);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
    }
    printf("counter %ld (expected %d)\n", atomic_load(&counter), THREADS * ROUNDS);
    printf("maximum %ld\n", atomic_load(&maximum));
    printf("bits %#x\n", atomic_load(&bits));
    printf("guarded %ld\n", guarded);
    printf("thread-local:");
    for (int i = 0; i < THREADS; i++) {
        printf(" %ld", tls_seen[i]);
    }
    printf("; main still sees %ld\n", mine);
    return 0;
}
