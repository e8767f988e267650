package dev.splitsim.cpu.exec;

/** The M extension's results where Java's operators differ from RISC-V (division by zero, overflow, unsigned). */
final class IntegerOps {
    private IntegerOps() {}

    static long mulhu(long a, long b) {
        return Math.multiplyHigh(a, b) + ((a >> 63) & b) + ((b >> 63) & a);
    }

    static long mulhsu(long a, long b) {
        return Math.multiplyHigh(a, b) + ((b >> 63) & a);
    }

    static long div(long a, long b) {
        if (b == 0) {
            return -1;
        }
        return b == -1 ? -a : a / b;
    }

    static long divu(long a, long b) {
        return b == 0 ? -1 : Long.divideUnsigned(a, b);
    }

    static long rem(long a, long b) {
        if (b == 0) {
            return a;
        }
        return b == -1 ? 0 : a % b;
    }

    static long remu(long a, long b) {
        return b == 0 ? a : Long.remainderUnsigned(a, b);
    }

    static long divw(int a, int b) {
        if (b == 0) {
            return -1;
        }
        return b == -1 ? -a : a / b;
    }

    static long divuw(int a, int b) {
        return b == 0 ? -1 : (int) Integer.divideUnsigned(a, b);
    }

    static long remw(int a, int b) {
        if (b == 0) {
            return a;
        }
        return b == -1 ? 0 : a % b;
    }

    static long remuw(int a, int b) {
        return b == 0 ? a : (int) Integer.remainderUnsigned(a, b);
    }
}
