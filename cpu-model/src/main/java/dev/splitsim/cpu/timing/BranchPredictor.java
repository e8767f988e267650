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
    /** All ones for gshare (the history joins the index), zero for bimodal. */
    private final int historyUse;
    private final int historyMask;
    private int history;
    private int rasTop;
    private int rasDepth;
    long predictions;
    final long[] mispredicts = new long[4];

    public BranchPredictor(boolean gshare, int btbEntries, int tableEntries, int historyBits, int rasEntries) {
        if (Integer.bitCount(btbEntries) != 1) {
            throw new IllegalArgumentException("bpred.btb_entries must be a power of two, got " + btbEntries);
        }
        if (Integer.bitCount(tableEntries) != 1) {
            throw new IllegalArgumentException("bpred.table_entries must be a power of two, got " + tableEntries);
        }
        if (rasEntries < 1) {
            throw new IllegalArgumentException("bpred.ras_entries must be at least 1, got " + rasEntries);
        }
        this.btbTag = new long[btbEntries];
        this.btbTarget = new long[btbEntries];
        this.counters = new byte[tableEntries];
        this.ras = new long[rasEntries];
        this.historyUse = gshare ? -1 : 0;
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

    /** Next state of a 2-bit counter, indexed by counter * 2 + taken. */
    private static final byte[] NEXT_COUNTER = {0, 1, 0, 2, 1, 3, 2, 3};

    /**
     * A conditional branch at {@code pc} that went to {@code next} rather than {@code fallThrough}.
     * Returns its outcome ({@link #CORRECT}, {@link #DIRECTION} or {@link #TARGET}) in bits 0..1 and
     * whether it was taken in bit 2. Written without data-dependent host branches: guest branches
     * that the host cannot predict would otherwise cost the host a misprediction each, twice.
     */
    public int conditional(long pc, long next, long fallThrough) {
        predictions++;
        long away = next ^ fallThrough;
        int taken = (int) ((away | -away) >>> 63);
        int i = ((int) (pc >>> 1) ^ (history & historyUse)) & (counters.length - 1);
        int counter = counters[i];
        int predictTaken = counter >>> 1;
        counters[i] = NEXT_COUNTER[(counter << 1) | taken];
        int j = btbIndex(pc);
        long miss = (btbTag[j] ^ pc) | (btbTarget[j] ^ next);
        int targetWrong = (int) ((miss | -miss) >>> 63);
        long keep = taken - 1L;
        btbTag[j] = (btbTag[j] & keep) | (pc & ~keep);
        btbTarget[j] = (btbTarget[j] & keep) | (next & ~keep);
        history = ((history << 1) | taken) & historyMask;
        int outcome = (predictTaken ^ taken) * DIRECTION + (taken & predictTaken & targetWrong) * TARGET;
        mispredicts[outcome]++;
        return outcome | taken << 2;
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
