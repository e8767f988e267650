package dev.splitsim.cpu.timing;

import static dev.splitsim.cpu.timing.InstructionClass.INFO;

import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.cpu.isa.Decoded;
import dev.splitsim.cpu.isa.Op;

/**
 * Timing beside function: a single-issue in-order core. Before an instruction executes, the model
 * waits for its source registers (a scoreboard of ready cycles for the 32 integer and 32 FP
 * registers), for a busy divider, and for its fetch and data accesses in the tag-only L1I, L1D and
 * L2; misses block the pipeline. After it, control instructions meet the branch predictor. Each
 * instruction issues in one cycle, so cycles = issued + the stall cycles, cause by cause.
 */
public final class CoreTiming {
    private final int[] classLatency;
    private final int l1Latency;
    private final int l2Latency;
    private final long dramCycles;
    private final int mispredictPenalty;
    private final int takenPenalty;
    private final int syscallCycles;
    private final TagCache l1i;
    private final TagCache l1d;
    private final TagCache l2;
    private final BranchPredictor predictor;
    private final int fetchLineShift;
    private final long[] readyAt = new long[66];
    /**
     * Per opcode: its result latency (its class's, plus the L1 load-to-use latency for loads and
     * AMOs), whether it needs {@link #special} (memory, the divider, system calls), its operands.
     */
    private final long[] steps = new long[Op.COUNT];
    private long dependencyStalls;
    /** No register becomes ready later than this: while it is in the past, sources need no checking. */
    private long latestReady;
    private final long[] stalls = new long[StallCause.NAMES.length];
    private long cycle;
    private long unitBusyUntil;
    private long lastFetchLine = -1;

    public CoreTiming(TimingParams p) {
        this.classLatency = p.classLatency().clone();
        this.l1Latency = p.l1Latency();
        this.l2Latency = p.l2Latency();
        this.dramCycles = p.dramCycles();
        this.mispredictPenalty = p.mispredictPenalty();
        this.takenPenalty = p.takenPenalty();
        this.syscallCycles = p.syscallCycles();
        this.l1i = new TagCache("l1i", p.l1iSize(), p.l1iWays(), p.lineBytes());
        this.l1d = new TagCache("l1d", p.l1dSize(), p.l1dWays(), p.lineBytes());
        this.l2 = new TagCache("l2", p.l2Size(), p.l2Ways(), p.lineBytes());
        this.predictor = new BranchPredictor(p.gshare(), p.btbEntries(), p.tableEntries(), p.historyBits(),
                p.rasEntries());
        this.fetchLineShift = l1i.lineShift();
        for (int op = 0; op < Op.COUNT; op++) {
            int cls = InstructionClass.pipelineClass(INFO[op]);
            boolean memory = cls == InstructionClass.LOAD || cls == InstructionClass.AMO;
            boolean special = cls == InstructionClass.SYSCALL || cls == InstructionClass.DIV
                    || cls == InstructionClass.FDIV || cls == InstructionClass.FSQRT;
            long flags = (special ? SPECIAL : 0) | (memory || cls == InstructionClass.STORE ? MEMORY : 0)
                    | (cls == InstructionClass.STORE ? STORE : 0) | (cls == InstructionClass.AMO ? AMO : 0);
            steps[op] = (classLatency[cls] + (memory ? l1Latency : 0)) | flags | operands(INFO[op]);
        }
    }

    /** Cycles so far (as last handed back by the core): issued instructions plus every stall. */
    public long cycles() {
        return cycle;
    }

    public void setCycles(long now) {
        cycle = now;
    }

    /** Cycles in which an instruction issued: all cycles but the stalls. */
    public long issued() {
        long stalled = dependencyStalls;
        for (long s : stalls) {
            stalled += s;
        }
        return cycle - stalled;
    }

    public long stallCycles(int cause) {
        return cause == StallCause.DEPENDENCY ? dependencyStalls : stalls[cause];
    }

