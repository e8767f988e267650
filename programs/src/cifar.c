/* A CIFAR-10-like CNN trained with plain SGD, in the shape of TensorFlow's CIFAR-10 tutorial model:
 * conv 5x5 -> ReLU -> max-pool 3x3/2 -> conv 5x5 -> ReLU -> max-pool 3x3/2 -> fc 384 -> ReLU ->
 * fc 192 -> ReLU -> fc 10 -> softmax cross-entropy. Convolutions are im2col + GEMM; every GEMM is
 * split over the threads by output rows, so each output element is summed in one fixed order and
 * the result does not depend on how threads are scheduled. The images are synthetic (each class a
 * colour, a stripe frequency and noise, from a fixed seed), so the loss falls as the model learns.
 *
 * cifar [-b BATCH] [-n IMAGES] [-s STEPS] [-c CHANNELS] [-t THREADS]
 * Every tensor of a step is kept for the backward pass, as TensorFlow keeps them, so the working
 * set grows with the batch: about 0.75 MiB per image with 16 channels.
 */
#include <math.h>
#include <pthread.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SIDE 32
#define CROP 24
#define CLASSES 10
#define K5 25
#define FC3 384
#define FC4 192
#define MAX_THREADS 8

static int batch = 16, images = 64, steps = 4, chans = 16, threads = 4;

static uint64_t rng = 0x2545f4914f6cdd1dULL;

static uint32_t next_random(void) {
    rng ^= rng << 13;
    rng ^= rng >> 7;
    rng ^= rng << 17;
    return (uint32_t) (rng >> 11);
}

/* A uniform float in [-1, 1). */
static float uniform(void) {
    return (float) (next_random() & 0xffffff) / 8388608.0f - 1.0f;
}

static void *take(size_t count, size_t size) {
    void *p = calloc(count, size);
    if (p == NULL) {
        fprintf(stderr, "cifar: out of memory\n");
        exit(1);
    }
    return p;
}

/* ---- GEMMs over threads: each job computes rows [lo, hi) of its output. */

enum { MUL, MUL_AT, MUL_BT };

typedef struct {
    int kind, m, k, n;
    const float *a, *b;
    float *c;
    int lo, hi;
} job_t;

/* c[m x n] = a[m x k] * b[k x n] */
static void mul_rows(const job_t *j) {
    for (int i = j->lo; i < j->hi; i++) {
        float *ci = j->c + (size_t) i * j->n;
        memset(ci, 0, sizeof(float) * j->n);
        const float *ai = j->a + (size_t) i * j->k;
        for (int p = 0; p < j->k; p++) {
            float x = ai[p];
            if (x == 0.0f) {
                continue;
            }
            const float *bp = j->b + (size_t) p * j->n;
            for (int q = 0; q < j->n; q++) {
                ci[q] += x * bp[q];
            }
        }
    }
}

/* c[k x n] = a[m x k]^T * b[m x n]: a weight gradient, rows of c are rows of the weights. */
static void mul_at_rows(const job_t *j) {
    for (int r = j->lo; r < j->hi; r++) {
        memset(j->c + (size_t) r * j->n, 0, sizeof(float) * j->n);
    }
    for (int i = 0; i < j->m; i++) {
        const float *ai = j->a + (size_t) i * j->k;
        const float *bi = j->b + (size_t) i * j->n;
        for (int r = j->lo; r < j->hi; r++) {
            float x = ai[r];
            if (x == 0.0f) {
                continue;
            }
            float *cr = j->c + (size_t) r * j->n;
            for (int q = 0; q < j->n; q++) {
                cr[q] += x * bi[q];
            }
        }
    }
}

/* c[m x k] = a[m x n] * b[k x n]^T: the gradient flowing back to a layer's input. */
static void mul_bt_rows(const job_t *j) {
    for (int i = j->lo; i < j->hi; i++) {
        const float *ai = j->a + (size_t) i * j->n;
        float *ci = j->c + (size_t) i * j->k;
        for (int p = 0; p < j->k; p++) {
            const float *bp = j->b + (size_t) p * j->n;
            float s = 0.0f;
            for (int q = 0; q < j->n; q++) {
                s += ai[q] * bp[q];
            }
            ci[p] = s;
        }
    }
}

