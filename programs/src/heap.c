/* malloc/realloc/free churn over a working set of about 48 MiB; prints checksums. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define SLOTS 4096

static unsigned long state = 99;
static unsigned long rnd(void) {
    state ^= state << 13;
    state ^= state >> 7;
    state ^= state << 17;
    return state;
}

int main(void) {
    static unsigned char *slot[SLOTS];
    static size_t size[SLOTS];
    unsigned long check = 0;
    size_t live = 0, peak = 0;
    for (int round = 0; round < 40000; round++) {
        int i = rnd() % SLOTS;
        if (slot[i] && rnd() % 3 == 0) {
            for (size_t k = 0; k < size[i]; k += 997) check += slot[i][k];
            live -= size[i];
            free(slot[i]);
            slot[i] = NULL;
            continue;
        }
        size_t n = 1 + rnd() % 24000;
        unsigned char *p = slot[i] ? realloc(slot[i], n) : malloc(n);
        if (!p) { printf("out of memory\n"); return 1; }
        size_t old = slot[i] ? size[i] : 0;
        if (n > old) memset(p + old, (int) (round & 0xff), n - old);
        live += n - (old < n ? old : n) * 1;
        live = live - (old > n ? 0 : 0);
        slot[i] = p;
        size[i] = n;
        if (live > peak) peak = live;
    }
    size_t total = 0;
    for (int i = 0; i < SLOTS; i++) {
        if (slot[i]) {
            for (size_t k = 0; k < size[i]; k += 101) check = check * 31 + slot[i][k];
            total += size[i];
            free(slot[i]);
        }
    }
    printf("checksum %lu, bytes live at end %zu\n", check, total);
    return 0;
}
