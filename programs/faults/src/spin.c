/* Never ends: only --max-instructions or --max-time stops it (status 124). */
int main(void) {
    volatile unsigned long n = 0;
    for (;;) {
        n++;
    }
}
