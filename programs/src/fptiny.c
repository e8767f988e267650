/*
 * Floating-point results and exception flags where underflow is decided: operands and results
 * near the smallest normal of single and double, in every rounding mode. RISC-V detects
 * tininess after rounding, so a value that rounds up to the smallest normal may or may not
 * raise underflow; the program prints one checksum per operation and mode, so a difference
 * names the operation that differs.
 */
#include <fenv.h>
#include <float.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

static uint64_t state = 0x9e3779b97f4a7c15u;

static uint64_t next(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

/* A single near the smallest normal (a few ulps either side, either sign), or a factor near 1 or 2^-k. */
static float near_tiny_f(void) {
    uint64_t r = next();
    int32_t bits = 0x00800000 + (int32_t) (r % 64) - 32;
    float f;
    switch ((r >> 8) % 4) {
        case 0: memcpy(&f, &bits, 4); break;
        case 1: f = 1.0f + (float) ((int) (r >> 16) % 8) * 0x1p-23f; break;
        case 2: f = 0x1p-24f * (1.0f + (float) ((int) (r >> 16) % 8) * 0x1p-23f); break;
        default: f = 1.0f - (float) ((int) (r >> 16) % 8) * 0x1p-24f; break;
    }
    return (r >> 40) & 1 ? -f : f;
}

static double near_tiny_d(void) {
    uint64_t r = next();
    int64_t bits = 0x0010000000000000LL + (int64_t) (r % 64) - 32;
    double d;
    switch ((r >> 8) % 4) {
        case 0: memcpy(&d, &bits, 8); break;
        case 1: d = 1.0 + (double) ((int) (r >> 16) % 8) * 0x1p-52; break;
        case 2: d = 0x1p-53 * (1.0 + (double) ((int) (r >> 16) % 8) * 0x1p-52); break;
        default: d = 1.0 - (double) ((int) (r >> 16) % 8) * 0x1p-53; break;
    }
    return (r >> 40) & 1 ? -d : d;
}

/* A double that converts to single next to the smallest normal: its 29 dropped bits chosen too. */
static double near_tiny_for_single(void) {
    uint64_t r = next();
    double d = (double) FLT_MIN * (1.0 + ((double) (int) (r % 256) - 128) * 0x1p-30);
    return (r >> 40) & 1 ? -d : d;
}

static uint32_t mix(uint32_t h, uint64_t v) {
    h ^= (uint32_t) v;
    h *= 16777619u;
    h ^= (uint32_t) (v >> 32);
    h *= 16777619u;
    return h;
}

enum { ADD_S, MUL_S, DIV_S, FMA_S, SQRT_S, CVT_S_D, ADD_D, MUL_D, DIV_D, SQRT_D, FMA_D, OPS };
static const char *names[OPS] = {"fadd.s", "fmul.s", "fdiv.s", "fmadd.s", "fsqrt.s", "fcvt.s.d",
    "fadd.d", "fmul.d", "fdiv.d", "fsqrt.d", "fmadd.d"};

int main(void) {
    static const int modes[] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};
    static const char *mode_names[] = {"rne", "rtz", "rdn", "rup"};
    int underflows = 0;
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        for (int op = 0; op < OPS; op++) {
            uint32_t h = 2166136261u;
            for (int i = 0; i < 2000; i++) {
                volatile float fa = near_tiny_f(), fb = near_tiny_f(), fc = near_tiny_f();
                volatile double da = near_tiny_d(), db = near_tiny_d(), dc = near_tiny_d();
                volatile double dv = near_tiny_for_single();
                volatile float fr = 0;
                volatile double dr = 0;
                feclearexcept(FE_ALL_EXCEPT);
                switch (op) {
                    case ADD_S: fr = fa * 0x1p-1f + fb * 0x1p-1f; break;
                    case MUL_S: fr = fa * fb; break;
                    case DIV_S: fr = fa / fb; break;
                    case FMA_S: fr = fmaf(fa, fb, fc); break;
                    case SQRT_S: fr = sqrtf(fa < 0 ? -fa : fa) * sqrtf(fb < 0 ? -fb : fb); break;
                    case CVT_S_D: fr = (float) dv; break;
                    case ADD_D: dr = da * 0.5 + db * 0.5; break;
                    case MUL_D: dr = da * db; break;
                    case DIV_D: dr = da / db; break;
                    case SQRT_D: dr = sqrt(da < 0 ? -da : da) * (db < 0 ? -1.0 : 1.0); break;
                    default: dr = fma(da, db, dc); break;
                }
                int flags = fetestexcept(FE_ALL_EXCEPT);
                underflows += (flags & FE_UNDERFLOW) != 0;
                uint32_t fbits;
                uint64_t dbits;
                float fcopy = fr;
                double dcopy = dr;
                memcpy(&fbits, &fcopy, 4);
                memcpy(&dbits, &dcopy, 8);
                h = mix(h, ((uint64_t) flags << 32) ^ fbits ^ dbits);
            }
            printf("%-8s %s %08x\n", names[op], mode_names[m], h);
        }
    }
    fesetround(FE_TONEAREST);
    printf("underflows %d\n", underflows);
    return 0;
}
