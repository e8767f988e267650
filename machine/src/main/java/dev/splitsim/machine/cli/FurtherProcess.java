package dev.splitsim.machine.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One {@code --process 'PROGRAM [ARGS...]'} of run and sweep: a further process for the next CPU
 * component of topology.cpu, its words separated by spaces. Both commands read the option here,
 * so they take and refuse the same values.
 */
record FurtherProcess(Path program, List<String> args) {
    /** The option's text, as run and sweep describe it. */
    static final String DESCRIPTION = "Run one more process on the next CPU component of topology.cpu (split machine"
            + " only); its words separated by spaces; repeatable. Its stdin is empty, its stdout and stderr are the"
            + " run's; the run ends when every process has, with the first one's status.";

    /** Each value in order; an empty one is the user's mistake, said in one line. */
    static List<FurtherProcess> parse(List<String> values) {
        List<FurtherProcess> out = new ArrayList<>();
        for (String v : values) {
            String[] words = v.trim().split("\\s+");
            if (words[0].isEmpty()) {
                throw new UserError("--process expects 'PROGRAM [ARGS...]', got '" + v + "'");
            }
            out.add(new FurtherProcess(Path.of(words[0]), List.of(words).subList(1, words.length)));
        }
        return out;
    }
}
