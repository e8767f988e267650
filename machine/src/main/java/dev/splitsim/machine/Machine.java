package dev.splitsim.machine;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.core.time.Clock;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.isa.Disassembler;
import dev.splitsim.kernel.GuestFault;
import dev.splitsim.kernel.LinuxProcess;
import dev.splitsim.kernel.ProcessSpec;
import dev.splitsim.machine.config.MachineKeys;

/**
 * One whole machine assembled from a configuration, running one Linux process. The run loop gives
 * the core slices of instructions and checks limits between slices, never inside the hot loop.
 */
public final class Machine {
    private final Config config;
    private final StatsRegistry stats = new StatsRegistry();
    private final Clock cpuClock;
    private final Hart hart;
    private final LinuxProcess process;
    private long hostNanos;

    private Machine(Config config, ProcessSpec spec) {
        this.config = config;
        this.cpuClock = new Clock(config.getLong(MachineKeys.CPU_FREQUENCY));
        this.process = LinuxProcess.load(spec, stats, this::nowTicks);
        this.hart = new Hart(0, process.memory());
        process.attach(hart);
        registerStats();
    }

    public static Machine load(Config config, ProcessSpec spec) {
        return new Machine(config, spec);
    }

    /** Simulated time now, in ticks (picoseconds). */
    public long nowTicks() {
        return cpuClock.cyclesToTicks(hart.cycles());
    }

    public StatsRegistry stats() {
        return stats;
    }

    public Config config() {
        return config;
    }

    public Hart hart() {
        return hart;
    }

    public LinuxProcess process() {
        return process;
    }

    public RunResult run(RunLimits limits) {
        long slice = Math.max(1, config.getLong(MachineKeys.SIM_SLICE));
        long start = System.nanoTime();
        try {
            while (!process.finished()) {
                long budget = slice;
                if (limits.maxInstructions() > 0) {
                    long left = limits.maxInstructions() - hart.instret();
                    if (left <= 0) {
                        return new RunResult(RunResult.Outcome.INSTRUCTION_LIMIT, RunResult.LIMIT_STATUS,
                                "splitsim: stopped after " + hart.instret() + " instructions (--max-instructions "
                                        + limits.maxInstructions() + ") at pc=0x" + Long.toHexString(hart.pc));
                    }
                    budget = Math.min(budget, left);
                }
                hart.run(budget);
                if (limits.maxHostNanos() > 0 && System.nanoTime() - start > limits.maxHostNanos()) {
                    return new RunResult(RunResult.Outcome.TIME_LIMIT, RunResult.LIMIT_STATUS,
                            String.format("splitsim: stopped after %.1f s of host time (--max-time) at pc=0x%x",
                                    (System.nanoTime() - start) / 1e9, hart.pc));
                }
                if (process.stopMessage() != null) {
                    return new RunResult(RunResult.Outcome.STOPPED, 1, "splitsim: " + process.stopMessage());
                }
            }
        } finally {
            hostNanos += System.nanoTime() - start;
        }
        GuestFault fault = process.fault();
        if (fault != null) {
            return new RunResult(RunResult.Outcome.FAULT, process.exitStatus(), describe(fault));
        }
        return new RunResult(RunResult.Outcome.EXITED, process.exitStatus(), null);
    }

    private String describe(GuestFault f) {
        String text = Disassembler.disassemble(f.pc(), f.instruction()).replace('\t', ' ');
        return String.format("splitsim: guest fault: %s at pc=0x%x addr=0x%x (%s)", f.reason(), f.pc(), f.address(),
                text);
    }

    public double hostSeconds() {
        return hostNanos / 1e9;
    }

    private void registerStats() {
        StatGroup sim = stats.group("sim", "the simulation as a whole");
        sim.formula("seconds", "s", "simulated time", () -> Clock.ticksToSeconds(nowTicks()));
        sim.reading("ticks", "ps", "simulated time in ticks", this::nowTicks);
        StatGroup cpu = stats.group("cpu", "the CPU component's cores, summed");
        cpu.reading("instructions", "insts", "instructions retired", hart::instret);
        cpu.reading("cycles", "cycles", "core cycles", hart::cycles);
        cpu.formula("ipc", "insts/cycle", "instructions per cycle",
                () -> hart.cycles() == 0 ? 0 : (double) hart.instret() / hart.cycles());
        StatGroup host = stats.group("host", "the host running the simulation");
        host.formula("seconds", "s", "host wall-clock time spent running the guest", this::hostSeconds);
        host.formula("mips", "MIPS", "guest instructions per host second, in millions",
                () -> hostNanos == 0 ? 0 : hart.instret() / (hostNanos / 1e3));
    }
}
