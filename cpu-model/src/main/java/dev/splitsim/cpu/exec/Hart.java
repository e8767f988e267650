package dev.splitsim.cpu.exec;

import static dev.splitsim.cpu.isa.Decoded.imm;
import static dev.splitsim.cpu.isa.Decoded.length;
import static dev.splitsim.cpu.isa.Decoded.rd;
import static dev.splitsim.cpu.isa.Decoded.rs1;
import static dev.splitsim.cpu.isa.Decoded.rs2;
import static dev.splitsim.cpu.isa.Decoded.rs3;

import dev.splitsim.cpu.isa.Decoded;
import dev.splitsim.cpu.isa.Op;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.cpu.timing.CoreTiming;
import dev.splitsim.cpu.timing.StallCause;
import java.util.function.LongSupplier;

/**
 * One RV64GC hardware thread: architectural state, the interpreter loop, CSRs and traps.
 * The public surface is the contract the kernel and the machine rely on.
 *
 * <p>The loop fetches a decoded {@code long} from the {@link DecodeCache}, switches on its opcode
 * and touches memory only through the {@link SoftTlb}; neither allocates. A fault inside an
 * instruction unwinds with the hart's single reusable {@link Trap} and is delivered between
 * instructions, so traps are precise: the faulting instruction has changed nothing.
 */
public final class Hart {
    /** The most cores a CPU component has (per-core tables elsewhere are sized by it). */
    public static final int MAX_CORES = 64;
    public static final int PRIV_U = 0;
    public static final int PRIV_S = 1;
    public static final int PRIV_M = 3;

    /** RV64 with A, C, D, F, I, M and U-mode. */
    private static final long MISA = (2L << 62) | (1L << 0) | (1L << 2) | (1L << 3) | (1L << 5) | (1L << 8)
            | (1L << 12) | (1L << 20);
    private static final long MSTATUS_WRITABLE = Csr.MSTATUS_MIE | Csr.MSTATUS_MPIE | Csr.MSTATUS_MPP
            | Csr.MSTATUS_FS | Csr.MSTATUS_MPRV | Csr.MSTATUS_TW;
    private static final long INTERRUPT_BITS = (1L << 3) | (1L << 7) | (1L << 11);
    /** Picoseconds per tick of the 10 MHz timebase behind the time CSR. */
    private static final long TICKS_PER_TIMEBASE = 100_000L;

    /** Hart id (mhartid). */
    public final int id;
    /** Integer registers; x[0] reads as zero whatever is stored there. */
    public final long[] x = new long[32];
    /** FP registers as raw bits; singles NaN-boxed. */
    public final long[] f = new long[32];
    public final Fpu fpu = new Fpu();
    public long pc;

    private final Trap trap = new Trap();
    private final SoftTlb mem;
    private final DecodeCache code;
    private UserTrapHandler userTraps;
    private LongSupplier timeSource;
    private int privilege = PRIV_M;
    private boolean stopRequested;
    private boolean inRun;
    private boolean waitingForPage;

    /** Instructions completed; the only counter the loop updates. */
    private long retired;
    /** Instructions that trapped instead of completing: they use up a run's budget but do not retire. */
    private long traps;
    /** minstret = retired + instretOffset, so software can write minstret. */
    private long instretOffset;
    private long extraCycles;
    /** Cycles charged from outside the core (ExCache misses, system calls), by {@link StallCause}. */
    private final long[] extraByCause = new long[StallCause.NAMES.length];
    /** The timing model, or null in functional mode (one cycle per instruction). */
    private CoreTiming timing;
    private int frm;
    private long mstatus = Csr.MSTATUS_FS | (2L << 32);
    private long mtvec;
    private long mepc;
    private long mcause;
    private long mtval;
    private long mscratch;
    private long mie;
    private long mip;
    private long mcounteren = 7;
    private long menvcfg;
    private long mcountinhibit;
    private final long[] pmpaddr = new long[64];
    private final long[] pmpcfg = new long[16];
    private long reservation = -1L;

    /** The code page of the current pc, its base address and the decode epoch it was fetched in. */
    private DecodeCache.CodePage heldPage;
    private long heldPageBase = 1L;
    private int heldEpoch;
    /** Addresses of the running block's inline loads and stores, by instruction, for the timing model. */
    private final long[] accessAddress = new long[DecodeCache.MAX_BLOCK];
    /** Instructions of the running block that ran before the one that threw (set by compiled blocks too). */
    int stoppedAt;
    /** The block being run in timed mode, null otherwise (and between blocks). */
    private Block timedBlock;
    /** The first instruction of {@link #timedBlock} not timed yet. */
    private int replayPos;
    /**
     * The timed loop's running cycle: the next issue cycle. The model's own time ({@link
     * CoreTiming#cycles}) is handed it only where a load, a store, an out-of-line instruction or
     * the end of the loop publishes it, so what others read stays as it was per instruction.
     */
    private long timedCycle;
    /** Whether hot blocks are compiled to bytecode ({@link BlockCompiler}). */
    private boolean jit = true;
    /** Runs of a block in the interpreter before it is compiled. */
    private int jitThreshold = DEFAULT_JIT_THRESHOLD;
    /** Blocks compiled so far (tests check that what they meant to compile was). */
    private int blocksCompiled;

    /**
     * Interpreted runs before a block is compiled: enough that code run only while a program starts
     * stays interpreted (compiling it would cost more than it saves), few enough that loops are
     * compiled soon. The system property splitsim.jit.threshold changes it (tests set 0, so every
     * block runs compiled).
     */
    public static final int DEFAULT_JIT_THRESHOLD = Math.max(0, Integer.getInteger("splitsim.jit.threshold", 256));

