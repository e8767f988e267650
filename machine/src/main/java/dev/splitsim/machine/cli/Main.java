package dev.splitsim.machine.cli;

import dev.splitsim.core.config.ConfigException;
import dev.splitsim.machine.InternalFailure;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine;

/**
 * The {@code splitsim} command. Every error a user can cause ends as one line on stderr and a
 * non-zero status; whatever else escapes a command is an internal error ({@link InternalFailure}),
 * reported here alone; a Java stack trace is printed only for those, with SPLITSIM_DEBUG set.
 */
@Command(name = "splitsim", mixinStandardHelpOptions = true, version = "splitsim 0.1.0",
        description = "Instruction-level, cycle-approximate model of a split-kernel (LegoOS-style) machine "
                + "running RISC-V Linux programs.",
        subcommands = {CommandLine.HelpCommand.class})
public final class Main implements Runnable {
    /** Status for bad input: a bad option, file, ELF or configuration. */
    public static final int USAGE_STATUS = 2;
    /** Status for an internal error of the simulator itself. */
    public static final int INTERNAL_STATUS = InternalFailure.STATUS;
    /**
     * The stack a command runs on. It is the code's own thread rather than a JVM flag, so that
     * {@code java -jar splitsim.jar} needs no options to run as the launcher runs it.
     */
    static final long COMMAND_STACK_BYTES = 16L << 20;

    private final Io io;

    /** This command as picocli built it, with every subcommand: what 'splitsim' alone lists. */
    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    private Main(Io io) {
        this.io = io;
    }

    public static void main(String[] args) throws InterruptedException {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
        PrintStream err = new PrintStream(new FileOutputStream(FileDescriptor.err), true);
        int[] status = new int[1];
        Thread command = new Thread(null, () -> status[0] = run(args, System.in, out, err), "splitsim",
                COMMAND_STACK_BYTES);
        command.start();
        command.join();
        out.flush();
        err.flush();
        System.exit(status[0]);
    }

    /** Runs one command line with the given streams and returns the exit status. */
    public static int run(String[] args, InputStream stdin, PrintStream stdout, PrintStream stderr) {
        Io io = new Io(stdin, stdout, stderr);
        CommandLine cl = new CommandLine(new Main(io));
        cl.addSubcommand("run", new RunCommand(io));
        cl.addSubcommand("sweep", new SweepCommand(io, wordsAfter("sweep", args)));
        cl.addSubcommand("bench", new BenchCommand(io));
        cl.addSubcommand("debug", new DebugCommand(io));
        cl.addSubcommand("experiment", new ExperimentCommand(io));
        cl.addSubcommand("netbench", new NetbenchCommand(io));
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        cl.setStopAtPositional(false);
        // Everything after PROGRAM is the guest's argv, however it looks: "-v", "--help", a literal "--".
        for (String guestRunner : new String[] {"run", "debug", "sweep"}) {
            cl.getSubcommands().get(guestRunner).setStopAtPositional(true);
        }
        // After the subcommands are added, so that their options get these converters too.
        cl.registerConverter(Long.class, Main::wholeNumber);
        cl.registerConverter(Long.TYPE, Main::wholeNumber);
        cl.registerConverter(Integer.class, Main::smallWholeNumber);
        cl.registerConverter(Integer.TYPE, Main::smallWholeNumber);
        cl.registerConverter(Double.class, Main::number);
        cl.registerConverter(Double.TYPE, Main::number);
        cl.setParameterExceptionHandler((ex, a) -> {
            String hint = "";
            if (ex instanceof CommandLine.UnmatchedArgumentException u && !u.getSuggestions().isEmpty()) {
                hint = " (did you mean '" + u.getSuggestions().get(0) + "'?)";
            }
            stderr.println("splitsim: " + firstLine(ex.getMessage()) + hint + " (try 'splitsim "
                    + commandName(ex.getCommandLine()) + "--help')");
            return USAGE_STATUS;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> handle(ex, stderr));
        int status;
        try {
            status = cl.execute(args);
        } catch (Throwable t) {
            // Picocli hands exceptions to the handler above; an Error (a stack overflow, an exhausted heap) comes here.
            status = internalError(t, stderr);
        }
        stdout.flush();
        stderr.flush();
        return status;
    }

    /** The words after the first {@code command} (the command's own), or none. */
    private static java.util.List<String> wordsAfter(String command, String[] args) {
        java.util.List<String> all = java.util.Arrays.asList(args);
        int at = all.indexOf(command);
        return at < 0 ? java.util.List.of() : all.subList(at + 1, all.size());
    }

    private static Long wholeNumber(String text) {
        try {
            return Long.decode(text.trim());
        } catch (NumberFormatException e) {
            throw new CommandLine.TypeConversionException("'" + text + "' is not a whole number");
        }
    }

    private static Integer smallWholeNumber(String text) {
        long v = wholeNumber(text);
        if (v != (int) v) {
            throw new CommandLine.TypeConversionException("'" + text + "' is too large");
        }
        return (int) v;
    }

    private static Double number(String text) {
        try {
            double v = Double.parseDouble(text.trim());
            if (Double.isFinite(v)) {
                return v;
            }
        } catch (NumberFormatException e) {
            // Reported below, like a value that is not finite.
        }
        throw new CommandLine.TypeConversionException("'" + text + "' is not a number");
    }

    /** Picocli's messages may run over several lines (a list of close matches, for one); the user gets one. */
    private static String firstLine(String message) {
        String m = message == null ? "bad command line" : message.strip();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl).strip();
    }

    private static String commandName(CommandLine c) {
        return c.getParent() == null ? "" : c.getCommandName() + " ";
    }

    private static int handle(Exception ex, PrintStream err) {
        if (ex instanceof UserError || ex instanceof ConfigException
                || ex instanceof dev.splitsim.machine.Machine.UserConfigException) {
            err.println("splitsim: " + ex.getMessage());
            return USAGE_STATUS;
        }
        if (ex instanceof dev.splitsim.core.elf.ElfFormatException || ex instanceof dev.splitsim.kernel.process.LoadException) {
            err.println("splitsim: " + ex.getMessage());
            return USAGE_STATUS;
        }
        if (ex instanceof dev.splitsim.core.host.GuestMemoryExhausted) {
            err.println("splitsim: " + ex.getMessage());
            return 1;
        }
        return internalError(ex, err);
    }

    /** The one place an internal error is reported: one line, the Java stack only with SPLITSIM_DEBUG set. */
    static int internalError(Throwable t, PrintStream err) {
        InternalFailure f = InternalFailure.of(t);
        err.println("splitsim: " + f.describe());
        if (System.getenv("SPLITSIM_DEBUG") != null) {
            f.failure().printStackTrace(err);
        }
        return InternalFailure.STATUS;
    }

    @Override
    public void run() {
        spec.commandLine().usage(io.err());
    }
}
