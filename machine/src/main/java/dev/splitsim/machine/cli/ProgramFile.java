package dev.splitsim.machine.cli;

import dev.splitsim.core.elf.ElfFile;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The program as a command reads it before building the machine: a file that cannot run is refused
 * here with its one line, and each damaged part that only tools use (section headers, the symbol
 * table, line information) is named once on stderr as a warning; the run goes on without it.
 */
final class ProgramFile {
    private ProgramFile() {}

    static ElfFile read(Path program, PrintStream err) {
        ElfFile elf = ElfFile.read(program);
        for (String w : elf.warnings()) {
            warn(program, w, err);
        }
        return elf;
    }

    static void warn(Path program, String warning, PrintStream err) {
        err.println("splitsim: warning: " + program + ": " + warning);
    }
}
