/* Time across threads: sleeps and timed condition waits run on simulated time, a thread has its
 * own id, and sched_yield and sched_getaffinity answer. */
#define _GNU_SOURCE
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdio.h>
#include <sys/syscall.h>
#include <time.h>
#include <unistd.h>

static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t cond = PTHREAD_COND_INITIALIZER;
static int flag;
static long child_tid;

static long ms_between(const struct timespec *a, const struct timespec *b) {
    return (b->tv_sec - a->tv_sec) * 1000 + (b->tv_nsec - a->tv_nsec) / 1000000;
}

static void *signaler(void *arg) {
    (void) arg;
    child_tid = syscall(SYS_gettid);
    struct timespec nap = {0, 1000000};
    nanosleep(&nap, NULL);
    for (int i = 0; i < 10; i++) {
        sched_yield();
    }
    pthread_mutex_lock(&lock);
    flag = 1;
    pthread_cond_signal(&cond);
    pthread_mutex_unlock(&lock);
    return NULL;
}

int main(void) {
    struct timespec t0, t1, deadline;
    clock_gettime(CLOCK_MONOTONIC, &t0);
    struct timespec nap = {0, 2000000};
    nanosleep(&nap, NULL);
    clock_gettime(CLOCK_MONOTONIC, &t1);
    printf("nanosleep 2 ms: at least 2 ms passed: %s\n", ms_between(&t0, &t1) >= 2 ? "yes" : "no");

    clock_gettime(CLOCK_REALTIME, &t0);
    deadline = t0;
    deadline.tv_nsec += 5000000;
    if (deadline.tv_nsec >= 1000000000) {
        deadline.tv_sec++;
        deadline.tv_nsec -= 1000000000;
    }
    pthread_mutex_lock(&lock);
    int r = pthread_cond_timedwait(&cond, &lock, &deadline);
    pthread_mutex_unlock(&lock);
    clock_gettime(CLOCK_REALTIME, &t1);
    printf("timed wait with nobody to signal: %s, at least 5 ms passed: %s\n",
           r == ETIMEDOUT ? "ETIMEDOUT" : "woken", ms_between(&t0, &t1) >= 5 ? "yes" : "no");

    pthread_t t;
    pthread_create(&t, NULL, signaler, NULL);
    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec += 10;
    pthread_mutex_lock(&lock);
    r = 0;
    while (!flag && r == 0) {
        r = pthread_cond_timedwait(&cond, &lock, &deadline);
    }
    pthread_mutex_unlock(&lock);
    pthread_join(t, NULL);
    printf("timed wait with a signaler: %s\n", flag && r == 0 ? "signaled" : "timed out");
    printf("thread id differs from the process id: %s\n", child_tid != getpid() && child_tid > 0 ? "yes" : "no");

    cpu_set_t set;
    CPU_ZERO(&set);
    printf("sched_getaffinity: %s\n", sched_getaffinity(0, sizeof set, &set) == 0 && CPU_COUNT(&set) >= 1 ? "ok" : "failed");
    printf("sched_yield: %d\n", sched_yield());
    return 0;
}