    public Hart(int id, PageProvider memory) {
        this.id = id;
        this.mem = new SoftTlb(memory, trap);
        this.code = new DecodeCache(memory, mem, trap);
        mem.code = code;
        mem.owner = this;
        memory.addListener(mem);
    }

    /** With a handler, U-mode ecalls and exceptions go to it (Linux process); without, to mtvec (bare metal). */
    public void setUserTrapHandler(UserTrapHandler handler) {
        this.userTraps = handler;
        mem.pageFaults = handler != null;
    }

    public void setPrivilege(int mode) {
        if (mode != PRIV_U && mode != PRIV_M) {
            throw new IllegalArgumentException("privilege " + mode + " is not implemented (M and U only)");
        }
        privilege = mode;
    }

    public int privilege() {
        return privilege;
    }

    /** Linux emulates misaligned accesses for user programs; bare metal traps on them. */
    public void setMisalignedAccessAllowed(boolean allowed) {
        mem.setMisalignedAllowed(allowed);
    }

    /** Simulated time in ticks (picoseconds); rdtime and the time CSR read it at a 10 MHz timebase. */
    public void setTimeSource(LongSupplier ticks) {
        this.timeSource = ticks;
    }

    /**
     * Makes {@link #run} return after the current instruction (a trap handler ended the process, a
     * thread blocked or gave its core away during a miss). The decode epoch moves on so that the
     * interpreter, which looks at the epoch between blocks and after every instruction that may
     * call out of the core, sees the request; an instruction fetch that is stopped this way is made
     * again when the core runs on.
     */
    public void stop() {
        stopRequested = true;
        code.epoch++;
    }

    /**
     * What a system call throws when its core now sleeps on a reply over the fabric: the ecall does
     * not retire, and runs again from its start when the core runs on, as an access to a page in
     * flight does.
     */
    public RuntimeException retryWhenWoken() {
        return trap.raise(Trap.PENDING, pc);
    }

    /** The ecall being served is such a call run again: its entry is not charged twice. */
    public void reenterSystemCall() {
        if (timing != null) {
            timing.reenterSystemCall();
        }
    }

    /**
     * Whether the last {@link #run} ended because an instruction's page was still in flight: that
     * instruction has not retired and runs again, from the start, when the core runs next.
     */
    public boolean waitingForPage() {
        return waitingForPage;
    }

    /** Whether the core is inside {@link #run} (a guest instruction is being executed). */
    public boolean running() {
        return inRun;
    }

    /**
     * Whether blocks that have run often are compiled to JVM bytecode (the default) or always
     * interpreted. Either way the guest sees the same: compiled blocks have the interpreter's exact
     * effects, traps, timing and counts.
     */
    public void setJit(boolean on) {
        jit = on;
    }

    /** Interpreted runs before a block is compiled (0: at its first run). */
    public void setJitThreshold(int runs) {
        jitThreshold = Math.max(0, runs);
    }

    /** Models time cycle by cycle with {@code t}; null returns to functional mode (one cycle per instruction). */
    public void setTiming(CoreTiming t) {
        this.timing = t;
    }

    public CoreTiming timing() {
        return timing;
    }

    /** Cycles of the core itself: issued instructions and in-core stalls, or one per instruction. */
    private long coreCycles() {
        return timing != null ? timing.cycles() : retired;
    }

    public long cycles() {
        return coreCycles() + extraCycles;
    }

    /** All stall cycles of one cause, in-core and charged from outside. */
    public long stallCycles(int cause) {
        return extraByCause[cause] + (timing != null ? timing.stallCycles(cause) : 0);
    }

    /** Cycles in which an instruction issued: cycles() minus every stall. */
    public long baseCycles() {
        return timing != null ? timing.issued() : retired;
    }

    public long instret() {
        return retired + instretOffset;
    }

    /** Charges cycles the core waits for something outside it ({@link StallCause}: ExCache miss, system call). */
    public void addCycles(int cause, long cycles) {
        extraCycles += cycles;
        extraByCause[cause] += cycles;
    }

    /**
     * Drops the LR reservation. Cores run in turn, so a reservation must not outlive its core's turn
     * (another core may store to it meanwhile) nor a context switch; the next SC then fails and the
     * guest's LR/SC loop retries, which the ISA allows.
     */
    public void clearReservation() {
        reservation = -1L;
    }

    /** Drops every soft-TLB entry and decoded instruction (after munmap, mprotect, exec). */
    public void flushTranslations() {
        mem.invalidateAll();
    }

    /** Drops soft-TLB entries and decoded instructions of one virtual page. */
    public void flushPage(long vpage) {
        mem.invalidatePage(vpage);
    }

    int blocksCompiled() {
        return blocksCompiled;
    }

    /** Code pages whose decoded blocks this core holds host memory for. */
    int codePagesHeld() {
        return code.pagesHeld();
    }

    /** The raw instruction bits at {@code addr} (16 or 32 bits) for fault reports, or -1 when unreadable. */
    public long instructionBitsAt(long addr) {
        int lo = mem.peekHalf(addr);
        if (lo < 0) {
            return -1;
        }
        if ((lo & 3) != 3) {
            return lo;
        }
        int hi = mem.peekHalf(addr + 2);
        return hi < 0 ? -1 : (lo | ((long) hi << 16)) & 0xffffffffL;
    }

