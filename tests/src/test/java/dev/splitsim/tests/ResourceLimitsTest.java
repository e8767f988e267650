package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.host.HostMemoryBudget;
import dev.splitsim.core.host.GuestMemoryExhausted;
import dev.splitsim.machine.cli.Main;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.assertj.core.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What one guest may take of the host is bounded, and reaching a bound is the guest's end or an
 * error it sees, never a host failure: memory (the memory components' size, the host budget),
 * mappings, the stack, threads, and the bytes written to files and the console.
 */
final class ResourceLimitsTest {
    private static final Path FAULTS = DifferentialTest.REPO.resolve("programs/faults/bin");
    private static final String[] PROFILES = {"legoos", "local"};

    @TempDir
    Path tmp;

    private record Result(int status, String stdout, String stderr) {}

    private Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new ArrayList<>(List.of("run", "-q", "--max-time", "120", "--root", tmp.toString()));
        all.addAll(List.of(args));
        int status = Main.run(all.toArray(new String[0]), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true), new PrintStream(err, true));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static String fault(String program) {
        return FAULTS.resolve(program).toString();
    }

    private static void assertGuestFault(Result r, int status, String reason) {
        assertThat(r.status()).as(r.stderr()).isEqualTo(status);
        assertThat(r.stderr().lines().toList()).as(r.stderr()).hasSize(1);
        assertThat(r.stderr()).startsWith("splitsim: guest fault: " + reason + " at pc=0x");
    }

    @Test
    void touchingPagesWithoutEndIsSigbusAtTheHostBudgetOnBothLayouts() {
        for (String profile : PROFILES) {
            Result r = run("--profile", profile, "--set", "host.memory_budget=64MiB", fault("hog"));
            assertGuestFault(r, 135, "bus error (out of memory: the guest's pages reached the host memory budget"
                    + " (host.memory_budget 64 MiB))");
        }
    }

    @Test
    void touchingPagesWithoutEndIsSigbusWhenTheMemoryComponentIsFull() {
        Result r = run("--set", "memory.size=64MiB", "--set", "excache.size=16MiB", fault("hog"));
        assertGuestFault(r, 135, "bus error (out of memory: memory component 0 is out of physical memory"
                + " (67108864 bytes; raise memory.size))");
        // The guest got its pages up to the end: 48 MiB of them at least were announced before it.
        assertThat(r.stdout()).contains("64 MiB\n").doesNotContain("128 MiB");
    }

    @Test
    void theBudgetIsCutToHalfOfWhatTheHeapCanHold() {
        HostMemoryBudget b = HostMemoryBudget.of(4L << 30, "host.memory_budget", 1L << 30);
        assertThat(b.limitPages()).isEqualTo((512L << 20) / 4096);
        for (int i = 0; i < b.limitPages(); i++) {
            b.take();
        }
        Assertions.assertThatThrownBy(b::take).isInstanceOf(GuestMemoryExhausted.class)
                .hasMessage("the guest's pages reached the host memory budget (half of the host's Java heap: 512 MiB;"
                        + " raise -Xmx with SPLITSIM_JAVA_OPTS)");
        b.give();
        b.take();
        assertThat(HostMemoryBudget.of(64L << 20, "k", 1L << 30).limitPages()).isEqualTo(16384);
    }

    @Test
    void allocatingWithoutTouchingEndsInMallocFailingAtTheMappingLimit() {
        // 1 MiB mallocs are mappings of their own: past vm.max_map_count (65,530) mmap is ENOMEM.
        Result r = run("--profile", "local", fault("hog"), "untouched");
        assertThat(r.status()).as(r.stderr()).isEqualTo(1);
        assertThat(r.stderr()).isEmpty();
        assertThat(r.stdout()).matches("malloc failed after 655\\d\\d MiB\n");
    }

    @Test
    void deepRecursionIsAGuestSegfaultAsUnderQemu() throws IOException, InterruptedException {
        for (String profile : PROFILES) {
            Result r = run("--profile", profile, fault("recurse"));
            assertThat(r.stdout()).isEqualTo("recursing\n");
            assertGuestFault(r, 139, "segmentation fault (store to unmapped address)");
        }
        Assumptions.assumeTrue(Tools.onPath("qemu-riscv64"), "qemu-riscv64 is not installed");
        Process q = new ProcessBuilder("qemu-riscv64", fault("recurse")).redirectErrorStream(true).start();
        assertThat(new String(q.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isEqualTo("recursing\n");
        assertThat(q.waitFor()).isEqualTo(139);
    }

    @Test
    void aHundredThousandThreadsEndInEagainAtTheThreadLimit() {
        for (String profile : PROFILES) {
            Result r = run("--profile", profile, fault("spawn"));
            assertThat(r).as(profile).isEqualTo(new Result(0, "pthread_create failed after 4095 threads: EAGAIN\n", ""));
        }
        Result few = run("--set", "sched.max_threads=10", fault("spawn"));
        assertThat(few.stdout()).isEqualTo("pthread_create failed after 9 threads: EAGAIN\n");
    }

    @Test
    void writingPastTheFileSizeLimitIsSigxfszOrEfbigWhenIgnored() throws IOException {
        for (String profile : PROFILES) {
            Result r = run("--profile", profile, "--set", "files.max_size=1MiB", fault("flood"));
            assertGuestFault(r, 153, "file size limit exceeded (files.max_size)");
            assertThat(Files.size(tmp.resolve("flood.out"))).isEqualTo(1L << 20);
            Result ignored = run("--profile", profile, "--set", "files.max_size=1MiB", fault("flood"), "file",
                    "ignore");
            assertThat(ignored).isEqualTo(new Result(1, "", "write failed after 1048576 bytes: EFBIG\n"));
            // Limits that are no multiple of a write: the last write is cut short, the next refused.
            Result odd = run("--profile", profile, "--set", "files.max_size=100000", fault("flood"), "file", "ignore");
            assertThat(odd.stderr()).isEqualTo("write failed after 100000 bytes: EFBIG\n");
        }
    }

    @Test
    void writingPastTheConsoleLimitIsSigxfsz() {
        for (String profile : PROFILES) {
            Result r = run("--profile", profile, "--set", "console.max_output=100KiB", fault("flood"), "stdout");
            assertGuestFault(r, 153, "file size limit exceeded (console.max_output)");
            assertThat(r.stdout()).hasSize(100 * 1024);
            Result ignored = run("--profile", profile, "--set", "console.max_output=100KiB", fault("flood"), "stdout",
                    "ignore");
            // The complaint on stderr is console output too: refused like the rest.
            assertThat(ignored.status()).isEqualTo(1);
            assertThat(ignored.stdout()).hasSize(100 * 1024);
            assertThat(ignored.stderr()).isEmpty();
        }
    }
}
