/*
 * Single-precision fused multiply-add (fmadd.s, fmsub.s, fnmadd.s, fnmsub.s) in every rounding
 * mode: the result bits and the exception flags of many generated cases (cancellation, ties a
 * double rounding would get wrong, tiny and huge results, NaN payloads, infinities and zeros),
 * folded into one hash per instruction and mode, then a float matrix multiply the compiler turns
 * into fmadd.s. "fmafloat N" multiplies N x N matrices (default 24).
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static uint64_t state = 0x9e3779b97f4a7c15ULL;

static uint32_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return (uint32_t) (state >> 16);
}

static float f(uint32_t bits) {
    float v;
    memcpy(&v, &bits, 4);
    return v;
}

static uint32_t bits(float v) {
    uint32_t b;
    memcpy(&b, &v, 4);
    return b;
}

/* A float with a random sign and mantissa and an exponent (biased) in [lo, hi]. */
static float random_float(int lo, int hi) {
    uint32_t e = (uint32_t) (lo + next() % (hi - lo + 1));
    return f((next() & 0x80000000u) | (e << 23) | (next() & 0x7fffffu));
}

static void set_rm(int rm) {
    __asm__ volatile("fsrm %0" : : "r"(rm));
}

static unsigned take_flags(void) {
    unsigned fl;
    __asm__ volatile("frflags %0\n\tfsflags zero" : "=r"(fl));
    return fl;
}