    /**
     * Runs at most {@code maxInstructions}; returns early after {@link #stop()}. Returns the number
     * of steps taken: retired instructions plus instructions that trapped.
     */
    public long run(long maxInstructions) {
        stopRequested = false;
        waitingForPage = false;
        inRun = true;
        long start = retired + traps;
        long end = start + maxInstructions;
        try {
            while (retired + traps < end && !stopRequested) {
                try {
                    loop(end - traps);
                } catch (Trap t) {
                    if (t.cause == Trap.PENDING) {
                        // The instruction did not happen; the core sleeps until its page arrives.
                        waitingForPage = true;
                        break;
                    }
                    traps++;
                    takeTrap(t.cause, t.tval);
                }
            }
        } finally {
            inRun = false;
        }
        x[0] = 0;
        return retired + traps - start;
    }

    /**
     * Runs blocks until {@code retireLimit} instructions have retired, the hart is stopped or an
     * instruction traps. Functional and timed execution are separate loops around one block
     * executor, so the functional loop never looks at the timing model and the timed one meets it
     * once per block.
     */
    private void loop(long retireLimit) {
        if (timing == null) {
            functionalLoop(retireLimit);
        } else {
            timedLoop(retireLimit);
        }
    }

    /**
     * The functional loop. The retired count lives in a local and is written back when the loop
     * ends or before a system instruction reads it: the functional core's time, one cycle per
     * retired instruction, moves only there, as it did before blocks.
     */
    private void functionalLoop(long retireLimit) {
        long n = retired;
        long limit = stopRequested ? n : retireLimit;
        forgetHeldPage();
        try {
            while (n < limit) {
                Block b = nextBlock();
                if (b == null) {
                    break;
                }
                try {
                    n += runBlock(b, (int) Math.min(b.count, limit - n), n);
                } catch (RuntimeException | Error e) {
                    n += stoppedAt;
                    throw e;
                }
            }
        } finally {
            retired = n;
        }
    }

    /**
     * The timed loop: the functional loop, with each block timed once it has run, from the
     * addresses its loads and stores recorded and where its last instruction went. Whatever reads
     * the model's time meanwhile (a data access leaving the core, an out-of-line instruction) has
     * the block timed up to its own instruction first ({@link #timeThrough}), so the model sees the
     * same calls in the same order as if it timed each instruction before running it.
     */
    private void timedLoop(long retireLimit) {
        final CoreTiming timing = this.timing;
        timedCycle = timing.cycles();
        long n = retired;
        long limit = stopRequested ? n : retireLimit;
        forgetHeldPage();
        try {
            while (n < limit) {
                Block b = nextBlock();
                if (b == null) {
                    break;
                }
                b.steps(timing);
                timedBlock = b;
                replayPos = 0;
                int done;
                try {
                    done = runBlock(b, (int) Math.min(b.count, limit - n), n);
                } catch (RuntimeException | Error e) {
                    n += stoppedAt;
                    timeThrough(b, stoppedAt + 1);
                    throw e;
                }
                n += done;
                timeThrough(b, done);
                timedBlock = null;
                if (done == b.count) {
                    timeControl(b, done - 1);
                }
            }
        } finally {
            timedBlock = null;
            retired = n;
            timing.setCycles(timedCycle);
        }
    }

    /**
     * The block at pc, or null when the hart was stopped. The code page of the pc is held between
     * calls and fetched again when the pc leaves it or the decode cache changes (a stop changes its
     * epoch too), as the instruction fetch of the first instruction on a page would.
     */
    private Block nextBlock() {
        long pc = this.pc;
        if (((pc - heldPageBase) >>> PageProvider.PAGE_SHIFT) != 0 || heldEpoch != code.epoch) {
            if (stopRequested) {
                return null;
            }
            heldPage = code.page(pc);
            heldEpoch = code.epoch;
            if (stopRequested) {
                return null;
            }
            heldPageBase = pc & -(long) PageProvider.PAGE_SIZE;
        }
        return code.block(heldPage, pc);
    }

    /**
     * Runs {@code max} instructions of {@code b} as {@link #execute} does: compiled when the block
     * has been compiled and runs whole, interpreted otherwise (counting its runs towards compiling it).
     */
    private int runBlock(Block b, int max, long base) {
        CompiledBlock c = b.compiled;
        if (c == null && jit && b.runs++ >= jitThreshold) {
            c = compile(b);
        }
        if (c != null && max == b.count) {
            return c.run(this, x, mem, code, accessAddress, heldEpoch, base);
        }
        return execute(b, max, base, heldEpoch);
    }

    private CompiledBlock compile(Block b) {
        CompiledBlock c = BlockCompiler.compile(b);
        blocksCompiled += c != null ? 1 : 0;
        if (c == null) {
            // Not translatable: interpreted for good (a block's code does not change while it lives).
            b.runs = Integer.MIN_VALUE;
        }
        b.compiled = c;
        return c;
    }

    /** What ebreak throws, with pc at it. */
    Trap breakpoint(long at) {
        this.pc = at;
        return trap.raise(Trap.BREAKPOINT, at);
    }

    /** Each run fetches its first page afresh. */
    private void forgetHeldPage() {
        heldPage = null;
        heldPageBase = 1L;
        heldEpoch = code.epoch - 1;
    }

    /**
     * Times instructions {@link #replayPos} up to {@code end} (exclusive) of {@code b}: their issue,
     * the recorded access of an inline load or store, and for an out-of-line instruction the
     * model's time handed back before it runs.
     */
    private void timeThrough(Block b, int end) {
        if (replayPos == 0 && end == b.count) {
            timedCycle = timing.replayBlock(b.steps, b.schedule, accessAddress, end, b.startPc, timedCycle);
            replayPos = end;
        } else if (replayPos < end) {
            timedCycle = timing.replay(b.steps, accessAddress, replayPos, end, b.startPc, timedCycle);
            replayPos = end;
        }
    }

