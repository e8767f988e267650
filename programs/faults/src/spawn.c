/*
 * Creates up to N threads (argument, default 100000) that each wait for ever, until
 * pthread_create fails: past the thread limit that is EAGAIN, which the program prints with the
 * count it reached before it exits 0.
 */
#include <errno.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static pthread_mutex_t never = PTHREAD_MUTEX_INITIALIZER;

static void *wait_for_ever(void *arg) {
    (void) arg;
    pthread_mutex_lock(&never);
    return NULL;
}

int main(int argc, char **argv) {
    long n = argc > 1 ? atol(argv[1]) : 100000;
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, 64 * 1024);
    pthread_mutex_lock(&never);
    for (long i = 0; i < n; i++) {
        pthread_t t;
        int r = pthread_create(&t, &attr, wait_for_ever, NULL);
        if (r != 0) {
            printf("pthread_create failed after %ld threads: %s\n", i, r == EAGAIN ? "EAGAIN" : strerror(r));
            return 0;
        }
    }
    printf("created %ld threads\n", n);
    return 0;
}
