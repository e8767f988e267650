/*
 * Latency against throughput: a chain of dependent operations waits for each result; four
 * independent chains overlap. Prints core cycles per operation (rdcycle) for multiply, divide,
 * FP add, FP multiply and FP divide.
 */
#include <stdio.h>

static inline unsigned long cycles(void) {
    unsigned long c;
    __asm__ volatile("rdcycle %0" : "=r"(c));
    return c;
}

#define N 20000
/* Keeps a value in a register and the loop inside the timed region: the compiler may neither fold nor move it. */
#define KEEP(v) __asm__ volatile("" : "+r"(v))
#define KEEPF(v) __asm__ volatile("" : "+f"(v))

int main(void) {
    volatile long seed = 3;
    volatile double fseed = 1.0000001;
    long k = seed, a, b, c, d;
    double f = fseed, fa, fb, fc, fd;
    unsigned long t;

    a = seed; t = cycles();
    for (int i = 0; i < N; i++) { a *= k; a *= k; a *= k; a *= k; KEEP(a); }
    double mul_dep = (double) (cycles() - t) / (4.0 * N);
    a = b = c = d = seed; t = cycles();
    for (int i = 0; i < N; i++) { a *= k; b *= k; c *= k; d *= k; KEEP(a); KEEP(b); KEEP(c); KEEP(d); }
    double mul_ind = (double) (cycles() - t) / (4.0 * N);
    long mul_sink = a + b + c + d;

    a = 1L << 62; t = cycles();
    for (int i = 0; i < N; i++) { a = a / k + (1L << 62); a = a / k + (1L << 62); KEEP(a); }
    double div_dep = (double) (cycles() - t) / (2.0 * N);
    a = b = 1L << 62; t = cycles();
    for (int i = 0; i < N; i++) { a = ((1L << 62) + i) / k; b = ((1L << 61) + i) / k; KEEP(a); KEEP(b); }
    double div_ind = (double) (cycles() - t) / (2.0 * N);
    long div_sink = a + b;

    fa = 0; t = cycles();
    for (int i = 0; i < N; i++) { fa += f; fa += f; fa += f; fa += f; KEEPF(fa); }
    double fadd_dep = (double) (cycles() - t) / (4.0 * N);
    fa = fb = fc = fd = 0; t = cycles();
    for (int i = 0; i < N; i++) { fa += f; fb += f; fc += f; fd += f; KEEPF(fa); KEEPF(fb); KEEPF(fc); KEEPF(fd); }
    double fadd_ind = (double) (cycles() - t) / (4.0 * N);

    double fm = 1; t = cycles();
    for (int i = 0; i < N; i++) { fm *= f; fm *= f; fm *= f; fm *= f; KEEPF(fm); }
    double fmul_dep = (double) (cycles() - t) / (4.0 * N);

    double fq = 1e300; t = cycles();
    for (int i = 0; i < N; i++) { fq /= f; fq /= f; KEEPF(fq); }
    double fdiv_dep = (double) (cycles() - t) / (2.0 * N);

    printf("mul  dependent %.2f independent %.2f cycles/op\n", mul_dep, mul_ind);
    printf("div  dependent %.2f independent %.2f cycles/op\n", div_dep, div_ind);
    printf("fadd dependent %.2f independent %.2f cycles/op\n", fadd_dep, fadd_ind);
    printf("fmul dependent %.2f cycles/op\n", fmul_dep);
    printf("fdiv dependent %.2f cycles/op\n", fdiv_dep);
    printf("(%ld %ld %g %g %g)\n", mul_sink & 1, div_sink & 1, fa + fb + fc + fd > 0 ? 1.0 : 0.0, fm > 0 ? 1.0 : 0.0,
           fq > 0 ? 1.0 : 0.0);
    return 0;
}
