package dev.splitsim.tests;

import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.nio.file.Files;
import java.nio.file.Path;

/** Finds optional external tools (qemu-riscv64, the cross compiler, gdb-multiarch) on PATH; builds test programs. */
final class Tools {
    private Tools() {}

    /** Where {@code what} first stands in the first {@code length} bytes of {@code data}; -1 when nowhere. */
    /** The topology assignment naming {@code n} memory components mcomp0 … mcomp{n-1}. */
    /** {@code -Dsplitsim.full=true} runs the largest matrices whole (the nightly size) instead of a share. */
    static final boolean FULL_MATRIX = Boolean.getBoolean("splitsim.full");

    /**
     * Whether the {@code index}-th configuration of a matrix runs for the {@code offset}-th program:
     * by default every {@code share}-th one, a different share for the next program, so every
     * configuration still meets several programs; all of them with {@link #FULL_MATRIX}.
     */
    static boolean inShare(int index, int offset, int share) {
        return FULL_MATRIX || (index + offset) % share == 0;
    }

    static String memoryComponents(int n) {
        StringBuilder names = new StringBuilder();
        for (int i = 0; i < n; i++) {
            names.append(i == 0 ? "" : " ").append("mcomp").append(i);
        }
        return "topology.memory=" + names;
    }

    static int indexOf(byte[] data, int length, byte[] what) {
        outer:
        for (int i = 0; i + what.length <= length; i++) {
            for (int j = 0; j < what.length; j++) {
                if (data[i + j] != what[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

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

    /**
     * Compiles {@code source} with {@code riscv64-linux-gnu-gcc -O0 -g -static} into {@code dir}:
     * unstripped, with line information and frame pointers, as the debugger tests need. The caller
     * skips the test first when the compiler is absent.
     */
    static Path compileDebugProgram(Path dir, String name, String source) throws java.io.IOException,
            InterruptedException {
        Path src = Files.writeString(dir.resolve(name + ".c"), source);
        Path out = dir.resolve(name);
        Process p = new ProcessBuilder("riscv64-linux-gnu-gcc", "-O0", "-g", "-static", "-fno-omit-frame-pointer",
                "-o", out.toString(), src.toString()).redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("riscv64-linux-gnu-gcc failed:\n" + log);
        }
        return out;
    }

    /** The 1-based number of the first line of {@code source} that contains {@code text}. */
    static int lineOf(String source, String text) {
        String[] lines = source.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new IllegalArgumentException("no line contains " + text);
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
