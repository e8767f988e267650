/*
 * Wall-clock time as a program sees it: time(), gettimeofday and CLOCK_REALTIME agree, read a date
 * that is not 1970, and advance with the other clocks; absolute sleeps and timed waits on the
 * realtime clock end when it reaches their deadline. Only properties are printed, never the time
 * itself (it differs between machines); "clock show" prints the date and time, for the tests.
 */
#include <pthread.h>
#include <stdlib.h>
#include <stdio.h>
#include <string.h>
#include <sys/time.h>
#include <time.h>

static long long ns(struct timespec t) {
    return t.tv_sec * 1000000000LL + t.tv_nsec;
}

static long long now(clockid_t c) {
    struct timespec t;
    clock_gettime(c, &t);
    return ns(t);
}

static void check(const char *what, int ok) {
    printf("%-52s %s\n", what, ok ? "yes" : "NO");
}

int main(int argc, char **argv) {
    if (argc > 1 && strcmp(argv[1], "show") == 0) {
        time_t t = time(NULL);
        char text[64];
        strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", gmtime(&t));
        printf("%s %lld\n", text, (long long) t);
        return 0;
    }
    time_t t0 = time(NULL);
    struct timeval tv;
    gettimeofday(&tv, NULL);
    long long real = now(CLOCK_REALTIME);
    check("time() is after 2025-12-31", t0 >= 1767139200);
    check("time() and CLOCK_REALTIME agree within a second", real / 1000000000LL - t0 <= 1);
    check("gettimeofday and CLOCK_REALTIME agree within a second",
          real / 1000000000LL - tv.tv_sec <= 1 && real / 1000000000LL >= tv.tv_sec);
    check("the coarse realtime clock is near the fine one",
          llabs(now(CLOCK_REALTIME_COARSE) - now(CLOCK_REALTIME)) < 100000000LL);
    struct tm tm;
    gmtime_r(&t0, &tm);
    check("gmtime's year is 2026 or later", tm.tm_year + 1900 >= 2026);
    localtime_r(&t0, &tm);
    check("localtime (TZ unset: UTC) has the same year", tm.tm_year + 1900 >= 2026);

    long long r1 = now(CLOCK_REALTIME), m1 = now(CLOCK_MONOTONIC);
    struct timespec nap = {0, 20000000};
    nanosleep(&nap, NULL);
    long long r2 = now(CLOCK_REALTIME), m2 = now(CLOCK_MONOTONIC);
    check("realtime advanced by the 20 ms slept", r2 - r1 >= 20000000LL && r2 - r1 < 5000000000LL);
    check("realtime and monotonic advanced alike", llabs((r2 - r1) - (m2 - m1)) < 5000000LL);

    struct timespec deadline;
    clock_gettime(CLOCK_REALTIME, &deadline);
    long long target = ns(deadline) + 30000000LL;
    deadline.tv_sec = target / 1000000000LL;
    deadline.tv_nsec = target % 1000000000LL;
    int rc = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &deadline, NULL);
    check("an absolute realtime sleep ends at its deadline", rc == 0 && now(CLOCK_REALTIME) >= target);

    pthread_mutex_t mu = PTHREAD_MUTEX_INITIALIZER;
    pthread_cond_t cv = PTHREAD_COND_INITIALIZER;
    clock_gettime(CLOCK_REALTIME, &deadline);
    target = ns(deadline) + 25000000LL;
    deadline.tv_sec = target / 1000000000LL;
    deadline.tv_nsec = target % 1000000000LL;
    pthread_mutex_lock(&mu);
    rc = pthread_cond_timedwait(&cv, &mu, &deadline);
    pthread_mutex_unlock(&mu);
    check("a timed wait on the realtime clock times out then", rc != 0 && now(CLOCK_REALTIME) >= target);

    clock_gettime(CLOCK_REALTIME, &deadline);
    deadline.tv_sec -= 10;
    rc = clock_nanosleep(CLOCK_REALTIME, TIMER_ABSTIME, &deadline, NULL);
    check("an absolute sleep to a past time returns at once", rc == 0);
    return 0;
}
