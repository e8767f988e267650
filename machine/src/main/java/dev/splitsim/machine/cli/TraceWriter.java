package dev.splitsim.machine.cli;

import dev.splitsim.fabric.MessageRecord;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes fabric messages to a file as they are sent: one line each, readable text or JSON. */
final class TraceWriter implements AutoCloseable {
    private final BufferedWriter out;
    private final boolean json;

    private TraceWriter(BufferedWriter out, boolean json) {
        this.out = out;
        this.json = json;
    }

    /** Null when no trace was asked for. */
    static TraceWriter open(Path file, String format) throws IOException {
        if (file == null) {
            if (format != null) {
                throw new UserError("--trace-format needs --trace FILE");
            }
            return null;
        }
        String f = format != null ? format
                : file.toString().endsWith(".jsonl") || file.toString().endsWith(".json") ? "jsonl" : "text";
        if (!f.equals("text") && !f.equals("jsonl")) {
            throw new UserError("--trace-format must be text or jsonl, got '" + f + "'");
        }
        try {
            return new TraceWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8), f.equals("jsonl"));
        } catch (IOException e) {
            throw new UserError("cannot write trace file " + file + ": " + e.getMessage());
        }
    }

    void write(MessageRecord r) {
        try {
            out.write(json ? r.toJson() : r.toText());
            out.newLine();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