static float op(int which, float a, float b, float c) {
    float r;
    switch (which) {
        case 0: __asm__ volatile("fmadd.s %0, %1, %2, %3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); break;
        case 1: __asm__ volatile("fmsub.s %0, %1, %2, %3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); break;
        case 2: __asm__ volatile("fnmadd.s %0, %1, %2, %3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); break;
        default: __asm__ volatile("fnmsub.s %0, %1, %2, %3" : "=f"(r) : "f"(a), "f"(b), "f"(c)); break;
    }
    return r;
}

#define CASES 6000
static float xs[CASES], ys[CASES], zs[CASES];

static const uint32_t SPECIAL[] = {
    0x00000000, 0x80000000, 0x7f800000, 0xff800000, 0x7fc00000, 0x7fc12345, 0xffc00001, 0x7f800001,
    0x7fa00000, 0xffbfffff, 0x00000001, 0x807fffff, 0x00800000, 0x7f7fffff, 0xff7fffff, 0x3f800000,
    0xbf800000, 0x33800000, 0x4b800000, 0x3f800001,
};
#define NSPECIAL (sizeof SPECIAL / sizeof SPECIAL[0])

static void make_cases(void) {
    int n = 0;
    for (unsigned i = 0; i < NSPECIAL; i++) {
        for (unsigned j = 0; j < NSPECIAL; j += 3) {
            xs[n] = f(SPECIAL[i]);
            ys[n] = f(SPECIAL[j]);
            zs[n] = f(SPECIAL[(i + j) % NSPECIAL]);
            n++;
        }
    }
    while (n < CASES) {
        float a, b, c;
        switch (next() % 8) {
            case 0: /* anything at all */
                a = f(next()); b = f(next()); c = f(next()); break;
            case 1: /* ordinary magnitudes */
                a = random_float(120, 134); b = random_float(120, 134); c = random_float(115, 140); break;
            case 2: { /* c cancels most of a*b */
                a = random_float(100, 150); b = random_float(100, 150);
                float p = a * b;
                c = f(bits(-p) + (int32_t) (next() % 7) - 3);
                break;
            }
            case 3: { /* a*b has 25 significant bits: a tie for single, broken by a tiny c */
                a = f(0x3f800000u | ((next() & 0xfffu) << 11));
                b = f(0x3f800000u | ((next() & 0xfffu) << 11));
                c = random_float(60, 100);
                break;
            }
            case 4: /* results near and below the smallest normal */
                a = random_float(40, 90); b = random_float(0, 70); c = random_float(0, 8); break;
            case 5: /* results near the largest float */
                a = random_float(180, 254); b = random_float(120, 140); c = random_float(200, 254); break;
            case 6: { /* exact sums: small integers */
                a = (float) ((int) (next() % 2001) - 1000); b = (float) ((int) (next() % 2001) - 1000);
                c = (float) ((int) (next() % 2000001) - 1000000);
                break;
            }
            default: { /* a NaN, infinity or zero among ordinary operands */
                a = random_float(110, 140); b = random_float(110, 140); c = random_float(110, 140);
                float s = f(SPECIAL[next() % NSPECIAL]);
                int k = next() % 3;
                if (k == 0) a = s; else if (k == 1) b = s; else c = s;
                break;
            }
        }
        xs[n] = a; ys[n] = b; zs[n] = c;
        n++;
    }
}

static const char *NAMES[] = {"fmadd.s", "fmsub.s", "fnmadd.s", "fnmsub.s"};
static const char *MODES[] = {"rne", "rtz", "rdn", "rup", "rmm"};

static void cases(void) {
    make_cases();
    for (int which = 0; which < 4; which++) {
        for (int rm = 0; rm < 5; rm++) {
            uint64_t h = 1469598103934665603ULL;
            unsigned counts[5] = {0};
            set_rm(rm);
            take_flags();
            for (int i = 0; i < CASES; i++) {
                float r = op(which, xs[i], ys[i], zs[i]);
                unsigned fl = take_flags();
                h = (h ^ bits(r)) * 1099511628211ULL;
                h = (h ^ fl) * 1099511628211ULL;
                for (int k = 0; k < 5; k++) {
                    counts[k] += (fl >> k) & 1;
                }
            }
            printf("%-8s %s %016llx  NX %4u UF %4u OF %4u DZ %u NV %4u\n", NAMES[which], MODES[rm],
                   (unsigned long long) h, counts[0], counts[1], counts[2], counts[3], counts[4]);
        }
    }
    set_rm(0);
    /* A few by hand: the fused result keeps the tail, a tie, an sNaN payload, inf*0. */
    float probes[][3] = {
        {1 + 0x1p-23f, 1 - 0x1p-23f, -1},
        {1 + 0x1p-12f, 1 + 0x1p-12f, 0x1p-60f},
        {f(0x7f800001), 1, 1},
        {f(0x7f800000), 0, f(0x7fc00000)},
        {0x1p-70f, 0x1p-70f, 0},
        {0x1p100f, 0x1p100f, -0x1p127f},
    };
    for (unsigned i = 0; i < sizeof probes / sizeof probes[0]; i++) {
        take_flags();
        float r = op(0, probes[i][0], probes[i][1], probes[i][2]);
        unsigned fl = take_flags();
        printf("fmadd.s %08x %08x %08x = %08x flags %02x\n", bits(probes[i][0]), bits(probes[i][1]),
               bits(probes[i][2]), bits(r), fl);
    }
}

static void gemm(int n) {
    float *a = malloc(sizeof(float) * n * n), *b = malloc(sizeof(float) * n * n), *c = malloc(sizeof(float) * n * n);
    for (int i = 0; i < n * n; i++) {
        a[i] = (float) (next() % 2000) / 1000.0f - 1.0f;
        b[i] = (float) (next() % 2000) / 1000.0f - 1.0f;
        c[i] = 0;
    }
    for (int i = 0; i < n; i++) {
        for (int k = 0; k < n; k++) {
            float aik = a[i * n + k];
            for (int j = 0; j < n; j++) {
                c[i * n + j] += aik * b[k * n + j];
            }
        }
    }
    uint64_t h = 1469598103934665603ULL;
    double sum = 0;
    for (int i = 0; i < n * n; i++) {
        h = (h ^ bits(c[i])) * 1099511628211ULL;
        sum += c[i];
    }
    printf("gemm %d: sum %.6f hash %016llx\n", n, sum, (unsigned long long) h);
    free(a);
    free(b);
    free(c);
}

int main(int argc, char **argv) {
    int n = argc > 1 ? atoi(argv[1]) : 24;
    if (argc <= 1) {
        cases();
    }
    gemm(n);
    return 0;
}
