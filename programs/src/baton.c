/* A hundred threads, created in reverse, pass a baton in order through one condition variable:
 * many more threads than cores, each blocking and waking many times. */
#include <pthread.h>
#include <stdio.h>
#include <stdatomic.h>
static atomic_long sum;
static pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
static int turn;
static void *w(void *a) {
    long id = (long) a;
    pthread_mutex_lock(&m);
    while (turn != id) pthread_cond_wait(&cv, &m);
    turn++;
    pthread_cond_broadcast(&cv);
    pthread_mutex_unlock(&m);
    atomic_fetch_add(&sum, id);
    return 0;
}
int main(void) {
    pthread_t t[100];
    for (long i = 99; i >= 0; i--) pthread_create(&t[i], 0, w, (void *) i);
    for (int i = 0; i < 100; i++) pthread_join(t[i], 0);
    printf("sum %ld turn %d\n", (long) sum, turn);
    return 0;
}