static void *run_job(void *arg) {
    job_t *j = arg;
    if (j->kind == MUL) {
        mul_rows(j);
    } else if (j->kind == MUL_AT) {
        mul_at_rows(j);
    } else {
        mul_bt_rows(j);
    }
    return NULL;
}

static void gemm(int kind, int m, int k, int n, const float *a, const float *b, float *c) {
    int rows = kind == MUL_AT ? k : m;
    job_t jobs[MAX_THREADS];
    pthread_t tid[MAX_THREADS];
    for (int t = 0; t < threads; t++) {
        jobs[t] = (job_t) {kind, m, k, n, a, b, c, (int) ((long) rows * t / threads),
                           (int) ((long) rows * (t + 1) / threads)};
    }
    for (int t = 1; t < threads; t++) {
        pthread_create(&tid[t], NULL, run_job, &jobs[t]);
    }
    run_job(&jobs[0]);
    for (int t = 1; t < threads; t++) {
        pthread_join(tid[t], NULL);
    }
}

/* ---- layers */

typedef struct {
    int in, out;
    float *w, *bias, *dw, *dbias;
} dense_t;

static void dense_init(dense_t *d, int in, int out, float scale) {
    d->in = in;
    d->out = out;
    d->w = take((size_t) in * out, sizeof(float));
    d->dw = take((size_t) in * out, sizeof(float));
    d->bias = take(out, sizeof(float));
    d->dbias = take(out, sizeof(float));
    for (size_t i = 0; i < (size_t) in * out; i++) {
        d->w[i] = uniform() * scale;
    }
    for (int i = 0; i < out; i++) {
        d->bias[i] = 0.01f;
    }
}

static void add_bias_relu(float *y, const float *bias, int rows, int cols, int relu) {
    for (int i = 0; i < rows; i++) {
        float *yi = y + (size_t) i * cols;
        for (int q = 0; q < cols; q++) {
            float v = yi[q] + bias[q];
            yi[q] = relu && v < 0.0f ? 0.0f : v;
        }
    }
}

/* Zeroes the gradient where the ReLU was off, then sums it into the bias gradient. */
static void relu_back(float *dy, const float *y, float *dbias, int rows, int cols, int relu) {
    memset(dbias, 0, sizeof(float) * cols);
    for (int i = 0; i < rows; i++) {
        float *di = dy + (size_t) i * cols;
        const float *yi = y + (size_t) i * cols;
        for (int q = 0; q < cols; q++) {
            if (relu && yi[q] <= 0.0f) {
                di[q] = 0.0f;
            }
            dbias[q] += di[q];
        }
    }
}

/* im2col of a side x side x ch image (5x5 window, stride 1, zero padding 2): side*side rows of 25*ch. */
static void im2col(const float *x, int side, int ch, float *col) {
    for (int r = 0; r < side; r++) {
        for (int c = 0; c < side; c++) {
            float *row = col + ((size_t) r * side + c) * K5 * ch;
            for (int dr = -2; dr <= 2; dr++) {
                for (int dc = -2; dc <= 2; dc++) {
                    int rr = r + dr, cc = c + dc;
                    float *dst = row + ((dr + 2) * 5 + (dc + 2)) * ch;
                    if (rr < 0 || rr >= side || cc < 0 || cc >= side) {
                        memset(dst, 0, sizeof(float) * ch);
                    } else {
                        memcpy(dst, x + ((size_t) rr * side + cc) * ch, sizeof(float) * ch);
                    }
                }
            }
        }
    }
}

