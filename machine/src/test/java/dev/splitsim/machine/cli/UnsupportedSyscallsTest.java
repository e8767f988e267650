package dev.splitsim.machine.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A system call the process monitor does not implement is counted by its name and named in the summary. */
final class UnsupportedSyscallsTest {
    private static final String PROGRAM = TestPrograms.locate("programs/bin/unsupported").toString();

    @TempDir
    Path tmp;

    private String run(String... cmd) {
        return TestPrograms.stderrOf(cmd);
    }

    @Test
    void eachUnsupportedCallHasAStatisticNamedAfterIt() throws IOException {
        Path stats = tmp.resolve("stats.json");
        run("run", "-q", "--profile", "local", "--root", tmp.toString(), "--stats-json", stats.toString(), PROGRAM);
        JsonNode json = new ObjectMapper().readTree(stats.toFile());
        assertThat(json.get("syscalls.unsupported.io_uring_setup").asLong()).isEqualTo(2);
        assertThat(json.get("syscalls.unsupported.lookup_dcookie").asLong()).isEqualTo(1);
        assertThat(json.get("syscalls.unsupported.kexec_file_load").asLong()).isEqualTo(1);
        // Supported calls are counted as calls, never as unsupported.
        assertThat(json.get("syscalls.write").asLong()).isPositive();
        assertThat(json.has("syscalls.unsupported.write")).isFalse();
    }

    @Test
    void theSummaryListsThemWithTheirCounts() {
        String err = run("run", "--root", tmp.toString(), PROGRAM);
        assertThat(err).contains("unsupported      4 system calls answered -ENOSYS: io_uring_setup 2, lookup_dcookie 1,"
                + " kexec_file_load 1\n");
    }

    @Test
    void aRunWithoutThemHasNoSuchLine() {
        assertThat(run("run", "--root", tmp.toString(), TestPrograms.locate("programs/bin/hello").toString()))
                .doesNotContain("unsupported");
    }
}
