/* Mappings at and past 512 GiB and 128 TiB: a 1 TiB anonymous mapping written at its ends and
   across its 2^39 boundary, pages fixed at the code's address plus 2^39 and 2^47, and the code,
   data and stack still reading what they held. */
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>

static char greeting[64] = "data intact";

static unsigned checksum(const unsigned char *p, size_t n) {
    unsigned s = 0;
    for (size_t i = 0; i < n; i++) s = s * 31 + p[i];
    return s;
}

static void *fixed_page(uintptr_t at) {
    void *p = mmap((void *)(at & ~(uintptr_t)4095), 4096, PROT_READ | PROT_WRITE,
                   MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0);
    return p == MAP_FAILED ? NULL : p;
}

int main(void) {
    const unsigned char *code = (const unsigned char *)(uintptr_t)&checksum;
    unsigned before = checksum(code, 256);
    size_t tib = (size_t)1 << 40;
    unsigned char *p = mmap(0, tib, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (p == MAP_FAILED) {
        puts("mmap of 1 TiB failed");
        return 1;
    }
    size_t at[] = {0, 4096, ((size_t)1 << 39) - 1, (size_t)1 << 39, ((size_t)1 << 39) + 4096, tib - 1};
    unsigned s = 0;
    for (int i = 0; i < 6; i++) p[at[i]] = (unsigned char)(0x40 + i);
    for (int i = 0; i < 6; i++) s = s * 31 + p[at[i]];
    printf("1 TiB mapping: %u, untouched byte %d\n", s, p[(size_t)3 << 38]);
    if (munmap(p, tib) != 0) puts("munmap failed");

    uintptr_t far[] = {(uintptr_t)code + ((uintptr_t)1 << 39), (uintptr_t)greeting + ((uintptr_t)1 << 39),
                       (uintptr_t)code + ((uintptr_t)1 << 47)};
    for (int i = 0; i < 3; i++) {
        unsigned char *q = fixed_page(far[i]);
        if (q == NULL) {
            printf("page %d: mmap failed\n", i);
            continue;
        }
        memset(q, 0xA5, 4096);
        printf("page %d: %u\n", i, checksum(q, 4096));
    }
    printf("code %s, %s, stack %s\n", checksum(code, 256) == before ? "intact" : "CHANGED", greeting,
           (uintptr_t)&s > 4096 ? "intact" : "?");
    return 0;
}
