#include <stdio.h>

int main(void) {
    printf("Hello from splitsim!\n");
    return 0;
}
