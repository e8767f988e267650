/*
 * Two access patterns over a working set of pages, for the ExCache lab (labs/excache): "scan"
 * walks every page in order, pass after pass (a loop over an array larger than the cache);
 * "hot" touches pages at random, 9 of 10 times among the first tenth of them (a hot set inside a
 * cold one). One write per touch, so each touch is one ExCache lookup when its page is not already
 * at hand.
 *
 *   pattern [scan|hot [KIB [TOUCHES]]]      (defaults: scan, 1024 KiB, 4 touches per page)
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define PAGE 4096

int main(int argc, char **argv)
{
    const char *kind = argc > 1 ? argv[1] : "scan";
    long kib = argc > 2 ? atol(argv[2]) : 1024;
    long per_page = argc > 3 ? atol(argv[3]) : 4;
    long pages = kib * 1024 / PAGE;
    if (pages < 10 || per_page < 1 || (strcmp(kind, "scan") != 0 && strcmp(kind, "hot") != 0)) {
        fprintf(stderr, "usage: pattern [scan|hot [KIB >= 40 [TOUCHES >= 1]]]\n");
        return 2;
    }
    unsigned char *a = calloc((size_t) pages, PAGE);
    if (a == NULL) {
        return 1;
    }
    long touches = pages * per_page;
    long hot = pages / 10;
    unsigned long x = 0x9e3779b97f4a7c15UL;
    for (long i = 0; i < touches; i++) {
        long page;
        if (kind[0] == 's') {
            page = i % pages;
        } else {
            x = x * 6364136223846793005UL + 1442695040888963407UL;
            unsigned long r = x >> 33;
            page = r % 10 != 0 ? (long) ((r / 10) % hot) : hot + (long) ((r / 10) % (pages - hot));
        }
        a[page * PAGE + (i & (PAGE - 1))] += 1;
    }
    unsigned long sum = 0;
    for (long p = 0; p < pages; p++) {
        for (long b = 0; b < PAGE; b += 512) {
            sum = sum * 31 + a[p * PAGE + b];
        }
    }
    printf("%s over %ld pages, %ld touches: checksum %lu\n", kind, pages, touches, sum);
    return 0;
}
