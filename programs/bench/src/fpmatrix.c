/* Floating point: a blocked double-precision matrix multiply and an n-body step loop. ~0.55 billion instructions. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

#define M 200

int main(void) {
    static double a[M][M], b[M][M], c[M][M];
    for (int i = 0; i < M; i++)
        for (int j = 0; j < M; j++) { a[i][j] = (i * 7 + j) % 13 / 13.0; b[i][j] = (i + j * 3) % 17 / 17.0; }
    for (int rep = 0; rep < 8; rep++)
        for (int i = 0; i < M; i++)
            for (int k = 0; k < M; k++) {
                double aik = a[i][k];
                for (int j = 0; j < M; j++) c[i][j] += aik * b[k][j];
            }
    double trace = 0;
    for (int i = 0; i < M; i++) trace += c[i][i];
    enum { B = 32 };
    double px[B], py[B], vx[B] = {0}, vy[B] = {0};
    for (int i = 0; i < B; i++) { px[i] = cos(i * 0.7) * (1 + i); py[i] = sin(i * 0.7) * (1 + i); }
    for (int step = 0; step < 4000; step++) {
        for (int i = 0; i < B; i++) {
            double fx = 0, fy = 0;
            for (int j = 0; j < B; j++) {
                if (i == j) continue;
                double dx = px[j] - px[i], dy = py[j] - py[i];
                double r2 = dx * dx + dy * dy + 0.01;
                double inv = 1.0 / (r2 * sqrt(r2));
                fx += dx * inv; fy += dy * inv;
            }
            vx[i] += fx * 0.001; vy[i] += fy * 0.001;
        }
        for (int i = 0; i < B; i++) { px[i] += vx[i] * 0.001; py[i] += vy[i] * 0.001; }
    }
    printf("trace %.6f body0 %.9f %.9f\n", trace, px[0], py[0]);
    return 0;
}
