package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.mem.FlatMemory;
import dev.splitsim.machine.InternalFailure;
import dev.splitsim.machine.RunLimits;
import java.nio.file.Path;

/**
 * {@code run --bare}: an M-mode program at its ELF entry over flat RAM, ended by a write to the
 * HTIF {@code tohost} word, as the riscv-tests expect. A value with bit 0 set is an exit: status
 * {@code value >> 1}, so 0 is a pass and anything else the number of the failing test case.
 */
final class BareRun {
    private BareRun() {}

    /** Where the riscv-tests (and most bare-metal RISC-V programs) are linked. */
    private static final long RAM_BASE = 0x8000_0000L;
    private static final long RAM_SIZE = 256L << 20;
    /** Instructions between looks at tohost; small enough that a finished test stops promptly. */
    private static final long SLICE = 10_000;

    static int run(Path program, Config config, RunLimits limits, Io io, boolean quiet) {
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
        Hart hart = new Hart(0, ram);
        hart.setPrivilege(Hart.PRIV_M);
        // Like Spike, ordinary loads and stores may be misaligned; atomics still trap.
        hart.setMisalignedAccessAllowed(true);
        hart.pc = elf.entry();
        long start = System.nanoTime();
        long steps = 0;
        while (true) {
            long value = ram.readLong(tohost);
            if (value != 0) {
                return finish(value, hart, io, quiet, System.nanoTime() - start);
            }
            if (limits.maxInstructions() > 0 && steps >= limits.maxInstructions()) {
                io.err().printf("splitsim: stopped after %d instructions (--max-instructions) at pc=0x%x%n", steps,
                        hart.pc);
                return 124;
            }
            if (limits.maxHostNanos() > 0 && System.nanoTime() - start > limits.maxHostNanos()) {
                io.err().printf("splitsim: stopped after %.1f s of host time (--max-time) at pc=0x%x%n",
                        (System.nanoTime() - start) / 1e9, hart.pc);
                return 124;
            }
            long budget = limits.maxInstructions() > 0 ? Math.min(SLICE, limits.maxInstructions() - steps) : SLICE;
            try {
                steps += hart.run(budget);
            } catch (RuntimeException | Error e) {
                throw InternalFailure.at(e, hart.pc);
            }
        }
    }

    private static int finish(long value, Hart hart, Io io, boolean quiet, long nanos) {
        if ((value & 1) == 0) {
            io.err().printf("splitsim: unsupported HTIF request 0x%x at pc=0x%x (only exit is implemented)%n", value,
                    hart.pc);
            return 1;
        }
        long code = value >>> 1;
        if (code != 0) {
            io.err().printf("splitsim: bare-metal program reports failure: test case %d%n", code);
        }
        if (!quiet) {
            io.err().printf("---- splitsim bare-metal run ----%ninstructions     %,d%nhost time        %.3f s%n",
                    hart.instret(), nanos / 1e9);
        }
        return code == 0 ? 0 : (int) Math.min(code, 255);
    }
}