    /** The extra cycles of an access that missed L1: served by L2, or by DRAM after L2. */
    private long missCycles(long address) {
        if (l2.access(address)) {
            stalls[StallCause.L1_MISS] += l2Latency - l1Latency;
            return l2Latency - l1Latency;
        }
        stalls[StallCause.L2_MISS] += l2Latency - l1Latency + dramCycles;
        return l2Latency - l1Latency + dramCycles;
    }

    /**
     * Accounts for the instruction {@code d} at {@code pc} before it executes ({@code x}: its source
     * values), the core being at cycle {@code now}; returns the cycle after it issues. The caller keeps
     * the running cycle and hands it back with {@link #setCycles} whenever others may read the time;
     * memory accesses set it themselves, since a miss path reads it.
     */
    public long before(long d, long pc, long[] x, long now) {
        int op = Decoded.op(d);
        long t = now;
        if ((pc >>> fetchLineShift) != lastFetchLine) {
            t = fetch(pc, t);
        }
        long step = steps[op];
        if (latestReady <= t) {
            // Nothing is outstanding, so no source can stall; a one-cycle result is ready in time anyway.
            if ((step & (MEMORY | SPECIAL)) != 0) {
                t = (step & MEMORY) != 0 ? memory(step, d, x, t) : special(op, t);
            }
            if ((step & LATENCY) > 1) {
                produce(step, d, t + (step & LATENCY));
            }
        } else {
            long[] r = readyAt;
            long ready = Math.max(Math.max(t, r[slot(step, 0, d)]), Math.max(r[slot(step, 1, d)], r[slot(step, 2, d)]));
            dependencyStalls += ready - t;
            t = ready;
            if ((step & (MEMORY | SPECIAL)) != 0) {
                t = (step & MEMORY) != 0 ? memory(step, d, x, t) : special(op, t);
            }
            produce(step, d, t + (step & LATENCY));
        }
        return t + 1;
    }

    private void produce(long step, long d, long readyCycle) {
        readyAt[slot(step, 3, d)] = readyCycle;
        readyAt[0] = 0;
        latestReady = Math.max(latestReady, readyCycle);
    }

    /**
     * Scoreboard slot of operand {@code field} (0..2 sources, 3 destination) of an instruction:
     * 0..31 integer, 32..63 FP, {@link #NO_SOURCE} (always ready), {@link #NO_DEST} (never read).
     */
    private static int slot(long step, int field, long d) {
        int k = (int) (step >>> (OPERAND_SHIFT + 8 * field)) & 0xff;
        return (k & 0x7f) + ((int) (d >>> FIELD_SHIFT[field]) & -(k >>> 7) & 31);
    }

    private static final int NO_SOURCE = 64;
    private static final int NO_DEST = 65;
    /** Where rs1, rs2, rs3 and rd sit in a decoded instruction ({@link Decoded}). */
    private static final int[] FIELD_SHIFT = {14, 19, 24, 9};
    /**
     * A step entry, one per opcode: result latency in bits 0..15, {@link #SPECIAL}, and from
     * {@link #OPERAND_SHIFT} four operand bytes (rs1, rs2, rs3, rd), each a slot base in its low
     * 7 bits and, in its top bit, whether the register number is added to it.
     */
    private static final long LATENCY = 0xffff;
    private static final long SPECIAL = 1L << 16;
    private static final long MEMORY = 1L << 17;
    private static final long STORE = 1L << 18;
    private static final long AMO = 1L << 19;
    private static final int OPERAND_SHIFT = 24;

    private static long operands(int info) {
        int[] kinds = {InstructionClass.src1(info), InstructionClass.src2(info), InstructionClass.src3(info),
            InstructionClass.dest(info)};
        long key = 0;
        for (int f = 0; f < 4; f++) {
            int k = kinds[f] == InstructionClass.X ? 0x80 : kinds[f] == InstructionClass.F ? 0x80 | 32
                    : f == 3 ? NO_DEST : NO_SOURCE;
            key |= (long) k << (OPERAND_SHIFT + 8 * f);
        }
        return key;
    }

