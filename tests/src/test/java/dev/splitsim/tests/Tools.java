package dev.splitsim.tests;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds optional external tools (qemu-riscv64, the cross compiler) on PATH. */
final class Tools {
    private Tools() {}

    static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private static final Pattern FLAT_JSON_ENTRY = Pattern.compile("\"([^\"]+)\"\\s*:\\s*(-?[0-9.eE+-]+)");

    /** The entries of a flat JSON object of numbers (the --stats-json file), in file order. */
    static Map<String, Double> flatJson(String text) {
        Map<String, Double> out = new LinkedHashMap<>();
        Matcher m = FLAT_JSON_ENTRY.matcher(text);
        while (m.find()) {
            out.put(m.group(1), Double.parseDouble(m.group(2)));
        }
        return out;
    }
}
