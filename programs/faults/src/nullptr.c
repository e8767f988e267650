/* Dereferences a null pointer: the run must end with a guest fault report and status 139. */
#include <stdio.h>

int main(int argc, char **argv) {
    volatile int *p = (volatile int *) (long) (argc - 1);
    printf("about to fault\n");
    fflush(stdout);
    return *p;
}
