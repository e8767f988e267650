/*
 * A bare-metal program that talks to the host only through HTIF, as riscv-tests' benchmarks do:
 * text goes out by the proxied write system call (a block of words whose address is written to
 * tohost) and by the console device's putchar, and the result is the exit request. It checks a
 * small computation and exits with 0 only when the result is right.
 */
#include <stdint.h>

volatile uint64_t tohost __attribute__((section(".htif"), aligned(8)));
volatile uint64_t fromhost __attribute__((section(".htif"), aligned(8)));

#define SYS_WRITE 64
#define DEVICE_CONSOLE 1ULL
#define CONSOLE_PUTCHAR 1ULL

static long host_call(long number, long a0, long a1, long a2)
{
    static volatile uint64_t block[8] __attribute__((aligned(64)));
    block[0] = number;
    block[1] = a0;
    block[2] = a1;
    block[3] = a2;
    __sync_synchronize();
    tohost = (uint64_t)(uintptr_t)block;
    while (fromhost == 0) {
    }
    fromhost = 0;
    __sync_synchronize();
    return (long)block[0];
}

static long write_text(int fd, const char *s)
{
    long n = 0;
    while (s[n]) {
        n++;
    }
    return host_call(SYS_WRITE, fd, (long)(uintptr_t)s, n);
}

static void console_putchar(char c)
{
    tohost = DEVICE_CONSOLE << 56 | CONSOLE_PUTCHAR << 48 | (uint8_t)c;
    while (fromhost == 0) {
    }
    fromhost = 0;
}

static void write_number(unsigned long v)
{
    char digits[24];
    int i = sizeof digits - 1;
    digits[i] = 0;
    do {
        digits[--i] = '0' + v % 10;
        v /= 10;
    } while (v);
    write_text(1, digits + i);
}

static void __attribute__((noreturn)) exit_with(unsigned long status)
{
    tohost = status << 1 | 1;
    for (;;) {
    }
}

/* Primes below n by trial division: enough work to be timed, a known answer. */
static unsigned long count_primes(unsigned long n)
{
    unsigned long count = 0;
    for (unsigned long k = 2; k < n; k++) {
        unsigned long d = 2;
        while (d * d <= k && k % d != 0) {
            d++;
        }
        count += d * d > k;
    }
    return count;
}

int main(void)
{
    write_text(1, "hello from bare metal\n");
    unsigned long primes = count_primes(20000);
    write_text(1, "primes below 20000: ");
    write_number(primes);
    write_text(1, "\n");
    long bad = host_call(SYS_WRITE, 7, (long)(uintptr_t)"x", 1);
    write_text(1, bad == -9 ? "write to fd 7: EBADF\n" : "write to fd 7: unexpected\n");
    const char *tail = "console ok\n";
    while (*tail) {
        console_putchar(*tail++);
    }
    write_text(2, "done\n");
    return primes == 2262 ? 0 : 1;
}

void __attribute__((section(".text.start"), naked, noreturn)) _start(void)
{
    __asm__ volatile(
        ".option push\n"
        ".option norelax\n"
        "la gp, __global_pointer$\n"
        ".option pop\n"
        "la sp, stack_top\n"
        "call start_c\n");
}

void __attribute__((noreturn, used)) start_c(void)
{
    exit_with(main());
}
