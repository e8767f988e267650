package dev.splitsim.machine.cli;

import dev.splitsim.machine.trace.ChromeTrace;
import dev.splitsim.machine.trace.EventSink;
import dev.splitsim.machine.trace.JsonlTrace;
import dev.splitsim.machine.trace.TraceSources;
import dev.splitsim.machine.trace.TextTrace;
import dev.splitsim.machine.trace.TraceCategories;
import dev.splitsim.machine.config.Topology;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Opens the trace the options ask for: which kinds of event, to which file, in which format. */
final class TraceWriter {
    private TraceWriter() {}

    /** The kinds traced when only a file is given. */
    static final String DEFAULT_KINDS = "fabric,excache,syscall";

    static int kinds(String kinds, Path file) {
        if (kinds == null) {
            return file == null ? 0 : TraceCategories.parse(DEFAULT_KINDS);
        }
        try {
            return TraceCategories.parse(kinds);
        } catch (IllegalArgumentException e) {
            throw new UserError("--trace: " + e.getMessage());
        }
    }

    /** Null when nothing is traced; text on {@code err} when no file is given. */
    static EventSink open(int kinds, Path file, String format, TraceSources sources, int ways, Topology topology,
            PrintStream err) {
        if (kinds == 0) {
            if (format != null) {
                throw new UserError("--trace-format needs --trace KINDS or --trace-file FILE");
            }
            return null;
        }
        String f = format != null ? format
                : file != null && (file.toString().endsWith(".jsonl")) ? "jsonl"
                : file != null && file.toString().endsWith(".json") ? "chrome" : "text";
        if (!f.equals("text") && !f.equals("jsonl") && !f.equals("chrome")) {
            throw new UserError("--trace-format must be text, jsonl or chrome, got '" + f + "'");
        }
        PrintWriter out;
        if (file == null) {
            if (!f.equals("text")) {
                throw new UserError("--trace-format " + f + " needs --trace-file FILE");
            }
            out = new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), false);
        } else {
            try {
                out = new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UserError("cannot write trace file " + file + ": " + OutputFiles.reason(e));
            }
        }
        switch (f) {
            case "jsonl": return new JsonlTrace(out, sources);
            case "chrome": return new ChromeTrace(out, sources, topology);
            default: return new TextTrace(out, sources, file != null).withWays(ways);
        }
    }
}