    /** The branch predictor meets the block's last instruction {@code j}, once it has gone where it went. */
    private void timeControl(Block b, int j) {
        byte kind = b.kinds[j];
        if (kind != OpTraits.BRANCH && kind != OpTraits.JUMP) {
            return;
        }
        long d = b.insns[j];
        long fallThrough = b.pcAt(j + 1);
        long at = b.pcAt(j);
        timedCycle = kind == OpTraits.BRANCH ? timing.branch(at, pc, fallThrough, timedCycle)
                : timing.jump(d, at, pc, timedCycle);
    }

    /**
     * Called before a data access leaves the core for its page: when a block is being timed, the
     * instruction making the access (at {@link #pc}) and those before it are timed now, as the page
     * provider may read the core's time.
     */
    void beforeDataFill() {
        Block b = timedBlock;
        if (b == null) {
            return;
        }
        for (int j = replayPos; j < b.count; j++) {
            if (b.pcAt(j) == pc) {
                timeThrough(b, j + 1);
                return;
            }
        }
    }

    /**
     * Runs at most {@code max} instructions of {@code b} from its start and returns how many ran:
     * fewer when one changed the decode cache or stopped the hart ({@code epoch} moved on), which
     * ends the block after it. Leaves {@link #pc} at the next instruction; if an instruction
     * throws, {@link #stoppedAt} says how many ran before it and pc names it (even when a trap
     * handler moved pc before something failed in it). {@code base} is the
     * retired count before the block. Loads and stores record their addresses for the timing model
     * and set pc first, as their miss path names it.
     */
    private int execute(Block b, int max, long base, int epoch) {
        final long[] x = this.x;
        final SoftTlb mem = this.mem;
        final DecodeCache code = this.code;
        final long[] insns = b.insns;
        final long[] addr = accessAddress;
        long pc = b.startPc;
        int end = max;
        int i = 0;
        try {
            for (; i < end; i++) {
                long d = insns[i];
                x[0] = 0;
                int rd = rd(d);
                long next = pc + length(d);
                switch (Decoded.op(d)) {
                    case Op.LUI: x[rd] = imm(d); break;
                    case Op.AUIPC: x[rd] = pc + imm(d); break;
                    case Op.JAL: x[rd] = next; next = pc + imm(d); break;
                    case Op.JALR: { long t = (x[rs1(d)] + imm(d)) & ~1L; x[rd] = next; next = t; break; }
                    case Op.BEQ: if (x[rs1(d)] == x[rs2(d)]) { next = pc + imm(d); } break;
                    case Op.BNE: if (x[rs1(d)] != x[rs2(d)]) { next = pc + imm(d); } break;
                    case Op.BLT: if (x[rs1(d)] < x[rs2(d)]) { next = pc + imm(d); } break;
                    case Op.BGE: if (x[rs1(d)] >= x[rs2(d)]) { next = pc + imm(d); } break;
                    case Op.BLTU: if (Long.compareUnsigned(x[rs1(d)], x[rs2(d)]) < 0) { next = pc + imm(d); } break;
                    case Op.BGEU: if (Long.compareUnsigned(x[rs1(d)], x[rs2(d)]) >= 0) { next = pc + imm(d); } break;
                    case Op.LB: { long a = addr[i] = x[rs1(d)] + imm(d); this.pc = pc; x[rd] = mem.lb(a); end = code.epoch != epoch ? i + 1 : end; break; }
                    case Op.LH: { long a = addr[i] = x[rs1(d)] + imm(d); this.pc = pc; x[rd] = mem.lh(a); end = code.epoch != epoch ? i + 1 : end; break; }
                    case Op.LW: { long a = addr[i] = x[rs1(d)] + imm(d); this.pc = pc; x[rd] = mem.lw(a); end = code.epoch != epoch ? i + 1 : end; break; }
                    case Op.LD: { long a = addr[i] = x[rs1(d)] + imm(d); this.pc = pc; x[rd] = mem.ld(a); end = code.epoch != epoch ? i + 1 : end; break; }
                    case Op.LBU: { long a = addr[i] = x[rs1(d)] + imm(d); this.pc = pc; x[rd] = mem.lbu(a); end = code.epoch != epoch ? i + 1 : end; break; }
                    case Op.LHU: { long a = addr[i] = x[rs1(d)] + imm(d); this.pc = pc; x[rd] = mem.lhu(a); end = code.epoch != epoch ? i + 1 : end; break; }
                    case Op.LWU: { long a = addr[i] = x[rs1(d)] + imm(d); this.pc = pc; x[rd] = mem.lwu(a); end = code.epoch != epoch ? i + 1 : end; break; }
                    case Op.SB: { long a = addr[i] = x[rs1(d)] + imm(d); this.pc = pc; mem.sb(a, x[rs2(d)]); end = code.epoch != epoch ? i + 1 : end; break; }
                    case Op.SH: { long a = addr[i] = x[rs1(d)] + imm(d); this.pc = pc; mem.sh(a, x[rs2(d)]); end = code.epoch != epoch ? i + 1 : end; break; }
                    case Op.SW: { long a = addr[i] = x[rs1(d)] + imm(d); this.pc = pc; mem.sw(a, x[rs2(d)]); end = code.epoch != epoch ? i + 1 : end; break; }
                    case Op.SD: { long a = addr[i] = x[rs1(d)] + imm(d); this.pc = pc; mem.sd(a, x[rs2(d)]); end = code.epoch != epoch ? i + 1 : end; break; }
                    case Op.ADDI: x[rd] = x[rs1(d)] + imm(d); break;
                    case Op.SLTI: x[rd] = x[rs1(d)] < imm(d) ? 1 : 0; break;
                    case Op.SLTIU: x[rd] = Long.compareUnsigned(x[rs1(d)], imm(d)) < 0 ? 1 : 0; break;
                    case Op.XORI: x[rd] = x[rs1(d)] ^ imm(d); break;
                    case Op.ORI: x[rd] = x[rs1(d)] | imm(d); break;
                    case Op.ANDI: x[rd] = x[rs1(d)] & imm(d); break;
                    case Op.SLLI: x[rd] = x[rs1(d)] << imm(d); break;
                    case Op.SRLI: x[rd] = x[rs1(d)] >>> imm(d); break;
                    case Op.SRAI: x[rd] = x[rs1(d)] >> imm(d); break;
                    case Op.ADD: x[rd] = x[rs1(d)] + x[rs2(d)]; break;
                    case Op.SUB: x[rd] = x[rs1(d)] - x[rs2(d)]; break;
                    case Op.SLL: x[rd] = x[rs1(d)] << x[rs2(d)]; break;
                    case Op.SLT: x[rd] = x[rs1(d)] < x[rs2(d)] ? 1 : 0; break;
                    case Op.SLTU: x[rd] = Long.compareUnsigned(x[rs1(d)], x[rs2(d)]) < 0 ? 1 : 0; break;
                    case Op.XOR: x[rd] = x[rs1(d)] ^ x[rs2(d)]; break;
                    case Op.SRL: x[rd] = x[rs1(d)] >>> x[rs2(d)]; break;
                    case Op.SRA: x[rd] = x[rs1(d)] >> x[rs2(d)]; break;
                    case Op.OR: x[rd] = x[rs1(d)] | x[rs2(d)]; break;
                    case Op.AND: x[rd] = x[rs1(d)] & x[rs2(d)]; break;
                    case Op.ADDIW: x[rd] = (int) (x[rs1(d)] + imm(d)); break;
                    case Op.SLLIW: x[rd] = (int) x[rs1(d)] << imm(d); break;
                    case Op.SRLIW: x[rd] = (int) x[rs1(d)] >>> imm(d); break;
                    case Op.SRAIW: x[rd] = (int) x[rs1(d)] >> imm(d); break;
                    case Op.ADDW: x[rd] = (int) x[rs1(d)] + (int) x[rs2(d)]; break;
                    case Op.SUBW: x[rd] = (int) x[rs1(d)] - (int) x[rs2(d)]; break;
                    case Op.SLLW: x[rd] = (int) x[rs1(d)] << (int) x[rs2(d)]; break;
                    case Op.SRLW: x[rd] = (int) x[rs1(d)] >>> (int) x[rs2(d)]; break;
                    case Op.SRAW: x[rd] = (int) x[rs1(d)] >> (int) x[rs2(d)]; break;
                    case Op.MUL: x[rd] = x[rs1(d)] * x[rs2(d)]; break;
                    case Op.MULH: x[rd] = Math.multiplyHigh(x[rs1(d)], x[rs2(d)]); break;
                    case Op.MULHSU: x[rd] = IntegerOps.mulhsu(x[rs1(d)], x[rs2(d)]); break;
                    case Op.MULHU: x[rd] = IntegerOps.mulhu(x[rs1(d)], x[rs2(d)]); break;
                    case Op.DIV: x[rd] = IntegerOps.div(x[rs1(d)], x[rs2(d)]); break;
                    case Op.DIVU: x[rd] = IntegerOps.divu(x[rs1(d)], x[rs2(d)]); break;
                    case Op.REM: x[rd] = IntegerOps.rem(x[rs1(d)], x[rs2(d)]); break;
                    case Op.REMU: x[rd] = IntegerOps.remu(x[rs1(d)], x[rs2(d)]); break;
                    case Op.MULW: x[rd] = (int) x[rs1(d)] * (int) x[rs2(d)]; break;
                    case Op.DIVW: x[rd] = IntegerOps.divw((int) x[rs1(d)], (int) x[rs2(d)]); break;
                    case Op.DIVUW: x[rd] = IntegerOps.divuw((int) x[rs1(d)], (int) x[rs2(d)]); break;
                    case Op.REMW: x[rd] = IntegerOps.remw((int) x[rs1(d)], (int) x[rs2(d)]); break;
                    case Op.REMUW: x[rd] = IntegerOps.remuw((int) x[rs1(d)], (int) x[rs2(d)]); break;
                    case Op.FENCE: break;
                    case Op.FENCE_I: code.flush(); break;
                    case Op.EBREAK: this.pc = pc; throw trap.raise(Trap.BREAKPOINT, pc);
                    default:
                        this.pc = pc;
                        next = outOfLine(d, next, i, base);
                        end = code.epoch != epoch ? i + 1 : end;
                        break;
                }
                pc = next;
            }
        } catch (RuntimeException | Error e) {
            // Whatever a handler did to pc, the instruction that threw is where the hart stands.
            this.pc = pc;
            stoppedAt = i;
            throw e;
        }
        this.pc = pc;
        return i;
    }

