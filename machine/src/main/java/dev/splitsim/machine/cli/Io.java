package dev.splitsim.machine.cli;

import java.io.InputStream;
import java.io.PrintStream;

/** The streams a command talks through: the guest's stdin/stdout/stderr are these too. */
record Io(InputStream in, PrintStream out, PrintStream err) {}
