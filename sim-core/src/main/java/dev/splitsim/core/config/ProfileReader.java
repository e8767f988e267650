package dev.splitsim.core.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a profile: lines of {@code key = value  # source}. The comment after a value is the citation
 * for that default (a section of docs/reference.md or a stated assumption) and is kept for {@code --show-config}.
 * Whole-line comments and blank lines are ignored; {@code include NAME} pulls in another profile first.
 */
public final class ProfileReader {
    /** Finds profile text by name (from resources, or a file). */
    public interface Source {
        InputStream open(String name) throws IOException;
    }

    private final Source source;

    public ProfileReader(Source source) {
        this.source = source;
    }

    public void apply(String name, Config config) {
        apply(name, config, 0);
        config.setProfileName(name);
    }

    private void apply(String name, Config config, int depth) {
        if (depth > 8) {
            throw new ConfigException("profile includes nest too deeply at " + name);
        }
        try (InputStream in = source.open(name)) {
            if (in == null) {
                throw new ConfigException("unknown profile '" + name + "'");
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int lineNo = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.trim();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (t.startsWith("include ")) {
                    apply(t.substring(8).trim(), config, depth + 1);
                    continue;
                }
                String noteText = "";
                int hash = t.indexOf('#');
                if (hash >= 0) {
                    noteText = t.substring(hash + 1).trim();
                    t = t.substring(0, hash).trim();
                }
                int eq = t.indexOf('=');
                if (eq <= 0) {
                    throw new ConfigException("profile " + name + " line " + lineNo + ": expected key = value");
                }
                try {
                    config.set(t.substring(0, eq).trim(), t.substring(eq + 1).trim(), "profile " + name, noteText);
                } catch (ConfigException e) {
                    throw new ConfigException("profile " + name + " line " + lineNo + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new ConfigException("cannot read profile '" + name + "': " + e.getMessage());
        }
    }
}