    /**
     * Instruction {@code i} of the running block, executed out of line (floating point, atomics,
     * system instructions), with pc set; returns the next pc. When timed, the model is brought up
     * to date first if the instruction may read the time or make a timed access of its own (not
     * FP arithmetic, which is timed with the rest of the block).
     */
    long outOfLine(long d, long next, int i, long base) {
        Block timed = OpTraits.kind(Decoded.op(d)) == OpTraits.OUT_OF_LINE ? timedBlock : null;
        if (timed != null) {
            timeThrough(timed, i + 1);
        }
        long result = next;
        if (Decoded.op(d) >= Op.FLW && Decoded.op(d) <= Op.FMV_D_X) {
            requireFpu();
            floating(d, Decoded.op(d), i);
        } else {
            retired = base + i;
            result = execSystem(d, next);
        }
        if (timed != null) {
            // A data access out here moved the model's cycle on.
            timedCycle = timing.cycles();
        }
        return result;
    }

    /** Instructions that read or change hart state beyond the registers; returns the next pc. */
    private long execSystem(long d, long next) {
        switch (Decoded.op(d)) {
            case Op.ECALL: return ecall(next);
            case Op.CSRRW: case Op.CSRRS: case Op.CSRRC: case Op.CSRRWI: case Op.CSRRSI: case Op.CSRRCI:
                csrInstruction(d);
                return next;
            case Op.MRET: return mret();
            case Op.WFI: wfi(); return next;
            default:
                if (!execMore(d)) {
                    throw illegal();
                }
                return next;
        }
    }

