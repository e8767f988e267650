package dev.splitsim.machine.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every default a profile sets can be traced to its source: a citation such as
 * {@code docs/reference.md, LegoOS RPC latency} names a heading that exists in that file, and no
 * numeric value stands in a profile without a comment saying where it comes from.
 */
final class ProfileCitationsTest {
    /** A citation: the document, a comma, then the section name up to a colon, semicolon, bracket or the end. */
    private static final Pattern CITATION = Pattern.compile("docs/(reference|design)\\.md, ([^:;()]+)");
    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+?)\\s*$", Pattern.MULTILINE);

    @Test
    void everyCitedSectionExists() throws IOException {
        Set<String> reference = headings(repo().resolve("docs/reference.md"));
        Set<String> design = headings(repo().resolve("docs/design.md"));
        List<String> citations = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (Path file : citingFiles()) {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                Matcher m = CITATION.matcher(lines.get(i));
                while (m.find()) {
                    String section = m.group(2).trim();
                    citations.add(section);
                    Set<String> headings = m.group(1).equals("reference") ? reference : design;
                    if (!headings.contains(section)) {
                        missing.add(file.getFileName() + ":" + (i + 1) + " cites '" + m.group(0).trim() + "'");
                    }
                }
            }
        }
        assertThat(citations).as("citations found").hasSizeGreaterThan(20);
        assertThat(missing).as("citations of sections that do not exist").isEmpty();
    }

    @Test
    void noFileCitesTheOldDocuments() throws IOException {
        for (Path file : citingFiles()) {
            assertThat(Files.readString(file, StandardCharsets.UTF_8)).as(file.toString())
                    .doesNotContain("REFERENCE.md").doesNotContain("DESIGN.md");
        }
    }

    @Test
    void everyNumericValueInAProfileSaysWhereItComesFrom() throws IOException {
        List<String> bare = new ArrayList<>();
        int timed = 0;
        Set<String> timingKinds = new HashSet<>();
        for (Path profile : profiles()) {
            List<String> lines = Files.readAllLines(profile, StandardCharsets.UTF_8);
            for (int i = 0; i < lines.size(); i++) {
                String line = lines.get(i).trim();
                int eq = line.indexOf('=');
                if (line.isEmpty() || line.startsWith("#") || eq < 0) {
                    continue;
                }
                int hash = line.indexOf('#');
                String value = (hash < 0 ? line.substring(eq + 1) : line.substring(eq + 1, hash)).trim();
                String note = hash < 0 ? "" : line.substring(hash + 1).trim();
                if (!value.matches(".*[0-9].*")) {
                    continue;
                }
                String key = line.substring(0, eq).trim();
                if (isTiming(key)) {
                    timed++;
                    timingKinds.add(key.substring(0, key.indexOf('.')));
                }
                if (note.isEmpty()) {
                    bare.add(profile.getFileName() + ":" + (i + 1) + " " + key + " = " + value);
                }
            }
        }
        // The check must have seen the timing values it is about, or it proves nothing.
        assertThat(timed).isGreaterThan(30);
        assertThat(timingKinds).contains("cpu", "fabric", "memory", "storage", "excache", "dram");
        assertThat(bare).as("numeric values without a source comment").isEmpty();
    }

    /** Whether a key's value is a time, a rate or a latency in cycles: what the timing model is made of. */
    private static boolean isTiming(String key) {
        for (var k : MachineKeys.ALL) {
            if (k.name().equals(key)) {
                switch (k.kind()) {
                    case TIME:
                    case FREQUENCY:
                    case BANDWIDTH:
                        return true;
                    default:
                        return key.contains("latency") || key.contains("cycles") || key.contains("penalty");
                }
            }
        }
        throw new AssertionError("profile key " + key + " is not in MachineKeys");
    }

    private static Set<String> headings(Path doc) throws IOException {
        Set<String> out = new HashSet<>();
        Matcher m = HEADING.matcher(Files.readString(doc, StandardCharsets.UTF_8));
        while (m.find()) {
            out.add(m.group(1));
        }
        return out;
    }

    /** The files whose citations are checked: the profiles, the README and the design notes. */
    private static List<Path> citingFiles() throws IOException {
        List<Path> files = new ArrayList<>(profiles());
        files.add(repo().resolve("README.md"));
        files.add(repo().resolve("docs/design.md"));
        return files;
    }

    private static List<Path> profiles() throws IOException {
        try (Stream<Path> s = Files.list(repo().resolve("machine/src/main/resources/profiles"))) {
            List<Path> out = s.filter(p -> p.toString().endsWith(".profile")).sorted().toList();
            assertThat(out).isNotEmpty();
            return out;
        }
    }

    /** The repository's top folder: tests run in the module's folder, one below it. */
    private static Path repo() {
        Path here = Path.of("").toAbsolutePath();
        return Files.isDirectory(here.resolve("docs")) ? here : here.getParent();
    }
}
