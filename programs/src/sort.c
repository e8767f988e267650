/* qsort and a hand-written merge sort over a seeded pseudo-random array; prints checksums. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define N 200000

static unsigned long state = 12345;

static unsigned long next(void) {
    state = state * 6364136223846793005UL + 1442695040888963407UL;
    return state >> 17;
}

static int cmp(const void *a, const void *b) {
    long x = *(const long *) a, y = *(const long *) b;
    return (x > y) - (x < y);
}

static void merge_sort(long *a, long *tmp, int n) {
    if (n < 2) {
        return;
    }
    int h = n / 2;
    merge_sort(a, tmp, h);
    merge_sort(a + h, tmp, n - h);
    int i = 0, j = h, k = 0;
    while (i < h && j < n) {
        tmp[k++] = a[i] <= a[j] ? a[i++] : a[j++];
    }
    while (i < h) tmp[k++] = a[i++];
    while (j < n) tmp[k++] = a[j++];
    memcpy(a, tmp, n * sizeof(long));
}

int main(void) {
    long *a = malloc(N * sizeof(long)), *b = malloc(N * sizeof(long)), *t = malloc(N * sizeof(long));
    for (int i = 0; i < N; i++) {
        a[i] = b[i] = (long) (next() % 1000000) - 500000;
    }
    qsort(a, N, sizeof(long), cmp);
    merge_sort(b, t, N);
    unsigned long h = 0;
    for (int i = 0; i < N; i++) {
        if (a[i] != b[i] || (i > 0 && a[i - 1] > a[i])) {
            printf("mismatch at %d\n", i);
            return 1;
        }
        h = h * 1000003 + (unsigned long) a[i];
    }
    printf("sorted %d values: min %ld max %ld median %ld hash %lx\n", N, a[0], a[N - 1], a[N / 2], h);
    return 0;
}
