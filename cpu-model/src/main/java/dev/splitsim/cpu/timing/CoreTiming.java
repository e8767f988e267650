package dev.splitsim.cpu.timing;

import static dev.splitsim.cpu.timing.InstructionClass.INFO;

import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import java.util.function.LongSupplier;
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
    private final long[] stalls = new long[StallCause.NAMES.length];
    private long cycle;
    private long unitBusyUntil;
    private long lastFetchLine = -1;
    /** The data TLB of a machine that translates on the CPU side (tag-only, a page per entry); null when none. */
    private TagCache dtlb;
    private long walkCycles;

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
            long flags = special ? SPECIAL : 0;
            steps[op] = (classLatency[cls] + (memory ? l1Latency : 0)) | flags | operands(INFO[op]);
        }
    }

    /**
     * Gives the core a data TLB of {@code entries} pages in {@code ways} ways: a load or store whose
     * page misses it stalls {@code walkCycles} for the page-table walk. Only machines that translate
     * on the CPU side have one; the split machine's ExCache is virtually tagged.
     */
    public void setDataTlb(int entries, int ways, long walkCycles) {
        this.dtlb = new TagCache("tlb", (long) entries << 12, ways, 1 << 12);
        this.walkCycles = walkCycles;
    }

    /** Empties the data TLB (another core's shootdown flushed it); nothing without a TLB. */
    public void flushDataTlb() {
        if (dtlb != null) {
            dtlb.invalidateAll();
        }
    }

    /** Data TLB misses so far; 0 without a TLB. */
    public long tlbMisses() {
        return dtlb == null ? 0 : dtlb.misses();
    }

    /** The walk's cycles when {@code address}'s page misses the data TLB, else 0. */
    private long translate(long address) {
        if (dtlb == null || dtlb.access(address)) {
            return 0;
        }
        stalls[StallCause.TLB_MISS] += walkCycles;
        return walkCycles;
    }

    /** Cycles so far (as last handed back by the core): issued instructions plus every stall. */
    public long cycles() {
        return cycle;
    }

    public void setCycles(long now) {
        cycle = now;
    }

    /**
     * The system call just issued is one run again after its thread slept on a reply: the thread
     * stayed in the kernel meanwhile, so the entry charged at its first issue is not charged twice.
     */
    public void reenterSystemCall() {
        cycle -= syscallCycles;
        stalls[StallCause.SYSCALL] -= syscallCycles;
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
     * The issue of {@code d} reduced to what does not change from one execution to the next: its
     * source and destination scoreboard slots, result latency, and whether it needs
     * {@link #special}. A destination of x0 becomes the slot no one reads, so x0 stays ready.
     */
    private long resolve(long d) {
        int op = Decoded.op(d);
        long step = steps[op];
        int s1;
        int s2;
        int s3;
        int dest;
        if ((step & (GENERAL | FP_ANY)) == 0) {
            s1 = Decoded.rs1(d);
            s2 = Decoded.rs2(d);
            s3 = NO_SOURCE;
            dest = Decoded.rd(d);
        } else if ((step & GENERAL) == 0) {
            int fp = (int) (step >>> FP_SHIFT);
            s1 = Decoded.rs1(d) + ((fp << 5) & 32);
            s2 = Decoded.rs2(d) + ((fp << 4) & 32);
            s3 = Decoded.rs3(d) + ((fp << 3) & 32);
            dest = Decoded.rd(d) + ((fp << 2) & 32);
        } else {
            s1 = slot(step, 0, d);
            s2 = slot(step, 1, d);
            s3 = slot(step, 2, d);
            dest = slot(step, 3, d);
        }
        if (dest == 0) {
            dest = NO_DEST;
        }
        return s1 | (long) s2 << R_SRC2 | (long) s3 << R_SRC3 | (long) dest << R_DEST | (long) op << R_OP
                | (step & LATENCY) << R_LATENCY | ((step & SPECIAL) != 0 ? R_SPECIAL : 0);
    }

    /** What follows an instruction's issue in {@link #replay}: nothing, a load, a store, or handing the time back. */
    public static final int THEN_NOTHING = 0;
    public static final int THEN_LOAD = 1;
    public static final int THEN_STORE = 2;
    public static final int THEN_PUBLISH = 3;

    /**
     * Resolves the {@code count} instructions of a block starting at {@code startPc} for
     * {@link #replay}, into {@code into} when it is long enough: each one's operands and latency,
     * what follows its issue ({@code then}, THEN_ constants), its byte offset from the start, and
     * whether it may start a new fetch line (the first, and those not in the line of the one before).
     */
    public long[] resolveBlock(long startPc, long[] insns, byte[] then, int count, long[] into) {
        long[] out = into != null && into.length >= count ? into : new long[count];
        long pc = startPc;
        for (int j = 0; j < count; j++) {
            long d = insns[j];
            long offset = pc - startPc;
            if (offset >= 1L << (64 - R_OFFSET)) {
                throw new IllegalArgumentException("a block of " + count + " instructions is past the reach of a step");
            }
            boolean newLine = j == 0 || ((pc - Decoded.length(insns[j - 1])) >>> fetchLineShift) != (pc >>> fetchLineShift);
            out[j] = resolve(d) | (long) then[j] << R_THEN | offset << R_OFFSET | (newLine ? R_NEW_LINE : 0);
            pc += Decoded.length(d);
        }
        return out;
    }

    /**
     * Times instructions {@code from} up to {@code to} (exclusive) of a block starting at
     * {@code startPc}, resolved by {@link #resolveBlock}, the next issue being due at {@code now},
     * and returns the cycle after the last one issued. Each instruction waits for its fetch, its
     * source registers and a busy unit, marks when its result will be ready and issues; then
     * comes the load or store it made at {@code addresses[j]} (a blocking load miss delays the
     * next issue and the loaded value alike; a store retires into a write buffer) or, for an
     * instruction that reads the time, the model's time handed back ({@link #cycles}).
     */
    public long replay(long[] resolved, long[] addresses, int from, int to, long startPc, long now) {
        final long[] r = readyAt;
        long c = now;
        long waited = 0;
        for (int j = from; j < to; j++) {
            long s = resolved[j];
            long t = c;
            if ((s & R_NEW_LINE) != 0) {
                long pc = startPc + (s >>> R_OFFSET);
                if ((pc >>> fetchLineShift) != lastFetchLine) {
                    t = fetch(pc, t);
                }
            }
            long ready = Math.max(Math.max(t, r[(int) s & R_SLOT]),
                    Math.max(r[(int) (s >>> R_SRC2) & R_SLOT], r[(int) (s >>> R_SRC3) & R_SLOT]));
            waited += ready - t;
            if ((s & R_SPECIAL) != 0) {
                ready = special((int) (s >>> R_OP) & 0xff, ready);
            }
            r[(int) (s >>> R_DEST) & R_SLOT] = ready + ((s >>> R_LATENCY) & LATENCY);
            c = ready + 1;
            int then = (int) (s >>> R_THEN) & 3;
            if (then != THEN_NOTHING) {
                if (then == THEN_LOAD) {
                    c = load(addresses[j], (int) (s >>> R_DEST) & R_SLOT, c);
                } else if (then == THEN_STORE) {
                    c = store(addresses[j], c);
                } else {
                    cycle = c;
                }
            }
        }
        dependencyStalls += waited;
        return c;
    }

    /**
     * The common-case issue of a block resolved by {@link #resolveBlock} ({@link BlockSchedule}),
     * or null for a block too short to gain from one or with an instruction that needs
     * {@link #special} (the divider's and system calls' time depends on more than the block).
     */
    public BlockSchedule schedule(long[] resolved, int count) {
        if (count < 3) {
            return null;
        }
        for (int j = 0; j < count; j++) {
            if ((resolved[j] & R_SPECIAL) != 0) {
                return null;
            }
        }
        long[] ready = new long[readyAt.length];
        boolean[] written = new boolean[readyAt.length];
        boolean[] live = new boolean[readyAt.length];
        int[] liveSlots = new int[3 * count];
        long[] liveBy = new long[3 * count];
        int lives = 0;
        int[] events = new int[count];
        int eventCount = 0;
        long[] due = new long[count];
        long[] resultReady = new long[count];
        long[] waitedBefore = new long[count];
        long[] publishedBefore = new long[count];
        long c = 0;
        long waited = 0;
        long published = BlockSchedule.NONE;
        for (int j = 0; j < count; j++) {
            long s = resolved[j];
            int then = (int) (s >>> R_THEN) & 3;
            if ((s & R_NEW_LINE) != 0 || then == THEN_LOAD || then == THEN_STORE) {
                events[eventCount++] = j;
            }
            due[j] = c;
            waitedBefore[j] = waited;
            publishedBefore[j] = published;
            long r = c;
            for (int k = 0; k < 3; k++) {
                int slot = (int) (s >>> (7 * k)) & R_SLOT;
                if (slot == 0 || slot == NO_SOURCE) {
                    continue;
                }
                if (written[slot]) {
                    r = Math.max(r, ready[slot]);
                } else if (!live[slot]) {
                    live[slot] = true;
                    liveSlots[lives] = slot;
                    liveBy[lives++] = c;
                }
            }
            waited += r - c;
            int dest = (int) (s >>> R_DEST) & R_SLOT;
            resultReady[j] = r + ((s >>> R_LATENCY) & LATENCY);
            ready[dest] = resultReady[j];
            written[dest] = true;
            c = r + 1;
            if (then != THEN_NOTHING) {
                published = c;
            }
        }
        int dests = 0;
        int[] destSlots = new int[count];
        long[] destReady = new long[count];
        for (int slot = 0; slot < NO_DEST; slot++) {
            if (written[slot]) {
                destSlots[dests] = slot;
                destReady[dests++] = ready[slot];
            }
        }
        return new BlockSchedule(java.util.Arrays.copyOf(liveSlots, lives), java.util.Arrays.copyOf(liveBy, lives),
                java.util.Arrays.copyOf(events, eventCount), due, resultReady, waitedBefore, publishedBefore,
                java.util.Arrays.copyOf(destSlots, dests), java.util.Arrays.copyOf(destReady, dests), c, waited,
                published);
    }

    /**
     * Times a whole block, as {@link #replay} from its first instruction to its last does, through
     * its {@link BlockSchedule} when it has one: with its inputs ready in time, only its fetches and
     * accesses are made, and while they hit, nothing else is computed per instruction. The first
     * that would miss hands the state before its instruction to {@link #replay}, which goes on from
     * there. A cache is only touched by an access that hits (which moves no line in or out), so up
     * to that point the caches are as {@link #replay} would have left them.
     */
    public long replayBlock(long[] resolved, BlockSchedule plan, long[] addresses, int count, long startPc, long now) {
        final long[] r = readyAt;
        if (plan == null || !inputsReady(plan, now)) {
            return replay(resolved, addresses, 0, count, startPc, now);
        }
        final int[] events = plan.events;
        for (int e = 0; e < events.length; e++) {
            int j = events[e];
            long s = resolved[j];
            if ((s & R_NEW_LINE) != 0) {
                long pc = startPc + (s >>> R_OFFSET);
                long line = pc >>> fetchLineShift;
                if (line != lastFetchLine) {
                    if (!l1i.accessIfPresent(pc)) {
                        return resume(resolved, plan, addresses, j, count, startPc, now);
                    }
                    lastFetchLine = line;
                }
            }
            int then = (int) (s >>> R_THEN) & 3;
            if (then == THEN_LOAD || then == THEN_STORE) {
                long a = addresses[j];
                if (dtlb != null && !dtlb.holds(a) || !l1d.accessIfPresent(a)) {
                    return resume(resolved, plan, addresses, j, count, startPc, now);
                }
                if (dtlb != null) {
                    dtlb.access(a);
                }
            }
        }
        final int[] slots = plan.destSlots;
        final long[] ready = plan.destReady;
        for (int k = 0; k < slots.length; k++) {
            r[slots[k]] = now + ready[k];
        }
        dependencyStalls += plan.waited;
        if (plan.published != BlockSchedule.NONE) {
            cycle = now + plan.published;
        }
        return now + plan.end;
    }

    private boolean inputsReady(BlockSchedule plan, long now) {
        final int[] slots = plan.liveSlots;
        final long[] by = plan.liveBy;
        for (int k = 0; k < slots.length; k++) {
            if (readyAt[slots[k]] > now + by[k]) {
                return false;
            }
        }
        return true;
    }

    /** The state {@link #replay} would have before instruction {@code j}, every access before it having hit; then replay from it. */
    private long resume(long[] resolved, BlockSchedule plan, long[] addresses, int j, int count, long startPc, long now) {
        final long[] r = readyAt;
        for (int i = 0; i < j; i++) {
            r[(int) (resolved[i] >>> R_DEST) & R_SLOT] = now + plan.resultReady[i];
        }
        dependencyStalls += plan.waitedBefore[j];
        if (plan.publishedBefore[j] != BlockSchedule.NONE) {
            cycle = now + plan.publishedBefore[j];
        }
        return replay(resolved, addresses, j, count, startPc, now + plan.due[j]);
    }

    /** A resolved issue: four 7-bit scoreboard slots (rs1, rs2, rs3, rd), the opcode, the latency, special. */
    private static final int R_SLOT = 0x7f;
    private static final int R_SRC2 = 7;
    private static final int R_SRC3 = 14;
    private static final int R_DEST = 21;
    private static final int R_OP = 28;
    private static final int R_LATENCY = 36;
    private static final long R_SPECIAL = 1L << 52;
    private static final int R_THEN = 53;
    private static final int R_OFFSET = 56;
    private static final long R_NEW_LINE = 1L << 55;

    /**
     * The load (or the read of an atomic) of the instruction issued last, at {@code address}, into
     * scoreboard slot {@code slot} (x0..x31, then f0..f31), the next issue being due at {@code t};
     * returns that cycle moved on by a blocking miss, which delays the loaded value as much.
     */
    public long load(long address, int slot, long t) {
        long done = t + translate(address);
        if (!l1d.access(address)) {
            long stall = missCycles(address);
            readyAt[slot] += stall;
            readyAt[0] = 0;
            done += stall;
        }
        cycle = done;
        return done;
    }

    /** A store: it retires into a write buffer, so a miss allocates the line without stalling. */
    public long store(long address, long t) {
        // The write buffer needs the translation before the store can retire.
        long done = t + translate(address);
        cycle = done;
        if (!l1d.access(address)) {
            l2.access(address);
        }
        return done;
    }

    /**
     * A data access of an instruction outside the interpreter's main loop, at the cycle last handed
     * back: a store, or a load into scoreboard slot {@code slot} (integer registers, then FP).
     */
    public void access(long address, boolean isStore, int slot) {
        cycle = isStore ? store(address, cycle) : load(address, slot, cycle);
    }

    /**
     * A conditional branch at {@code pc} issued before {@code t}, the next issue cycle, meets the
     * branch predictor, which learns where it went ({@code next}); returns {@code t} plus a
     * mispredict or taken-branch penalty, computed without host branches on the outcome.
     */
    public long branch(long pc, long next, long fallThrough, long t) {
        int r = predictor.conditional(pc, next, fallThrough);
        int wrong = ((r & 3) + 3) >>> 2;
        int takenRight = (r >>> 2) & (wrong ^ 1);
        long mispredict = (long) wrong * mispredictPenalty;
        long bubble = (long) takenRight * takenPenalty;
        stalls[StallCause.BRANCH_MISPREDICT] += mispredict;
        stalls[StallCause.BRANCH_TAKEN] += bubble;
        return t + mispredict + bubble;
    }

    /** A jump (jal, jalr) at {@code pc} to {@code next}: as {@link #branch}, with calls and returns on the stack. */
    public long jump(long d, long pc, long next, long t) {
        int rd = Decoded.rd(d);
        int rs1 = Decoded.rs1(d);
        boolean call = rd == 1 || rd == 5;
        boolean ret = Decoded.op(d) == Op.JALR && rd == 0 && (rs1 == 1 || rs1 == 5);
        long fallThrough = pc + Decoded.length(d);
        if (predictor.jump(pc, next, call, ret, fallThrough) != BranchPredictor.CORRECT) {
            stalls[StallCause.BRANCH_MISPREDICT] += mispredictPenalty;
            return t + mispredictPenalty;
        }
        if (next == fallThrough) {
            return t;
        }
        stalls[StallCause.BRANCH_TAKEN] += takenPenalty;
        return t + takenPenalty;
    }

    /**
     * Scoreboard slot of operand {@code field} (0..2 sources, 3 destination) of an instruction:
     * 0..31 integer, 32..63 FP, {@link #NO_SOURCE} (always ready), {@link #NO_DEST} (never read).
     */
    private static int slot(long step, int field, long d) {
        int k = (int) (step >>> (OPERAND_SHIFT + 8 * field)) & 0xff;
        // rs1, rs2 and rs3 sit at bits 14, 19 and 24 of a decoded instruction, rd at bit 9 ({@link Decoded}).
        int shift = field == 3 ? 9 : 14 + 5 * field;
        return (k & 0x7f) + ((int) (d >>> shift) & -(k >>> 7) & 31);
    }

    private static final int NO_SOURCE = 64;
    private static final int NO_DEST = 65;
    /**
     * A step entry, one per opcode: result latency in bits 0..15, {@link #SPECIAL}, {@link #PLAIN}, and from
     * {@link #OPERAND_SHIFT} four operand bytes (rs1, rs2, rs3, rd), each a slot base in its low
     * 7 bits and, in its top bit, whether the register number is added to it.
     */
    private static final long LATENCY = 0xffff;
    private static final long SPECIAL = 1L << 16;
    /**
     * Operands not where the fast path looks: a system instruction (CSR immediates sit in rs1) or an
     * atomic (its ordering bits sit in rs3).
     */
    private static final long GENERAL = 1L << 17;
    /** Four bits, for rs1, rs2, rs3 and rd: whether it names an FP register. */
    private static final int FP_SHIFT = 18;
    private static final long FP_ANY = 0xfL << FP_SHIFT;
    private static final int OPERAND_SHIFT = 24;

    private static long operands(int info) {
        int[] kinds = {InstructionClass.src1(info), InstructionClass.src2(info), InstructionClass.src3(info),
            InstructionClass.dest(info)};
        long key = 0;
        for (int f = 0; f < 4; f++) {
            int k = kinds[f] == InstructionClass.X ? 0x80 : kinds[f] == InstructionClass.F ? 0x80 | 32
                    : f == 3 ? NO_DEST : NO_SOURCE;
            key |= (long) k << (OPERAND_SHIFT + 8 * f);
            key |= kinds[f] == InstructionClass.F ? 1L << (FP_SHIFT + f) : 0;
        }
        return key | (general(info) ? GENERAL : 0);
    }

    /** Whether the decoder may leave an operand field that is not read nonzero ({@link #GENERAL}). */
    static boolean general(int info) {
        int cls = InstructionClass.pipelineClass(info);
        return cls == InstructionClass.SYSTEM || cls == InstructionClass.SYSCALL || cls == InstructionClass.AMO;
    }

    private long fetch(long pc, long t) {
        lastFetchLine = pc >>> fetchLineShift;
        return l1i.access(pc) ? t : t + missCycles(pc);
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

    /** The caches' and predictors' statistics, summed over the cores' timing models. */
    public static void registerStats(StatsRegistry registry, CoreTiming[] cores) {
        String[] names = {"l1i", "l1d", "l2"};
        for (int k = 0; k < names.length; k++) {
            int which = k;
            StatGroup g = registry.group(names[k], "tag-only " + names[k].toUpperCase() + " caches, summed over the cores");
            LongSupplier hits = () -> sum(cores, t -> t.caches()[which].hits());
            LongSupplier misses = () -> sum(cores, t -> t.caches()[which].misses());
            g.reading("hits", "accesses", "accesses that hit", hits);
            g.reading("misses", "accesses", "accesses that missed", misses);
            g.formula("miss_rate", "ratio", "misses / accesses", () -> {
                long h = hits.getAsLong();
                long m = misses.getAsLong();
                return h + m == 0 ? 0 : (double) m / (h + m);
            });
        }
        StatGroup b = registry.group("bpred", "branch prediction, summed over the cores");
        b.reading("predictions", "branches", "control instructions predicted", () -> sum(cores, t -> t.predictor.predictions()));
        b.reading("mispredicts", "branches", "mispredicted, all kinds", () -> sum(cores, t -> t.predictor.mispredicts()));
        b.reading("mispredicts.direction", "branches", "conditional branches going the other way",
                () -> sum(cores, t -> t.predictor.mispredicts(BranchPredictor.DIRECTION)));
        b.reading("mispredicts.target", "branches", "taken with no or a wrong BTB target",
                () -> sum(cores, t -> t.predictor.mispredicts(BranchPredictor.TARGET)));
        b.reading("mispredicts.return", "branches", "returns the return-address stack got wrong",
                () -> sum(cores, t -> t.predictor.mispredicts(BranchPredictor.RETURN)));
    }

    private TagCache[] caches() {
        return new TagCache[] {l1i, l1d, l2};
    }

    private static long sum(CoreTiming[] cores, java.util.function.ToLongFunction<CoreTiming> f) {
        long total = 0;
        for (CoreTiming t : cores) {
            total += f.applyAsLong(t);
        }
        return total;
    }
}
