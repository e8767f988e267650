package dev.splitsim.machine.trace;

import java.util.Locale;

/** The event kinds a trace can hold, as a bit set parsed from {@code --trace fabric,excache,syscall,insn}. */
public final class TraceCategories {
    private TraceCategories() {}

    public static final int FABRIC = 1;
    public static final int EXCACHE = 2;
    public static final int SYSCALL = 4;
    public static final int INSN = 8;
    public static final int ALL = FABRIC | EXCACHE | SYSCALL | INSN;
    private static final String[] NAMES = {"fabric", "excache", "syscall", "insn"};

    /** Parses a comma-separated list ({@code all} for every kind). */
    public static int parse(String list) {
        int set = 0;
        for (String part : list.split(",")) {
            String p = part.trim().toLowerCase(Locale.ROOT);
            if (p.equals("all")) {
                set |= ALL;
                continue;
            }
            int bit = -1;
            for (int i = 0; i < NAMES.length; i++) {
                if (NAMES[i].equals(p)) {
                    bit = 1 << i;
                }
            }
            if (bit < 0) {
                throw new IllegalArgumentException("unknown trace kind '" + part.trim()
                        + "' (expected fabric, excache, syscall, insn or all)");
            }
            set |= bit;
        }
        return set;
    }
}
