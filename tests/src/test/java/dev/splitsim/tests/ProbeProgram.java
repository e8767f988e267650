package dev.splitsim.tests;

import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Assumptions;

/**
 * The small C program the debugger and gdb tests stop inside: a static table whose pages the first
 * loop touches, a global the program writes once (for watchpoints and memory writes), a call chain
 * main -> sum and an FP result, and an exit status the debugger can change through memory.
 */
final class ProbeProgram {
    private ProbeProgram() {}

    static final String SOURCE = String.join("\n",
            "#include <stdio.h>",
            "",
            "static long table[8192];",
            "double scale = 1.5;",
            "long counter;",
            "",
            "long sum(long *a, long n) {",
            "    long s = 0;",
            "    for (long i = 0; i < n; i += 512) {",
            "        s += a[i];",
            "    }",
            "    return s;",
            "}",
            "",
            "double scaled(long v) {",
            "    return v * scale;",
            "}",
            "",
            "int main(void) {",
            "    for (long i = 0; i < 8192; i += 512) {",
            "        table[i] = i;",
            "    }",
            "    counter = 7;",
            "    long s = sum(table, 8192);",
            "    double d = scaled(s);",
            "    printf(\"sum %ld scaled %.1f counter %ld\\n\", s, d, counter);",
            "    return (int) counter;",
            "}",
            "");

    /** What the program prints when nobody interferes. */
    static final String OUTPUT = "sum 61440 scaled 92160.0 counter 7\n";

    /** Builds the program, or skips the calling test when the cross compiler is absent. */
    static Path build(Path dir) throws IOException, InterruptedException {
        Assumptions.assumeTrue(Tools.onPath("riscv64-linux-gnu-gcc"),
                "riscv64-linux-gnu-gcc is not installed: skipping (the test needs a program with symbols and -g)");
        return Tools.compileDebugProgram(dir, "probe", SOURCE);
    }
}
