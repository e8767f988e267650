package dev.splitsim.kernel.memory;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The strings of an execve request's data: the program's name, then argv, then envp, each
 * NUL-ended; the header's argc and envc say how many of each.
 */
public final class ExecStrings {
    public final String name;
    public final List<String> argv;
    public final List<String> env;

    private ExecStrings(String name, List<String> argv, List<String> env) {
        this.name = name;
        this.argv = argv;
        this.env = env;
    }

    public static byte[] encode(String name, List<String> argv, List<String> env) {
        StringBuilder b = new StringBuilder(name).append('\0');
        for (String a : argv) {
            b.append(a).append('\0');
        }
        for (String e : env) {
            b.append(e).append('\0');
        }
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static ExecStrings decode(byte[] data, int length, int argc, int envc) {
        List<String> all = new ArrayList<>();
        int from = 0;
        for (int i = 0; i < length; i++) {
            if (data[i] == 0) {
                all.add(new String(data, from, i - from, StandardCharsets.UTF_8));
                from = i + 1;
            }
        }
        if (all.size() != 1 + argc + envc) {
            throw new IllegalArgumentException("execve strings: " + all.size() + " for " + (1 + argc + envc));
        }
        return new ExecStrings(all.get(0), List.copyOf(all.subList(1, 1 + argc)),
                List.copyOf(all.subList(1 + argc, all.size())));
    }
}
