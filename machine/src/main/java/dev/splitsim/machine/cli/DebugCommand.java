package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.InternalFailure;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.config.Topology;
import dev.splitsim.machine.debug.Debugger;
import dev.splitsim.machine.debug.EventLog;
import dev.splitsim.machine.debug.LineTable;
import dev.splitsim.machine.trace.EventSink;
import dev.splitsim.machine.trace.TraceSources;
import dev.splitsim.machine.trace.TraceCategories;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code splitsim debug}: the program stops at its entry point and waits for commands. At a
 * terminal the prompt has line editing and history; piped input is read line by line, each
 * command echoed after the prompt, so a script's output reads like a session.
 */
@Command(name = "debug", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Debug a RISC-V Linux program on the simulated machine: step, break, watch, and see which"
                + " instruction sent which fabric message, what the ExCache holds and how the memory component"
                + " translates. Type 'help' at the prompt."})
final class DebugCommand implements Callable<Integer> {
    private static final String PROMPT = "(splitsim) ";
    private final Io io;

    @Mixin
    MachineOptions machine = new MachineOptions();

    @Option(names = "--root", paramLabel = "DIR", description = "Folder that is the guest's whole file system.")
    Path root;

    @Option(names = "--env", paramLabel = "KEY=VALUE", description = "Set a guest environment variable; repeatable.")
    List<String> env = new ArrayList<>();

    @Option(names = "--stdin", paramLabel = "FILE",
            description = "The guest's standard input (default: empty; the debugger reads commands from stdin).")
    Path guestStdin;

    @Option(names = "--trace", paramLabel = "KINDS",
            description = "Also trace events of these kinds, comma-separated: fabric, excache, syscall, insn (or all);"
                    + " one line each on stderr unless --trace-file is given.")
    String traceKinds;

    @Option(names = "--trace-file", paramLabel = "FILE",
            description = "Also write the trace to FILE (kinds default to%n  " + TraceWriter.DEFAULT_KINDS + ").")
    Path traceFile;

    @Option(names = "--trace-format", paramLabel = "FORMAT", description = "text, jsonl or chrome.")
    String traceFormat;

    @Option(names = "--process", paramLabel = "'PROGRAM [ARGS...]'", description = FurtherProcess.DESCRIPTION
            + " 'info processes' lists them, 'process N' looks at one.")
    List<String> processes = new ArrayList<>();

    @Parameters(index = "0", paramLabel = "PROGRAM", description = "The RISC-V ELF executable.")
    Path program;

    @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments passed to the guest program.")
    List<String> args = new ArrayList<>();

    DebugCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        Config config = machine.config(io.err());
        InputStream stdin = new ByteArrayInputStream(new byte[0]);
        if (guestStdin != null) {
            if (Files.isDirectory(guestStdin)) {
                throw new UserError("--stdin " + guestStdin + ": is a directory");
            }
            if (!Files.isReadable(guestStdin)) {
                throw new UserError("--stdin " + guestStdin + ": cannot read it");
            }
            stdin = Files.newInputStream(guestStdin);
        }
        List<ProcessSpec> specs = new ArrayList<>(List.of(RunCommand.spec(program, args, root, env, config, io, stdin)));
        List<ElfFile> programs = new ArrayList<>(List.of(ProgramFile.read(program, io.err())));
        RunCommand.addFurther(processes, root, env, config, io, specs, programs);
        List<LineTable> lines = new ArrayList<>();
        for (int k = 0; k < programs.size(); k++) {
            LineTable t = LineTable.of(programs.get(k));
            if (t.warning() != null) {
                ProgramFile.warn(specs.get(k).program(), t.warning(), io.err());
            }
            lines.add(t);
        }
        int ways = config.getChoice(MachineKeys.MACHINE_LAYOUT).equals("split") ? RunCommand.excacheWays(config) : 0;
        int traced = TraceWriter.kinds(traceKinds, traceFile);
        Topology topology = Topology.of(config);
        TraceSources sources = RunCommand.sources(topology, programs);
        EventSink file = TraceWriter.open(traced, traceFile, traceFormat, sources, ways, topology, io.err());
        EventLog log = new EventLog(file, traced);
        // The debugger itself shows messages, misses and system calls at every stop.
        int kinds = traced | TraceCategories.FABRIC | TraceCategories.EXCACHE | TraceCategories.SYSCALL;
        Machine m = Machine.load(config, specs, log, kinds);
        Debugger d = new Debugger(m, log, sources, lines, io.out());
        try {
            d.start();
            if (System.console() != null && io.in() == System.in) {
                interactive(d);
            } else {
                scripted(d);
            }
        } catch (RuntimeException | Error e) {
            // A command that fails is the debugger's own bug: reported with where the guest is.
            throw InternalFailure.at(e, m.hart().pc);
        } finally {
            log.close();
            io.out().flush();
        }
        return m.process().finished() ? m.process().exitStatus() : 0;
    }

    private void scripted(Debugger d) throws IOException {
        BufferedReader in = new BufferedReader(new InputStreamReader(io.in(), StandardCharsets.UTF_8));
        // SIGINT stops the guest, not the session: the next command is read as usual.
        Object previous = Interruption.everyInterrupt(d::interrupt);
        try {
            String line;
            while (!d.quitRequested() && (line = in.readLine()) != null) {
                io.out().println(PROMPT + line);
                d.execute(line);
            }
        } finally {
            Interruption.restoreInterrupt(previous);
        }
    }

    private void interactive(Debugger d) throws IOException {
        try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
            LineReader reader = LineReaderBuilder.builder().terminal(terminal).appName("splitsim")
                    .variable(LineReader.HISTORY_FILE, Path.of(System.getProperty("user.home"), ".splitsim_history"))
                    .build();
            // Ctrl-C while the guest runs stops it and comes back to the prompt; at the prompt the
            // line reader takes it (the line is dropped).
            terminal.handle(Terminal.Signal.INT, signal -> d.interrupt());
            String last = "";
            while (!d.quitRequested()) {
                String line;
                try {
                    line = reader.readLine(PROMPT);
                } catch (UserInterruptException e) {
                    continue;
                } catch (EndOfFileException e) {
                    return;
                }
                // An empty line repeats the last command, as in gdb.
                if (line.isBlank()) {
                    line = last;
                }
                last = line;
                d.execute(line);
                io.out().flush();
            }
        }
    }
}