    /** Atomics: kept out of the integer loop to keep it small for the JIT (floating point never gets here). */
    private boolean execMore(long d) {
        int op = Decoded.op(d);
        if (op >= Op.LR_W && op <= Op.AMOMAXU_D) {
            atomic(d, op);
            return true;
        }
        return false;
    }

    private void atomic(long d, int op) {
        long[] x = this.x;
        int rd = rd(d);
        long a = timedAccess(x[rs1(d)], false, rd);
        long b = x[rs2(d)];
        switch (op) {
            case Op.LR_W: x[rd] = mem.loadReserved(a, 4); reservation = a; return;
            case Op.LR_D: x[rd] = mem.loadReserved(a, 8); reservation = a; return;
            case Op.SC_W: x[rd] = storeConditional(a, b, 4); return;
            case Op.SC_D: x[rd] = storeConditional(a, b, 8); return;
            default: break;
        }
        boolean word = op <= Op.AMOMAXU_W;
        byte[] page = mem.atomicPage(a, word ? 4 : 8);
        int off = (int) a & (PageProvider.PAGE_SIZE - 1);
        long old = word ? (long) (int) SoftTlb.LE32.get(page, off) : (long) SoftTlb.LE64.get(page, off);
        long v;
        switch (op) {
            case Op.AMOSWAP_W: case Op.AMOSWAP_D: v = b; break;
            case Op.AMOADD_W: case Op.AMOADD_D: v = old + b; break;
            case Op.AMOXOR_W: case Op.AMOXOR_D: v = old ^ b; break;
            case Op.AMOAND_W: case Op.AMOAND_D: v = old & b; break;
            case Op.AMOOR_W: case Op.AMOOR_D: v = old | b; break;
            case Op.AMOMIN_W: v = Math.min((int) old, (int) b); break;
            case Op.AMOMAX_W: v = Math.max((int) old, (int) b); break;
            case Op.AMOMINU_W: v = Integer.compareUnsigned((int) old, (int) b) <= 0 ? old : b; break;
            case Op.AMOMAXU_W: v = Integer.compareUnsigned((int) old, (int) b) >= 0 ? old : b; break;
            case Op.AMOMIN_D: v = Math.min(old, b); break;
            case Op.AMOMAX_D: v = Math.max(old, b); break;
            case Op.AMOMINU_D: v = Long.compareUnsigned(old, b) <= 0 ? old : b; break;
            case Op.AMOMAXU_D: v = Long.compareUnsigned(old, b) >= 0 ? old : b; break;
            default: throw illegal();
        }
        if (word) {
            SoftTlb.LE32.set(page, off, (int) v);
        } else {
            SoftTlb.LE64.set(page, off, v);
        }
        x[rd] = old;
    }

    /**
     * Tells the timing model of a data access made outside the main loop, a load's result going to
     * scoreboard slot {@code slot} (x0..x31, then f0..f31); returns the address.
     */
    private long timedAccess(long address, boolean isStore, int slot) {
        if (timing != null) {
            timing.access(address, isStore, slot);
        }
        return address;
    }

    private long storeConditional(long a, long value, int size) {
        byte[] page = mem.atomicPage(a, size);
        boolean ok = reservation == a;
        reservation = -1L;
        if (!ok) {
            return 1;
        }
        int off = (int) a & (PageProvider.PAGE_SIZE - 1);
        if (size == 4) {
            SoftTlb.LE32.set(page, off, (int) value);
        } else {
            SoftTlb.LE64.set(page, off, value);
        }
        return 0;
    }

