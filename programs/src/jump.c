/* Deep recursion, and setjmp/longjmp unwinding out of it. */
#include <setjmp.h>
#include <stdio.h>

static jmp_buf env;

static long ackermann(long m, long n) {
    if (m == 0) return n + 1;
    if (n == 0) return ackermann(m - 1, 1);
    return ackermann(m - 1, ackermann(m, n - 1));
}

static int dive(int depth) {
    if (depth == 5000) {
        longjmp(env, depth);
    }
    return dive(depth + 1) + 1;
}

int main(void) {
    printf("ackermann(2, 300) = %ld\n", ackermann(2, 300));
    printf("ackermann(3, 6) = %ld\n", ackermann(3, 6));
    int r = setjmp(env);
    if (r == 0) {
        dive(0);
        printf("not reached\n");
    } else {
        printf("longjmp back from depth %d\n", r);
    }
    return 0;
}