/* The adjoint of im2col: sums each window's gradient back onto the image. */
static void col2im(const float *col, int side, int ch, float *dx) {
    memset(dx, 0, sizeof(float) * side * side * ch);
    for (int r = 0; r < side; r++) {
        for (int c = 0; c < side; c++) {
            const float *row = col + ((size_t) r * side + c) * K5 * ch;
            for (int dr = -2; dr <= 2; dr++) {
                for (int dc = -2; dc <= 2; dc++) {
                    int rr = r + dr, cc = c + dc;
                    if (rr < 0 || rr >= side || cc < 0 || cc >= side) {
                        continue;
                    }
                    const float *src = row + ((dr + 2) * 5 + (dc + 2)) * ch;
                    float *d = dx + ((size_t) rr * side + cc) * ch;
                    for (int q = 0; q < ch; q++) {
                        d[q] += src[q];
                    }
                }
            }
        }
    }
}

/* Max-pool 3x3, stride 2, SAME padding: side -> side/2; keeps where each maximum came from. */
static void pool(const float *x, int side, int ch, float *y, int *from) {
    int half = side / 2;
    for (int r = 0; r < half; r++) {
        for (int c = 0; c < half; c++) {
            for (int q = 0; q < ch; q++) {
                float best = -INFINITY;
                int at = 0;
                for (int dr = 0; dr < 3; dr++) {
                    for (int dc = 0; dc < 3; dc++) {
                        int rr = 2 * r + dr, cc = 2 * c + dc;
                        if (rr < side && cc < side) {
                            int i = (rr * side + cc) * ch + q;
                            if (x[i] > best) {
                                best = x[i];
                                at = i;
                            }
                        }
                    }
                }
                y[(r * half + c) * ch + q] = best;
                from[(r * half + c) * ch + q] = at;
            }
        }
    }
}

static void pool_back(const float *dy, const int *from, int outs, float *dx, int ins) {
    memset(dx, 0, sizeof(float) * ins);
    for (int i = 0; i < outs; i++) {
        dx[from[i]] += dy[i];
    }
}

/* ---- data */

static unsigned char *dataset;

static void make_images(void) {
    dataset = take((size_t) images * SIDE * SIDE * 3, 1);
    for (int n = 0; n < images; n++) {
        int label = n % CLASSES;
        unsigned char *img = dataset + (size_t) n * SIDE * SIDE * 3;
        for (int r = 0; r < SIDE; r++) {
            for (int c = 0; c < SIDE; c++) {
                int stripe = ((r * (label % 3 + 1) + c * (label / 3 + 1)) / 4) & 1;
                for (int ch = 0; ch < 3; ch++) {
                    int base = ((label * 37 + ch * 91) % 160) + 40 * stripe;
                    int v = base + (int) (next_random() % 64) - 32;
                    img[(r * SIDE + c) * 3 + ch] = (unsigned char) (v < 0 ? 0 : v > 255 ? 255 : v);
                }
            }
        }
    }
}

/* A 24x24 crop (and a mirror every other image) of image n, standardized as TensorFlow does. */
static void load_image(int n, int step, float *out) {
    const unsigned char *img = dataset + (size_t) n * SIDE * SIDE * 3;
    int dr = (n + step) % (SIDE - CROP + 1), dc = (n * 3 + step) % (SIDE - CROP + 1);
    int flip = (n + step) & 1;
    float sum = 0.0f, sq = 0.0f;
    int count = CROP * CROP * 3;
    for (int r = 0; r < CROP; r++) {
        for (int c = 0; c < CROP; c++) {
            int sc = flip ? CROP - 1 - c : c;
            for (int ch = 0; ch < 3; ch++) {
                float v = img[((r + dr) * SIDE + sc + dc) * 3 + ch];
                out[(r * CROP + c) * 3 + ch] = v;
                sum += v;
                sq += v * v;
            }
        }
    }
    float mean = sum / count;
    float var = sq / count - mean * mean;
    float sd = sqrtf(var > 0.0f ? var : 0.0f);
    float floor = 1.0f / sqrtf((float) count);
    if (sd < floor) {
        sd = floor;
    }
    for (int i = 0; i < count; i++) {
        out[i] = (out[i] - mean) / sd;
    }
}

static int usage(void) {
    fprintf(stderr, "usage: cifar [-b BATCH] [-n IMAGES] [-s STEPS] [-c CHANNELS] [-t THREADS]\n");
    return 2;
}

