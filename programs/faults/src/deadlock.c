/* Locks a normal mutex twice: the thread blocks for ever, and the machine says so. */
#include <pthread.h>
#include <stdio.h>

int main(void) {
    pthread_mutex_t m = PTHREAD_MUTEX_INITIALIZER;
    pthread_mutex_lock(&m);
    puts("locked once; locking again");
    fflush(stdout);
    pthread_mutex_lock(&m);
    puts("not reached");
    return 0;
}
