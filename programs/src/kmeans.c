/* Phoenix-style k-means: points in D dimensions, K clusters, the assignment step split over the
 * threads by points. Each thread sums its own points into its own partial centroids, and the main
 * thread adds the partials in thread order, so the result does not depend on scheduling. Every
 * iteration streams the whole point set, unlike the CNN's reuse of recent tensors.
 *
 * kmeans [-n POINTS] [-d DIMS] [-k CLUSTERS] [-i ITERATIONS] [-t THREADS]
 * The working set is POINTS * DIMS * 4 bytes of points plus 4 bytes per point of assignment.
 */
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MAX_THREADS 8
#define MAX_K 64

static int points = 16384, dims = 16, clusters = 8, iterations = 5, threads = 4;
static float *data, *centers;
static int *owner;

typedef struct {
    int lo, hi;
    double *sums;
    long counts[MAX_K];
    long moved;
    double error;
} part_t;

static uint64_t rng = 0x9e3779b97f4a7c15ULL;

static uint32_t next_random(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t) (rng >> 11);
}

static void *take(size_t count, size_t size) {
    void *p = calloc(count, size);
    if (p == NULL) {
        fprintf(stderr, "kmeans: out of memory\n");
        exit(1);
    }
    return p;
}

static void *assign(void *arg) {
    part_t *p = arg;
    memset(p->sums, 0, sizeof(double) * clusters * dims);
    memset(p->counts, 0, sizeof(p->counts));
    p->moved = 0;
    p->error = 0.0;
    for (int i = p->lo; i < p->hi; i++) {
        const float *x = data + (size_t) i * dims;
        int best = 0;
        float nearest = 0.0f;
        for (int c = 0; c < clusters; c++) {
            const float *m = centers + (size_t) c * dims;
            float d = 0.0f;
            for (int j = 0; j < dims; j++) {
                float e = x[j] - m[j];
                d += e * e;
            }
            if (c == 0 || d < nearest) {
                nearest = d;
                best = c;
            }
        }
        if (owner[i] != best) {
            owner[i] = best;
            p->moved++;
        }
        p->error += nearest;
        p->counts[best]++;
        double *s = p->sums + (size_t) best * dims;
        for (int j = 0; j < dims; j++) {
            s[j] += x[j];
        }
    }
    return NULL;
}

static int usage(void) {
    fprintf(stderr, "usage: kmeans [-n POINTS] [-d DIMS] [-k CLUSTERS] [-i ITERATIONS] [-t THREADS]\n");
    return 2;
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc || argv[i][0] != '-') {
            return usage();
        }
        int v = atoi(argv[++i]);
        switch (argv[i - 1][1]) {
        case 'n': points = v; break;
        case 'd': dims = v; break;
        case 'k': clusters = v; break;
        case 'i': iterations = v; break;
        case 't': threads = v; break;
        default: return usage();
        }
    }
    if (points < 1 || dims < 1 || dims > 1024 || clusters < 1 || clusters > MAX_K || clusters > points
        || iterations < 0 || threads < 1 || threads > MAX_THREADS) {
        return usage();
    }
    data = take((size_t) points * dims, sizeof(float));
    owner = take(points, sizeof(int));
    centers = take((size_t) clusters * dims, sizeof(float));
    /* Points scattered around hidden centres, so the clusters are there to be found. */
    float hidden[MAX_K][64];
    for (int c = 0; c < clusters; c++) {
        for (int j = 0; j < 64; j++) {
            hidden[c][j] = (float) (next_random() % 2000) / 10.0f - 100.0f;
        }
    }
    for (int i = 0; i < points; i++) {
        int c = next_random() % clusters;
        for (int j = 0; j < dims; j++) {
            data[(size_t) i * dims + j] = hidden[c][j % 64] + (float) (next_random() % 4000) / 100.0f - 20.0f;
        }
        owner[i] = -1;
    }
    for (int c = 0; c < clusters; c++) {
        memcpy(centers + (size_t) c * dims, data + (size_t) c * (points / clusters) * dims, sizeof(float) * dims);
    }
    part_t parts[MAX_THREADS];
    pthread_t tid[MAX_THREADS];
    for (int t = 0; t < threads; t++) {
        parts[t].lo = (int) ((long) points * t / threads);
        parts[t].hi = (int) ((long) points * (t + 1) / threads);
        parts[t].sums = take((size_t) clusters * dims, sizeof(double));
    }
    for (int it = 0; it < iterations; it++) {
        for (int t = 1; t < threads; t++) {
            pthread_create(&tid[t], NULL, assign, &parts[t]);
        }
        assign(&parts[0]);
        for (int t = 1; t < threads; t++) {
            pthread_join(tid[t], NULL);
        }
        long moved = 0;
        double error = 0.0;
        for (int c = 0; c < clusters; c++) {
            long count = 0;
            for (int t = 0; t < threads; t++) {
                count += parts[t].counts[c];
            }
            for (int j = 0; j < dims; j++) {
                double s = 0.0;
                for (int t = 0; t < threads; t++) {
                    s += parts[t].sums[(size_t) c * dims + j];
                }
                if (count > 0) {
                    centers[(size_t) c * dims + j] = (float) (s / count);
                }
            }
        }
        for (int t = 0; t < threads; t++) {
            moved += parts[t].moved;
            error += parts[t].error;
        }
        printf("iteration %d moved %ld error %.6e\n", it, moved, error / points);
        fflush(stdout);
    }
    for (int c = 0; c < clusters; c++) {
        printf("center %d:", c);
        for (int j = 0; j < dims && j < 4; j++) {
            printf(" %.4f", centers[(size_t) c * dims + j]);
        }
        printf("\n");
    }
    return 0;
}