int main(int argc, char **argv) {
    for (int i = 1; i < argc; i++) {
        if (i + 1 >= argc || argv[i][0] != '-') {
            return usage();
        }
        int v = atoi(argv[++i]);
        switch (argv[i - 1][1]) {
        case 'b': batch = v; break;
        case 'n': images = v; break;
        case 's': steps = v; break;
        case 'c': chans = v; break;
        case 't': threads = v; break;
        default: return usage();
        }
    }
    if (batch < 1 || images < 1 || steps < 0 || chans < 1 || chans > 256 || threads < 1 || threads > MAX_THREADS) {
        return usage();
    }
    const int p1 = CROP * CROP, p2 = p1 / 4, p3 = p2 / 4, flat = p3 * chans;
    const int rows1 = batch * p1, rows2 = batch * p2;
    dense_t conv1, conv2, fc3, fc4, fc5;
    dense_init(&conv1, K5 * 3, chans, 0.05f);
    dense_init(&conv2, K5 * chans, chans, 0.05f);
    dense_init(&fc3, flat, FC3, 0.04f);
    dense_init(&fc4, FC3, FC4, 0.04f);
    dense_init(&fc5, FC4, CLASSES, 1.0f / FC4);
    make_images();

    /* The step's tensors, each kept for the backward pass. */
    float *x = take((size_t) batch * p1 * 3, sizeof(float));
    float *col1 = take((size_t) rows1 * K5 * 3, sizeof(float));
    float *a1 = take((size_t) rows1 * chans, sizeof(float));
    float *h1 = take((size_t) rows2 * chans, sizeof(float));
    int *from1 = take((size_t) rows2 * chans, sizeof(int));
    float *col2 = take((size_t) rows2 * K5 * chans, sizeof(float));
    float *a2 = take((size_t) rows2 * chans, sizeof(float));
    float *h2 = take((size_t) batch * flat, sizeof(float));
    int *from2 = take((size_t) batch * flat, sizeof(int));
    float *h3 = take((size_t) batch * FC3, sizeof(float));
    float *h4 = take((size_t) batch * FC4, sizeof(float));
    float *logits = take((size_t) batch * CLASSES, sizeof(float));
    float *d4 = take((size_t) batch * FC4, sizeof(float));
    float *d3 = take((size_t) batch * FC3, sizeof(float));
    float *dh2 = take((size_t) batch * flat, sizeof(float));
    float *da2 = take((size_t) rows2 * chans, sizeof(float));
    float *dcol2 = take((size_t) rows2 * K5 * chans, sizeof(float));
    float *dh1 = take((size_t) rows2 * chans, sizeof(float));
    float *da1 = take((size_t) rows1 * chans, sizeof(float));
    dense_t *layers[] = {&conv1, &conv2, &fc3, &fc4, &fc5};
    const float rate = 0.05f;

    for (int step = 0; step < steps; step++) {
        int first = (int) (((long) step * batch) % images);
        for (int b = 0; b < batch; b++) {
            int n = (first + b) % images;
            load_image(n, step, x + (size_t) b * p1 * 3);
            im2col(x + (size_t) b * p1 * 3, CROP, 3, col1 + (size_t) b * p1 * K5 * 3);
        }
        gemm(MUL, rows1, K5 * 3, chans, col1, conv1.w, a1);
        add_bias_relu(a1, conv1.bias, rows1, chans, 1);
        for (int b = 0; b < batch; b++) {
            pool(a1 + (size_t) b * p1 * chans, CROP, chans, h1 + (size_t) b * p2 * chans,
                 from1 + (size_t) b * p2 * chans);
            im2col(h1 + (size_t) b * p2 * chans, CROP / 2, chans, col2 + (size_t) b * p2 * K5 * chans);
        }
        gemm(MUL, rows2, K5 * chans, chans, col2, conv2.w, a2);
        add_bias_relu(a2, conv2.bias, rows2, chans, 1);
        for (int b = 0; b < batch; b++) {
            pool(a2 + (size_t) b * p2 * chans, CROP / 2, chans, h2 + (size_t) b * flat, from2 + (size_t) b * flat);
        }
        gemm(MUL, batch, flat, FC3, h2, fc3.w, h3);
        add_bias_relu(h3, fc3.bias, batch, FC3, 1);
        gemm(MUL, batch, FC3, FC4, h3, fc4.w, h4);
        add_bias_relu(h4, fc4.bias, batch, FC4, 1);
        gemm(MUL, batch, FC4, CLASSES, h4, fc5.w, logits);
        add_bias_relu(logits, fc5.bias, batch, CLASSES, 0);

        /* Softmax cross-entropy; the logits become their own gradient (divided by the batch). */
        double loss = 0.0;
        int right = 0;
        for (int b = 0; b < batch; b++) {
            float *z = logits + b * CLASSES;
            int label = ((first + b) % images) % CLASSES;
            float top = z[0];
            int best = 0;
            for (int q = 1; q < CLASSES; q++) {
                if (z[q] > top) {
                    top = z[q];
                    best = q;
                }
            }
            right += best == label;
            float sum = 0.0f;
            for (int q = 0; q < CLASSES; q++) {
                z[q] = expf(z[q] - top);
                sum += z[q];
            }
            loss -= logf(z[label] / sum);
            for (int q = 0; q < CLASSES; q++) {
                z[q] = (z[q] / sum - (q == label ? 1.0f : 0.0f)) / batch;
            }
        }
        printf("step %d loss %.6f accuracy %d/%d\n", step, loss / batch, right, batch);
        fflush(stdout);

        relu_back(logits, logits, fc5.dbias, batch, CLASSES, 0);
        gemm(MUL_AT, batch, FC4, CLASSES, h4, logits, fc5.dw);
        gemm(MUL_BT, batch, FC4, CLASSES, logits, fc5.w, d4);
        relu_back(d4, h4, fc4.dbias, batch, FC4, 1);
        gemm(MUL_AT, batch, FC3, FC4, h3, d4, fc4.dw);
        gemm(MUL_BT, batch, FC3, FC4, d4, fc4.w, d3);
        relu_back(d3, h3, fc3.dbias, batch, FC3, 1);
        gemm(MUL_AT, batch, flat, FC3, h2, d3, fc3.dw);
        gemm(MUL_BT, batch, flat, FC3, d3, fc3.w, dh2);
        for (int b = 0; b < batch; b++) {
            pool_back(dh2 + (size_t) b * flat, from2 + (size_t) b * flat, flat, da2 + (size_t) b * p2 * chans,
                      p2 * chans);
        }
        relu_back(da2, a2, conv2.dbias, rows2, chans, 1);
        gemm(MUL_AT, rows2, K5 * chans, chans, col2, da2, conv2.dw);
        gemm(MUL_BT, rows2, K5 * chans, chans, da2, conv2.w, dcol2);
        for (int b = 0; b < batch; b++) {
            col2im(dcol2 + (size_t) b * p2 * K5 * chans, CROP / 2, chans, dh1 + (size_t) b * p2 * chans);
            pool_back(dh1 + (size_t) b * p2 * chans, from1 + (size_t) b * p2 * chans, p2 * chans,
                      da1 + (size_t) b * p1 * chans, p1 * chans);
        }
        relu_back(da1, a1, conv1.dbias, rows1, chans, 1);
        gemm(MUL_AT, rows1, K5 * 3, chans, col1, da1, conv1.dw);

        for (int l = 0; l < 5; l++) {
            dense_t *d = layers[l];
            for (size_t i = 0; i < (size_t) d->in * d->out; i++) {
                d->w[i] -= rate * d->dw[i];
            }
            for (int i = 0; i < d->out; i++) {
                d->bias[i] -= rate * d->dbias[i];
            }
        }
    }
    double check = 0.0;
    for (int l = 0; l < 5; l++) {
        for (size_t i = 0; i < (size_t) layers[l]->in * layers[l]->out; i++) {
            check += layers[l]->w[i] * (double) ((i % 7) + 1);
        }
    }
    printf("weights %.9e\n", check);
    return 0;
}
