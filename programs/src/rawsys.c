/*
 * Raw system calls with random arguments, for robustness campaigns: "rawsys SEED COUNT" issues
 * COUNT calls, each of a number drawn from the list below with six arguments drawn from small
 * numbers, sizes, pointers into a scratch mapping, strings and wild addresses. A given seed always
 * makes the same calls. Calls that end the process or wait for ever (exit, kill, clone, execve,
 * sigsuspend, ...) are not in the list; a futex wait becomes a wake. Memory calls are aimed at the
 * scratch mapping or at addresses no program uses, so the program itself stays mapped. With no
 * arguments it makes no call, so it runs the same everywhere. Run it with arguments only inside
 * splitsim, whose sandbox holds its file calls: natively or under qemu-riscv64 they act on the
 * host's own files.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SCRATCH_BYTES (1UL << 20)
#define SCRATCH_AT ((char *) 0x3000000000UL)
/* The strings and times the calls read, in a mapping of their own: a call that writes over them
   (a read into a path, say) spoils only them, never the program's own data. */
#define INPUTS_BYTES (64UL << 10)
#define INPUTS_AT ((char *) 0x3100000000UL)
#define LONG_PATH_BYTES 8192

static const long CALLS[] = {
    17, 23, 24, 25, 29, 34, 35, 36, 37, 38, 43, 44, 45, 46, 47, 48, 49, 50, 52, 53, 54, 55, 56, 57,
    59, 61, 62, 63, 64, 65, 66, 67, 68, 69, 70, 71, 78, 79, 80, 81, 82, 83, 88, 90, 92, 95, 96, 98,
    99, 100, 101, 102, 103, 113, 114, 115, 118, 120, 121, 122, 123, 124, 125, 132, 134, 135, 136,
    140, 141, 153, 155, 156, 158, 160, 163, 164, 165, 166, 167, 168, 169, 172, 173, 174, 175, 176,
    177, 178, 179, 214, 215, 216, 222, 223, 226, 227, 228, 229, 232, 233, 259, 260, 261, 278, 279,
    291, 293, 439,
};
/* brk, munmap, mremap, mmap, mprotect, msync, mlock, munlock, mincore, madvise: aimed carefully. */
static const long MEMORY_CALLS[] = {214, 215, 216, 222, 226, 227, 228, 229, 232, 233};

static const uint64_t WILD[] = {
    0, 1, 0xfff, 0x1000, 0x7fffffffffffUL, 0x800000000000UL, 0x800000001000UL, 0x8000000000000000UL,
    0xfffffffffffff000UL, 0xffffffffffffffffUL, 0x7fffffffffffffffUL, 0xdeadbeefUL, 0x123456789abcdefUL,
};
static const uint64_t SIZES[] = {
    0, 1, 7, 8, 16, 24, 64, 128, 4095, 4096, 65536, 1UL << 20, 1UL << 31, 1UL << 32, 1UL << 40,
    1UL << 47, 1UL << 62, 0x7fffffffffffffffUL, 0xffffffffffffffffUL, 0x7ffff000UL,
};
static const char *const STRINGS[] = {
    "f0", "dir", "dir/f1", ".", "..", "/", "../../../../rawsys-outside", "/proc/self/mem", "", "a/b/c/d",
    "dir/../f0", "link", "//", "\xff\xfe",
};
#define STRING_COUNT (sizeof STRINGS / sizeof STRINGS[0])
static uint64_t string_at[STRING_COUNT];
static uint64_t long_path, unterminated, timespec_small, timespec_huge;

static uint64_t state;

static uint64_t next(void) {
    /* xorshift64*: small, fast and good enough to pick arguments. */
    state ^= state >> 12;
    state ^= state << 25;
    state ^= state >> 27;
    return state * 0x2545f4914f6cdd1dUL;
}

static uint64_t pick(const uint64_t *from, size_t n) {
    return from[next() % n];
}

static uint64_t scratch_pointer(void) {
    uint64_t off = next() % SCRATCH_BYTES;
    if (next() % 4 == 0) {
        off &= ~4095UL;
    }
    return (uint64_t) SCRATCH_AT + off;
}

static uint64_t argument(void) {
    switch (next() % 11) {
        case 0: return next() % 16;
        case 1: return (uint64_t) -(int64_t) (next() % 4);
        case 2: return next();
        case 3: case 4: return scratch_pointer();
        case 5: return pick(WILD, sizeof WILD / sizeof WILD[0]);
        case 6: case 7: return pick(SIZES, sizeof SIZES / sizeof SIZES[0]);
        case 8: return string_at[next() % STRING_COUNT];
        case 9: return next() % 2 ? long_path : unterminated;
        default: return next() % 2 ? timespec_small : timespec_huge;
    }
}

