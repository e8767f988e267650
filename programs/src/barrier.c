/* Four threads relax a 1-D grid in phases separated by a barrier; each phase's checksum is printed
 * by the thread the barrier elects. */
#include <pthread.h>
#include <stdio.h>

#define THREADS 4
#define CELLS 4096
#define PHASES 12

static double grid[2][CELLS];
static pthread_barrier_t barrier;
static double checksums[PHASES];
static int serial_threads;

static void *worker(void *arg) {
    long id = (long) arg;
    int lo = id * (CELLS / THREADS), hi = lo + CELLS / THREADS;
    for (int phase = 0; phase < PHASES; phase++) {
        const double *from = grid[phase & 1];
        double *to = grid[(phase + 1) & 1];
        for (int i = lo; i < hi; i++) {
            double left = i > 0 ? from[i - 1] : 0.0, right = i < CELLS - 1 ? from[i + 1] : 0.0;
            to[i] = 0.25 * left + 0.5 * from[i] + 0.25 * right;
        }
        if (pthread_barrier_wait(&barrier) == PTHREAD_BARRIER_SERIAL_THREAD) {
            double s = 0;
            for (int i = 0; i < CELLS; i++) {
                s += to[i] * (i % 13 + 1);
            }
            checksums[phase] = s;
            serial_threads++;
        }
        pthread_barrier_wait(&barrier);
    }
    return NULL;
}

int main(void) {
    for (int i = 0; i < CELLS; i++) {
        grid[0][i] = (i * 37 % 101) / 10.0;
    }
    pthread_barrier_init(&barrier, NULL, THREADS);
    pthread_t t[THREADS];
    for (long i = 0; i < THREADS; i++) {
        pthread_create(&t[i], NULL, worker, (void *) i);
    }
    for (int i = 0; i < THREADS; i++) {
        pthread_join(t[i], NULL);
    }
    for (int p = 0; p < PHASES; p++) {
        printf("phase %2d checksum %.6f\n", p, checksums[p]);
    }
    printf("serial threads %d\n", serial_threads);
    pthread_barrier_destroy(&barrier);
    return 0;
}
