/* Executes an all-ones word, which no RISC-V extension of the machine defines: status 132. */
int main(void) {
    __asm__ volatile(".word 0xffffffff");
    return 0;
}
