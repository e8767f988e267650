package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * programs/bin/rawsys issues raw system calls with random arguments (its seed from the case's
 * seed) on both layouts: the guest runs to its end or gets a clean signal; the host never fails,
 * and nothing appears outside the guest's root folder.
 */
final class RawSyscallFuzzTest {
    private static final Path RAWSYS = DifferentialTest.BIN.resolve("rawsys");
    private static final int CALLS = 300;

    @TempDir
    Path tmp;

    @Test
    void randomSystemCallsEndAsAGuestNeverAsTheHost() throws IOException {
        Path box = Files.createDirectories(tmp.resolve("box"));
        Path root = Files.createDirectories(box.resolve("root"));
        int[] survived = new int[1];
        int[] signaled = new int[1];
        Fuzz.Report report = Fuzz.campaign("raw syscalls", 0x5ca1_1ed5L, 400, 60_000).run((r, seed) -> {
            String profile = r.nextBoolean() ? "legoos" : "local";
            Fuzz.Outcome o = Fuzz.machine(RAWSYS, List.of(Long.toUnsignedString(seed), Integer.toString(CALLS)),
                    profile, List.of("cpu.timing=false"), 50_000_000, root, new byte[0]);
            String failure = Fuzz.hostFailure(o);
            if (failure != null) {
                return profile + ": " + failure;
            }
            try (Stream<Path> s = Files.list(box)) {
                List<Path> outside = s.filter(p -> !p.equals(root)).toList();
                if (!outside.isEmpty()) {
                    return profile + ": files outside the root: " + outside;
                }
            }
            if (o.status() == 0) {
                survived[0]++;
            } else if (o.status() > 128 && o.status() <= 128 + 64) {
                // A fault reported as one line, or a signal whose default action ends the process
                // (a timer's SIGALRM at the end of simulated time), silently as in Linux.
                signaled[0]++;
            } else if (o.status() != 124) {
                return profile + ": ended with status " + o.status() + ": " + Fuzz.firstLine(o.stderr());
            }
            return null;
        });
        System.out.printf("fuzz raw syscalls: %d calls; %d runs survived, %d got a signal%n",
                (long) report.cases() * CALLS, survived[0], signaled[0]);
        assertThat(report.failures()).as(report.summary()).isEmpty();
    }
}
