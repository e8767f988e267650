package dev.splitsim.kernel.process;

/**
 * One system call as traces and the debugger show it: who made it (core, pc), when it started and
 * when the core could go on (remote calls included), its name, six argument registers and result.
 */
public record SyscallRecord(int core, long pc, long startTick, long endTick, int number, String name, long[] args,
        long result) {

    /** {@code name(a0, a1, a2) = result}: the first three arguments, hex beyond small numbers. */
    public String call() {
        StringBuilder b = new StringBuilder(name).append('(');
        for (int i = 0; i < 3; i++) {
            b.append(i == 0 ? "" : ", ").append(number(args[i]));
        }
        return b.append(") = ").append(result).toString();
    }

    private static String number(long v) {
        return v >= -4096 && v < 4096 ? Long.toString(v) : "0x" + Long.toHexString(v);
    }
}
