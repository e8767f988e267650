package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.core.time.Clock;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.mem.FlatMemory;
import dev.splitsim.cpu.timing.CoreTiming;
import dev.splitsim.machine.InternalFailure;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.config.MachineKeys;
import java.nio.file.Path;

/**
 * {@code run --bare}: an M-mode program at its ELF entry over flat RAM, talking to the host
 * through HTIF ({@link HtifProxy}), as the riscv-tests expect: an exit ends the run with status
 * {@code value >> 1}, so 0 is a pass and anything else the number of the failing test case; the
 * benchmarks' console writes reach stdout. The core's timing model runs when {@code cpu.timing}
 * is on, as in a Linux run.
 */
final class BareRun {
    /** Where the riscv-tests (and most bare-metal RISC-V programs) are linked. */
    private static final long RAM_BASE = 0x8000_0000L;
    private static final long RAM_SIZE = 256L << 20;
    /** Instructions between looks at tohost; small enough that a finished test stops promptly. */
    private static final long SLICE = 10_000;

    private final Hart hart;
    private final HtifProxy htif;
    private final Clock clock;
    private final StatsRegistry stats = new StatsRegistry();
    private long hostNanos;

    private BareRun(Hart hart, HtifProxy htif, Clock clock) {
        this.hart = hart;
        this.htif = htif;
        this.clock = clock;
    }

    /** The statistics of the run, for {@code --stats} and {@code --stats-json}. */
    StatsRegistry stats() {
        return stats;
    }

    static BareRun load(Path program, Config config, Io io) {
        ElfFile elf = ProgramFile.read(program, io.err());
        long tohost = elf.symbolAddress("tohost");
        if (tohost < 0) {
            throw new UserError(program + ": no 'tohost' symbol; --bare needs an HTIF program such as the riscv-tests");
        }
        FlatMemory ram = new FlatMemory(RAM_BASE, RAM_SIZE);
        for (ElfFile.Segment s : elf.segments()) {
            if (s.type() != ElfFile.PT_LOAD || s.memSize() == 0) {
                continue;
            }
            if (!ram.contains(s.vaddr(), s.memSize())) {
                throw new UserError(String.format("%s: segment at 0x%x..+0x%x is outside bare-metal RAM 0x%x..+0x%x",
                        program, s.vaddr(), s.memSize(), RAM_BASE, RAM_SIZE));
            }
            ram.write(s.vaddr(), elf.bytes(), (int) s.offset(), (int) s.fileSize());
        }
        for (String word : new String[] {"tohost", "fromhost"}) {
            long at = elf.symbolAddress(word);
            if (at >= 0 && !ram.contains(at, 8)) {
                throw new UserError(String.format("%s: '%s' at 0x%x is outside bare-metal RAM", program, word, at));
            }
        }
        Hart hart = new Hart(0, ram);
        hart.setPrivilege(Hart.PRIV_M);
        // Like Spike, ordinary loads and stores may be misaligned; atomics still trap.
        hart.setMisalignedAccessAllowed(true);
        hart.pc = elf.entry();
        hart.setJit(config.getBoolean(MachineKeys.CPU_JIT));
        hart.setJitThreshold(config.getInt(MachineKeys.CPU_JIT_THRESHOLD));
        Clock clock = new Clock(config.getLong(MachineKeys.CPU_FREQUENCY));
        if (config.getBoolean(MachineKeys.CPU_TIMING)) {
            hart.setTiming(Machine.coreTiming(config, clock));
        }
        BareRun run = new BareRun(hart, new HtifProxy(ram, tohost, elf.symbolAddress("fromhost"), io.out(), io.err()),
                clock);
        run.registerStats();
        return run;
    }

    int run(RunLimits limits, Io io, boolean quiet) {
        long start = System.nanoTime();
        long steps = 0;
        try {
            while (true) {
                long code = htif.serve(hart.pc);
                if (code != HtifProxy.RUNNING) {
                    hostNanos = System.nanoTime() - start;
                    return finish(code, io, quiet);
                }
                if (limits.maxInstructions() > 0 && steps >= limits.maxInstructions()) {
                    hostNanos = System.nanoTime() - start;
                    io.err().printf("splitsim: stopped after %d instructions (--max-instructions) at pc=0x%x%n", steps,
                            hart.pc);
                    return 124;
                }
                if (limits.maxHostNanos() > 0 && System.nanoTime() - start > limits.maxHostNanos()) {
                    hostNanos = System.nanoTime() - start;
                    io.err().printf("splitsim: stopped after %.1f s of host time (--max-time) at pc=0x%x%n",
                            hostNanos / 1e9, hart.pc);
                    return 124;
                }
                long budget = limits.maxInstructions() > 0 ? Math.min(SLICE, limits.maxInstructions() - steps) : SLICE;
                try {
                    steps += hart.run(budget);
                } catch (RuntimeException | Error e) {
                    throw InternalFailure.at(e, hart.pc);
                }
            }
        } finally {
            io.out().flush();
        }
    }

    private int finish(long code, Io io, boolean quiet) {
        io.out().flush();
        if (code != 0) {
            io.err().printf("splitsim: bare-metal program reports failure: test case %d%n", code);
        }
        if (!quiet) {
            io.err().printf("---- splitsim bare-metal run ----%ninstructions     %,d%ncycles           %,d%n"
                    + "host time        %.3f s%n", hart.instret(), hart.cycles(), hostNanos / 1e9);
        }
        return (int) Math.min(code, 255);
    }

    private void registerStats() {
        StatGroup sim = stats.group("sim", "the simulation as a whole");
        sim.formula("seconds", "s", "simulated time", () -> Clock.ticksToSeconds(clock.cyclesToTicks(hart.cycles())));
        StatGroup cpu = stats.group("cpu", "the bare-metal core");
        cpu.reading("cores", "cores", "cores of the machine", () -> 1);
        Machine.registerCoreStats(cpu, new Hart[] {hart});
        if (hart.timing() != null) {
            CoreTiming.registerStats(stats, new CoreTiming[] {hart.timing()});
        }
        StatGroup h = stats.group("htif", "requests to the host through tohost");
        h.reading("calls", "requests", "system calls and console requests served", htif::calls);
        h.reading("bytes_written", "B", "bytes written to the console and descriptors 1 and 2", htif::bytesWritten);
        StatGroup host = stats.group("host", "the host running the simulation");
        host.formula("seconds", "s", "host wall-clock time spent running the guest", () -> hostNanos / 1e9);
        host.formula("mips", "MIPS", "guest instructions per host second, in millions",
                () -> hostNanos == 0 ? 0 : hart.instret() / (hostNanos / 1e3));
    }
}
