package dev.splitsim.cpu.timing;

/**
 * Fetch-side prediction: a direct-mapped BTB of targets, a table of 2-bit direction counters
 * indexed by pc (bimodal) or by pc xor global history (gshare), and a return-address stack.
 * Each control instruction is predicted and then trained with its real outcome.
 */
public final class BranchPredictor {
    public static final int CORRECT = 0;
    public static final int DIRECTION = 1;
    public static final int TARGET = 2;
    public static final int RETURN = 3;

    private final long[] btbTag;
    private final long[] btbTarget;
    private final byte[] counters;
    private final long[] ras;
    private final boolean gshare;
    private final int historyMask;
    private int history;
    private int rasTop;
    private int rasDepth;
    long predictions;
    final long[] mispredicts = new long[4];

    public BranchPredictor(boolean gshare, int btbEntries, int tableEntries, int historyBits, int rasEntries) {
        if (Integer.bitCount(btbEntries) != 1 || Integer.bitCount(tableEntries) != 1 || rasEntries < 1) {
            throw new IllegalArgumentException("bpred.btb_entries and bpred.table_entries must be powers of two");
        }
        this.btbTag = new long[btbEntries];
        this.btbTarget = new long[btbEntries];
        this.counters = new byte[tableEntries];
        this.ras = new long[rasEntries];
        this.gshare = gshare;
        this.historyMask = (1 << Math.min(historyBits, 30)) - 1;
        java.util.Arrays.fill(btbTag, -1L);
        java.util.Arrays.fill(counters, (byte) 1);
    }

    private int btbIndex(long pc) {
        return (int) (pc >>> 1) & (btbTag.length - 1);
    }

    private long btbLookup(long pc) {
        int i = btbIndex(pc);
        return btbTag[i] == pc ? btbTarget[i] : -1L;
    }

    private void btbUpdate(long pc, long target) {
        int i = btbIndex(pc);
        btbTag[i] = pc;
        btbTarget[i] = target;
    }

    /** A conditional branch that went {@code taken} to {@code target}. */
    public int conditional(long pc, boolean taken, long target) {
        predictions++;
        int i = (int) (pc >>> 1);
        if (gshare) {
            i ^= history;
        }
        i &= counters.length - 1;
        boolean predictTaken = counters[i] >= 2;
        long predicted = predictTaken ? btbLookup(pc) : -1L;
        if (taken) {
            counters[i] = (byte) Math.min(3, counters[i] + 1);
            btbUpdate(pc, target);
        } else {
            counters[i] = (byte) Math.max(0, counters[i] - 1);
        }
        history = ((history << 1) | (taken ? 1 : 0)) & historyMask;
        int outcome = predictTaken != taken ? DIRECTION : taken && predicted != target ? TARGET : CORRECT;
        mispredicts[outcome]++;
        return outcome;
    }

    /** An unconditional jump (jal, jalr); calls push their return address, returns pop it. */
    public int jump(long pc, long target, boolean call, boolean isReturn, long returnAddress) {
        predictions++;
        int outcome;
        if (isReturn && rasDepth > 0) {
            rasTop = (rasTop + ras.length - 1) % ras.length;
            rasDepth--;
            outcome = ras[rasTop] == target ? CORRECT : RETURN;
        } else {
            outcome = btbLookup(pc) == target ? CORRECT : isReturn ? RETURN : TARGET;
            btbUpdate(pc, target);
        }
        if (call) {
            ras[rasTop] = returnAddress;
            rasTop = (rasTop + 1) % ras.length;
            rasDepth = Math.min(rasDepth + 1, ras.length);
        }
        mispredicts[outcome]++;
        return outcome;
    }

    public long predictions() {
        return predictions;
    }

    public long mispredicts() {
        return mispredicts[DIRECTION] + mispredicts[TARGET] + mispredicts[RETURN];
    }

    public long mispredicts(int kind) {
        return mispredicts[kind];
    }
}