    /**
     * FP instruction {@code d}, instruction {@code i} of the running block: a call of its {@link
     * FpuCalls} method, or a load, store or move. The loads and stores record their addresses for
     * the timing model as the inline integer ones do ({@link OpTraits}).
     */
    private void floating(long d, int op, int i) {
        long[] x = this.x;
        long[] f = this.f;
        int rd = rd(d);
        int shape = FpuCalls.shape(op);
        if (shape != 0) {
            long a = (shape & FpuCalls.SRC_MASK) == FpuCalls.SRC_X ? x[rs1(d)] : f[rs1(d)];
            // Resolved before the call, so that an invalid mode traps with no flag accrued.
            int rm = (shape & FpuCalls.ROUNDS) != 0 ? rm(d) : 0;
            long r = FpuCalls.compute(fpu, op, a, f[rs2(d)], f[rs3(d)], rm);
            if ((shape & FpuCalls.TO_X) != 0) {
                x[rd] = r;
                return;
            }
            f[rd] = r;
        } else {
            switch (op) {
                case Op.FLW: f[rd] = Fpu.BOX | mem.lwu(accessAddress[i] = x[rs1(d)] + imm(d)); break;
                case Op.FLD: f[rd] = mem.ld(accessAddress[i] = x[rs1(d)] + imm(d)); break;
                case Op.FSW: mem.sw(accessAddress[i] = x[rs1(d)] + imm(d), f[rs2(d)]); return;
                case Op.FSD: mem.sd(accessAddress[i] = x[rs1(d)] + imm(d), f[rs2(d)]); return;
                case Op.FMV_X_W: x[rd] = (int) f[rs1(d)]; return;
                case Op.FMV_X_D: x[rd] = f[rs1(d)]; return;
                case Op.FMV_W_X: f[rd] = Fpu.BOX | (x[rs1(d)] & 0xffffffffL); break;
                case Op.FMV_D_X: f[rd] = x[rs1(d)]; break;
                default: throw illegal();
            }
        }
        // Any write to an FP register makes the FP state dirty.
        mstatus |= Csr.MSTATUS_FS;
    }

    /** The rounding mode an FP instruction uses: its own field, or frm when the field says dynamic. */
    private int rm(long d) {
        int r = Decoded.rm(d);
        if (r == 7) {
            r = frm;
        }
        if (r > 4) {
            throw illegal();
        }
        return r;
    }

    /** Compiled blocks call this before their first FP instruction (pc at it), the interpreter before each. */
    void requireFpu() {
        if ((mstatus & Csr.MSTATUS_FS) == 0) {
            throw illegal();
        }
    }

    /**
     * The rounding mode a dynamic-rm FP instruction at pc uses, as {@link #rm} resolves it. A
     * compiled block reads it once: frm changes only through CSR instructions, which end blocks.
     */
    int dynamicRoundingMode() {
        if (frm > 4) {
            throw illegal();
        }
        return frm;
    }

    /** A compiled block's first write to an FP register: the FP state becomes dirty, as in {@link #floating}. */
    void fpRegisterWritten() {
        mstatus |= Csr.MSTATUS_FS;
    }

    private Trap illegal() {
        long bits = instructionBitsAt(pc);
        return trap.raise(Trap.ILLEGAL_INSTRUCTION, bits < 0 ? 0 : bits);
    }

    private long ecall(long next) {
        if (privilege == PRIV_U && userTraps != null) {
            long at = pc;
            userTraps.ecall(this);
            return pc == at && !stopRequested ? next : pc;
        }
        throw trap.raise(privilege == PRIV_U ? Trap.ECALL_FROM_U : Trap.ECALL_FROM_M, 0);
    }

    private long mret() {
        if (privilege != PRIV_M) {
            throw illegal();
        }
        int previous = (int) ((mstatus & Csr.MSTATUS_MPP) >>> 11);
        long s = mstatus & ~(Csr.MSTATUS_MIE | Csr.MSTATUS_MPP);
        if ((mstatus & Csr.MSTATUS_MPIE) != 0) {
            s |= Csr.MSTATUS_MIE;
        }
        s |= Csr.MSTATUS_MPIE;
        if (previous != PRIV_M) {
            s &= ~Csr.MSTATUS_MPRV;
        }
        mstatus = s;
        privilege = previous;
        return mepc;
    }

    private void wfi() {
        // No interrupt sources are modeled, so waiting completes at once; TW makes it illegal below M.
        if (privilege != PRIV_M && (mstatus & Csr.MSTATUS_TW) != 0) {
            throw illegal();
        }
    }

    private void takeTrap(int cause, long tval) {
        if (privilege == PRIV_U && userTraps != null) {
            userTraps.exception(this, cause, tval);
            return;
        }
        mepc = pc;
        mcause = cause;
        mtval = tval;
        long s = mstatus & ~(Csr.MSTATUS_MPIE | Csr.MSTATUS_MPP | Csr.MSTATUS_MIE);
        if ((mstatus & Csr.MSTATUS_MIE) != 0) {
            s |= Csr.MSTATUS_MPIE;
        }
        mstatus = s | ((long) privilege << 11);
        privilege = PRIV_M;
        pc = mtvec & ~3L;
    }

    private void csrInstruction(long d) {
        int op = Decoded.op(d);
        int csr = imm(d) & 0xfff;
        int src = rs1(d);
        boolean immediate = op >= Op.CSRRWI;
        long operand = immediate ? src : x[src];
        boolean writes = op == Op.CSRRW || op == Op.CSRRWI || src != 0;
        boolean reads = !(op == Op.CSRRW || op == Op.CSRRWI) || rd(d) != 0;
        if (!csrExists(csr) || privilege < Csr.minPrivilege(csr) || (writes && Csr.readOnly(csr))
                || !counterEnabled(csr)) {
            throw illegal();
        }
        long old = reads ? readCsr(csr) : 0;
        if (writes) {
            long value;
            switch (op) {
                case Op.CSRRS: case Op.CSRRSI: value = old | operand; break;
                case Op.CSRRC: case Op.CSRRCI: value = old & ~operand; break;
                default: value = operand; break;
            }
            writeCsr(csr, value);
        }
        x[rd(d)] = old;
    }

    private boolean counterEnabled(int csr) {
        if (csr < Csr.CYCLE || csr > Csr.HPMCOUNTER31 || privilege == PRIV_M) {
            return true;
        }
        return ((mcounteren >>> (csr - Csr.CYCLE)) & 1) != 0;
    }

