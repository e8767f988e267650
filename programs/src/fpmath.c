/* libm and printf/strtod formatting of doubles and floats, in every rounding mode. */
#include <fenv.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(void) {
    double xs[] = {0.1, 1.5, -2.75, 3.14159265358979, 1e-310, 12345.678, 1e300};
    for (int i = 0; i < 7; i++) {
        double x = xs[i];
        printf("x=%.17g sin=%.17g cos=%.17g exp=%.17g log=%.17g sqrt=%.17g\n", x, sin(x), cos(x), exp(x / 100),
               log(fabs(x)), sqrt(fabs(x)));
        printf("  pow=%.17g fma=%.17g floor=%g ceil=%g round=%g trunc=%g %e %a\n", pow(fabs(x), 0.37),
               fma(x, 3.0, -x), floor(x), ceil(x), round(x), trunc(x), x, x);
    }
    int modes[] = {FE_TONEAREST, FE_TOWARDZERO, FE_DOWNWARD, FE_UPWARD};
    const char *names[] = {"nearest", "towardzero", "downward", "upward"};
    for (int m = 0; m < 4; m++) {
        fesetround(modes[m]);
        volatile double a = 1.0, b = 3.0;
        volatile float fa = 2.0f, fb = 7.0f;
        printf("%-10s 1/3=%.17g 2/7f=%.9g rint(2.5)=%g lrint(-3.5)=%ld\n", names[m], a / b, (double) (fa / fb),
               rint(2.5), lrint(-3.5));
    }
    fesetround(FE_TONEAREST);
    const char *strs[] = {"3.14159", "1e-5", "-0.0", "inf", "nan", "0x1.8p3", "123456789012345678901234567890"};
    for (int i = 0; i < 7; i++) {
        double v = strtod(strs[i], NULL);
        printf("strtod(%s)=%.17g %f %12.4e\n", strs[i], v, v, v);
    }
    float f = 0.0f;
    for (int i = 1; i <= 1000; i++) {
        f += 1.0f / (float) i;
    }
    printf("harmonic(1000) as float = %.9g\n", (double) f);
    volatile double z = 0.0;
    feclearexcept(FE_ALL_EXCEPT);
    volatile double q = 1.0 / z;
    printf("1/0=%g divbyzero=%d\n", q, fetestexcept(FE_DIVBYZERO) != 0);
    return 0;
}