    private long fetch(long pc, long t) {
        lastFetchLine = pc >>> fetchLineShift;
        return l1i.access(pc) ? t : t + missCycles(pc);
    }

    /**
     * A data access in the L1D at issue cycle {@code t}; returns the cycle after a blocking miss.
     * Stores retire into a write buffer: a store miss allocates the line without stalling.
     */
    private long memory(long step, long d, long[] x, long t) {
        cycle = t;
        long a = x[Decoded.rs1(d)] + ((step & AMO) != 0 ? 0 : Decoded.imm(d));
        if (l1d.access(a)) {
            return t;
        }
        if ((step & STORE) != 0) {
            l2.access(a);
            return t;
        }
        return t + missCycles(a);
    }

    /** The busy divider and system calls; returns the issue cycle after their stalls. */
    private long special(int op, long t) {
        if (InstructionClass.pipelineClass(INFO[op]) == InstructionClass.SYSCALL) {
            stalls[StallCause.SYSCALL] += syscallCycles;
            return t + syscallCycles;
        }
        // The divider and square-root unit take one operation at a time.
        long start = t;
        if (unitBusyUntil > t) {
            stalls[StallCause.UNIT_BUSY] += unitBusyUntil - t;
            start = unitBusyUntil;
        }
        unitBusyUntil = start + (steps[op] & LATENCY);
        return start;
    }

    /** Trains the branch predictor with a control instruction's outcome; returns {@code now} plus its penalty. */
    public long after(long d, long pc, long next, long now) {
        int op = Decoded.op(d);
        if (op >= Op.JAL && op <= Op.BGEU) {
            return now + control(op, d, pc, next);
        }
        return now;
    }

    private int control(int op, long d, long pc, long next) {
        long fallThrough = pc + Decoded.length(d);
        boolean taken = next != fallThrough;
        int outcome;
        if (op >= Op.BEQ) {
            outcome = predictor.conditional(pc, taken, next);
        } else {
            int rd = Decoded.rd(d);
            int rs1 = Decoded.rs1(d);
            boolean call = rd == 1 || rd == 5;
            boolean ret = op == Op.JALR && rd == 0 && (rs1 == 1 || rs1 == 5);
            outcome = predictor.jump(pc, next, call, ret, fallThrough);
        }
        if (outcome != BranchPredictor.CORRECT) {
            stalls[StallCause.BRANCH_MISPREDICT] += mispredictPenalty;
            return mispredictPenalty;
        }
        if (taken) {
            stalls[StallCause.BRANCH_TAKEN] += takenPenalty;
            return takenPenalty;
        }
        return 0;
    }

    public void registerStats(StatsRegistry registry) {
        for (TagCache c : new TagCache[] {l1i, l1d, l2}) {
            StatGroup g = registry.group(c.name(), "tag-only " + c.name().toUpperCase() + " cache of core 0");
            g.reading("hits", "accesses", "accesses that hit", c::hits);
            g.reading("misses", "accesses", "accesses that missed", c::misses);
            g.formula("miss_rate", "ratio", "misses / accesses",
                    () -> c.hits() + c.misses() == 0 ? 0 : (double) c.misses() / (c.hits() + c.misses()));
        }
        StatGroup b = registry.group("bpred", "branch prediction of core 0");
        b.reading("predictions", "branches", "control instructions predicted", predictor::predictions);
        b.reading("mispredicts", "branches", "mispredicted, all kinds", predictor::mispredicts);
        b.reading("mispredicts.direction", "branches", "conditional branches going the other way",
                () -> predictor.mispredicts(BranchPredictor.DIRECTION));
        b.reading("mispredicts.target", "branches", "taken with no or a wrong BTB target",
                () -> predictor.mispredicts(BranchPredictor.TARGET));
        b.reading("mispredicts.return", "branches", "returns the return-address stack got wrong",
                () -> predictor.mispredicts(BranchPredictor.RETURN));
    }
}
