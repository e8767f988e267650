/* Writes into a string literal: the page is read-only, so the guest gets SIGSEGV (status 139). */
#include <stdio.h>

int main(void) {
    volatile char *s = (volatile char *) "constant";
    s[0] = 'C';
    printf("not reached %c\n", s[0]);
    return 0;
}