    private boolean csrExists(int csr) {
        switch (csr) {
            case Csr.FFLAGS: case Csr.FRM: case Csr.FCSR:
                return (mstatus & Csr.MSTATUS_FS) != 0;
            case Csr.MSTATUS: case Csr.MISA: case Csr.MEDELEG: case Csr.MIDELEG: case Csr.MIE: case Csr.MTVEC:
            case Csr.MCOUNTEREN: case Csr.MENVCFG: case Csr.MCOUNTINHIBIT: case Csr.MSCRATCH: case Csr.MEPC:
            case Csr.MCAUSE: case Csr.MTVAL: case Csr.MIP: case Csr.MSECCFG: case Csr.TSELECT: case Csr.TDATA1:
            case Csr.TDATA2: case Csr.TDATA3: case Csr.MCYCLE: case Csr.MINSTRET: case Csr.MVENDORID:
            case Csr.MARCHID: case Csr.MIMPID: case Csr.MHARTID: case Csr.MCONFIGPTR:
                return true;
            default:
                return (csr >= Csr.CYCLE && csr <= Csr.HPMCOUNTER31)
                        || (csr >= Csr.MHPMCOUNTER3 && csr <= Csr.MHPMCOUNTER31)
                        || (csr >= Csr.MHPMEVENT3 && csr <= Csr.MHPMEVENT31)
                        || (csr >= Csr.PMPCFG0 && csr <= Csr.PMPCFG15)
                        || (csr >= Csr.PMPADDR0 && csr <= Csr.PMPADDR63);
        }
    }

    public long readCsr(int csr) {
        switch (csr) {
            case Csr.FFLAGS: return fpu.flags & 0x1f;
            case Csr.FRM: return frm;
            case Csr.FCSR: return (frm << 5) | (fpu.flags & 0x1f);
            case Csr.CYCLE: case Csr.MCYCLE: return cycles();
            case Csr.INSTRET: case Csr.MINSTRET: return instret();
            case Csr.TIME: return timeSource != null ? timeSource.getAsLong() / TICKS_PER_TIMEBASE : cycles();
            case Csr.MSTATUS: {
                long s = mstatus;
                return (s & Csr.MSTATUS_FS) == Csr.MSTATUS_FS ? s | Csr.MSTATUS_SD : s;
            }
            case Csr.MISA: return MISA;
            case Csr.MTVEC: return mtvec;
            case Csr.MEPC: return mepc;
            case Csr.MCAUSE: return mcause;
            case Csr.MTVAL: return mtval;
            case Csr.MSCRATCH: return mscratch;
            case Csr.MIE: return mie;
            case Csr.MIP: return mip;
            case Csr.MCOUNTEREN: return mcounteren;
            case Csr.MENVCFG: return menvcfg;
            case Csr.MCOUNTINHIBIT: return mcountinhibit;
            case Csr.MHARTID: return id;
            default:
                if (csr >= Csr.PMPADDR0 && csr <= Csr.PMPADDR63) {
                    return pmpaddr[csr - Csr.PMPADDR0];
                }
                if (csr >= Csr.PMPCFG0 && csr <= Csr.PMPCFG15) {
                    return (csr & 1) != 0 ? 0 : pmpcfg[csr - Csr.PMPCFG0];
                }
                // medeleg/mideleg (no S-mode), the unimplemented HPM counters, triggers and ids read zero.
                return 0;
        }
    }

    public void writeCsr(int csr, long value) {
        switch (csr) {
            case Csr.FFLAGS: fpu.flags = (int) value & 0x1f; mstatus |= Csr.MSTATUS_FS; break;
            case Csr.FRM: frm = (int) value & 7; mstatus |= Csr.MSTATUS_FS; break;
            case Csr.FCSR:
                fpu.flags = (int) value & 0x1f;
                frm = (int) (value >>> 5) & 7;
                mstatus |= Csr.MSTATUS_FS;
                break;
            // The writing instruction itself retires after the write, as the spec requires.
            case Csr.MCYCLE: extraCycles = value - (timing != null ? 0 : 1) - coreCycles(); break;
            case Csr.MINSTRET: instretOffset = value - 1 - retired; break;
            case Csr.MSTATUS: {
                long s = (mstatus & ~MSTATUS_WRITABLE) | (value & MSTATUS_WRITABLE);
                long mpp = (s & Csr.MSTATUS_MPP) >>> 11;
                if (mpp != PRIV_M && mpp != PRIV_U) {
                    s &= ~Csr.MSTATUS_MPP;
                }
                mstatus = s;
                break;
            }
            case Csr.MTVEC: mtvec = (value & 3) >= 2 ? value & ~3L : value; break;
            case Csr.MEPC: mepc = value & ~1L; break;
            case Csr.MCAUSE: mcause = value; break;
            case Csr.MTVAL: mtval = value; break;
            case Csr.MSCRATCH: mscratch = value; break;
            case Csr.MIE: mie = value & INTERRUPT_BITS; break;
            case Csr.MIP: break;
            case Csr.MCOUNTEREN: mcounteren = value & 0xffffffffL; break;
            case Csr.MENVCFG: break;
            case Csr.MCOUNTINHIBIT: mcountinhibit = value & 0xfffffffdL; break;
            default:
                if (csr >= Csr.PMPADDR0 && csr <= Csr.PMPADDR63) {
                    pmpaddr[csr - Csr.PMPADDR0] = value & ((1L << 54) - 1);
                } else if (csr >= Csr.PMPCFG0 && csr <= Csr.PMPCFG15 && (csr & 1) == 0) {
                    pmpcfg[csr - Csr.PMPCFG0] = value;
                }
                break;
        }
    }
}
