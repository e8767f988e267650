package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.machine.RunLimits;
import java.nio.file.Path;

/** {@code run --bare}: an M-mode program at its ELF entry with HTIF tohost (riscv-tests). */
final class BareRun {
    private BareRun() {}

    static int run(Path program, Config config, RunLimits limits, Io io, boolean quiet) {
        throw new UserError("bare-metal mode not yet built");
    }
}
