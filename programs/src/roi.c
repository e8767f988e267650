/*
 * Regions of interest (include/splitsim.h): two phases between statistics marks, each dumped as a
 * section of the stats files. "sum" is N iterations of integer work; "touch" writes one byte in
 * each of PAGES fresh pages, so the section counts one ExCache miss per page. Under Linux or
 * qemu-riscv64 the marks do nothing and the output is the same.
 *
 *   roi [N [PAGES]]      (defaults 1000000 and 256)
 */
#include <stdio.h>
#include <stdlib.h>
#include "splitsim.h"

int main(int argc, char **argv)
{
    long n = argc > 1 ? atol(argv[1]) : 1000000;
    long pages = argc > 2 ? atol(argv[2]) : 256;
    char *buffer = malloc((size_t) pages * 4096 + 4096);
    if (buffer == NULL) {
        return 1;
    }

    splitsim_stats_reset();
    unsigned long sum = 0;
    for (long i = 0; i < n; i++) {
        sum += (unsigned long) i * (unsigned long) i;
        /* Keeps the loop a loop: no closed form. */
        __asm__ volatile("" : "+r"(sum));
    }
    splitsim_stats_dump_reset("sum");

    for (long p = 0; p < pages; p++) {
        buffer[p * 4096] = (char) p;
    }
    splitsim_stats_dump("touch");

    unsigned long check = 0;
    for (long p = 0; p < pages; p++) {
        check = check * 31 + (unsigned char) buffer[p * 4096];
    }
    printf("sum of squares below %ld: %lu\n", n, sum);
    printf("touched %ld pages, checksum %lu\n", pages, check);
    return 0;
}