/* An address for a memory call: inside the scratch mapping, or one that no mapping of ours can hold. */
static uint64_t memory_address(void) {
    switch (next() % 4) {
        case 0: case 1: return scratch_pointer();
        case 2: return pick(WILD, sizeof WILD / sizeof WILD[0]) | (next() % 2 ? 0 : 0x800000000000UL);
        default: return 0x800000000000UL + (next() % 0x10000) * 4096;
    }
}

static uint64_t memory_length(uint64_t address) {
    if (address < (uint64_t) SCRATCH_AT || address >= (uint64_t) SCRATCH_AT + SCRATCH_BYTES) {
        return pick(SIZES, sizeof SIZES / sizeof SIZES[0]);
    }
    /* From inside the scratch mapping, never past it: the program's stack lies above. */
    uint64_t room = (uint64_t) SCRATCH_AT + SCRATCH_BYTES - address;
    return next() % (room + 1);
}

static int is_memory_call(long nr) {
    for (size_t i = 0; i < sizeof MEMORY_CALLS / sizeof MEMORY_CALLS[0]; i++) {
        if (MEMORY_CALLS[i] == nr) {
            return 1;
        }
    }
    return 0;
}

static void map_scratch(void) {
    syscall(SYS_mmap, SCRATCH_AT, SCRATCH_BYTES, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED,
            -1, 0);
    if ((long) syscall(SYS_mmap, INPUTS_AT, INPUTS_BYTES, PROT_READ | PROT_WRITE,
            MAP_PRIVATE | MAP_ANONYMOUS | MAP_FIXED, -1, 0) != (long) INPUTS_AT) {
        return;
    }
    char *at = INPUTS_AT;
    for (size_t i = 0; i < STRING_COUNT; i++) {
        size_t n = strlen(STRINGS[i]) + 1;
        memcpy(at, STRINGS[i], n);
        string_at[i] = (uint64_t) at;
        at += n;
    }
    at = (char *) (((uint64_t) at + 15) & ~15UL);
    long times[4] = {0, 1000, 0x7fffffffffffffffL, 999999999};
    memcpy(at, times, sizeof times);
    timespec_small = (uint64_t) at;
    timespec_huge = (uint64_t) at + 16;
    at += sizeof times;
    memcpy(at, "no-terminator-xx", 16);
    unterminated = (uint64_t) at;
    at += 16;
    memset(at, 'p', LONG_PATH_BYTES - 1);
    long_path = (uint64_t) at;
}

static void say(const char *s) {
    syscall(SYS_write, 1, s, strlen(s));
}

static char *decimal(char *at, unsigned long v) {
    char digits[24];
    int n = 0;
    do {
        digits[n++] = (char) ('0' + v % 10);
        v /= 10;
    } while (v != 0);
    while (n > 0) {
        *at++ = digits[--n];
    }
    return at;
}

int main(int argc, char **argv) {
    if (argc < 3) {
        say("rawsys: 0 calls\n");
        return 0;
    }
    state = strtoull(argv[1], NULL, 0) | 1;
    long count = strtol(argv[2], NULL, 0);
    map_scratch();
    unsigned long failed = 0;
    for (long i = 0; i < count; i++) {
        if (i % 32 == 0) {
            /* The calls may have unmapped, moved or protected it: put it back. */
            map_scratch();
        }
        long nr = CALLS[next() % (sizeof CALLS / sizeof CALLS[0])];
        uint64_t a[6];
        for (int k = 0; k < 6; k++) {
            a[k] = argument();
        }
        if (is_memory_call(nr)) {
            if (nr == 214) {
                a[0] = next() % 2 ? 0 : pick(WILD, sizeof WILD / sizeof WILD[0]);
            } else {
                a[0] = memory_address();
                a[1] = memory_length(a[0]);
            }
            if (nr == 216) {
                a[2] = pick(SIZES, sizeof SIZES / sizeof SIZES[0]);
                a[4] = memory_address();
            }
        }
        if (nr == 98) {
            /* FUTEX_WAIT and FUTEX_WAIT_BITSET on a matching word would wait for ever: wake instead. */
            uint64_t cmd = a[1] & 0x7f;
            if (cmd == 0 || cmd == 9 || cmd > 10) {
                a[1] = 1;
            }
        }
        if (nr == 63 || nr == 65 || nr == 67 || nr == 69) {
            /* stdin is what the campaign gave (empty); never a descriptor that could wait. */
            if (a[0] == 0 && next() % 2) {
                a[0] = 3;
            }
        }
        long r = syscall(nr, a[0], a[1], a[2], a[3], a[4], a[5]);
        if (r == -1) {
            failed++;
        }
    }
    char line[96] = "rawsys: ";
    char *at = decimal(line + 8, (unsigned long) count);
    memcpy(at, " calls, ", 8);
    at = decimal(at + 8, failed);
    memcpy(at, " failed\n", 9);
    say(line);
    return 0;
}
