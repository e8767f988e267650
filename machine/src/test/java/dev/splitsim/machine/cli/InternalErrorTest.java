package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.kernel.process.SyscallRecord;
import dev.splitsim.kernel.remote.MissRecord;
import dev.splitsim.machine.InternalFailure;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.config.Profiles;
import dev.splitsim.machine.trace.EventSink;
import dev.splitsim.machine.trace.TraceCategories;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * An internal error is one line with the guest pc and a hint, status 70, whatever escaped: an
 * exception inside the run (here a trace sink that fails), or an Error the command framework does
 * not catch.
 */
final class InternalErrorTest {
    private static final Path HELLO = TestPrograms.locate("programs/bin/hello");

    /** A sink that fails at the guest's first system call, as a bug in the simulator would. */
    private static final class FailingSink implements EventSink {
        long pc = -1;

        @Override
        public void message(MessageRecord m) {}

        @Override
        public void miss(int component, MissRecord m) {}

        @Override
        public void syscall(int component, SyscallRecord s) {
            pc = s.pc();
            throw new IllegalStateException("sink broke");
        }

        @Override
        public void instruction(int component, int core, long pc, long bits, long tick) {}

        @Override
        public void close() {}
    }

    private static ProcessSpec spec() {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream());
        return new ProcessSpec(HELLO, HELLO.toString(), List.of(HELLO.toString()), List.of(),
                new ByteArrayInputStream(new byte[0]), sink, sink, false, false, false, Path.of("").toAbsolutePath(), 1,
                false);
    }

    @Test
    void whatEscapesARunCarriesTheGuestPcAndIsOneLine() {
        for (String profile : new String[] {"legoos", "local"}) {
            FailingSink sink = new FailingSink();
            Machine m = Machine.load(Profiles.load(profile, List.of()), spec(), sink, TraceCategories.SYSCALL);
            InternalFailure f = catchThrowableOfType(() -> m.run(RunLimits.NONE), InternalFailure.class);
            assertThat(f.failure()).isInstanceOf(IllegalStateException.class).hasMessage("sink broke");
            assertThat(sink.pc).isPositive();
            ByteArrayOutputStream err = new ByteArrayOutputStream();
            int status = Main.internalError(f, new PrintStream(err, true));
            assertThat(status).isEqualTo(70);
            assertThat(err.toString(StandardCharsets.UTF_8)).isEqualTo("splitsim: internal error:"
                    + " java.lang.IllegalStateException: sink broke (guest pc=0x" + Long.toHexString(sink.pc)
                    + "; this is a bug in splitsim: please report it with the command line and the program;"
                    + " SPLITSIM_DEBUG=1 prints the Java stack)\n");
            // Stepping, as the debugger and the gdb stub do, reports the same way.
            Machine stepped = Machine.load(Profiles.load(profile, List.of()), spec(), new FailingSink(),
                    TraceCategories.SYSCALL);
            InternalFailure s = catchThrowableOfType(() -> {
                for (int i = 0; i < 1_000_000; i++) {
                    stepped.step();
                }
            }, InternalFailure.class);
            assertThat(s.describe()).contains("guest pc=0x" + Long.toHexString(sink.pc));
        }
    }

    @Test
    void anErrorOutsideAnyRunIsOneLineToo() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertThat(Main.internalError(new StackOverflowError(), new PrintStream(err, true))).isEqualTo(70);
        assertThat(err.toString(StandardCharsets.UTF_8).lines().toList()).containsExactly(
                "splitsim: internal error: java.lang.StackOverflowError (no guest running; this is a bug in splitsim:"
                        + " please report it with the command line and the program; SPLITSIM_DEBUG=1 prints the Java"
                        + " stack)");
    }
}
