package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each lab of labs/ run by its own script in its reduced form (QUICK=1), with the trend its
 * handout promises checked in the numbers of its tables.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class LabsTest {
    private static final Path LABS = DifferentialTest.REPO.resolve("labs");

    @TempDir
    Path tmp;

    @BeforeEach
    void needsBash() {
        Assumptions.assumeTrue(Tools.onPath("bash"), "bash is not installed: skipping the labs");
    }

    @Test
    void excacheLabMissesFallWithSizeAndRandomWinsOnLoopsButLosesOnHotSets() throws Exception {
        Path out = lab("excache");
        for (String pattern : List.of("scan", "hot")) {
            List<Map<String, String>> rows = csv(out.resolve(pattern).resolve("results.csv"));
            assertThat(rows).hasSize(6).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("0"));
            for (String policy : List.of("lru", "random")) {
                List<Long> misses = new ArrayList<>();
                for (String size : List.of("256KiB", "768KiB", "2MiB")) {
                    misses.add(number(rows, "excache.misses", "excache.size", size, "excache.policy", policy));
                }
                assertThat(misses).as(pattern + " " + policy).isSortedAccordingTo((a, b) -> Long.compare(b, a));
            }
            // When the whole working set fits, only cold misses are left, whatever the policy.
            assertThat(number(rows, "excache.misses", "excache.size", "2MiB", "excache.policy", "lru"))
                    .isEqualTo(number(rows, "excache.misses", "excache.size", "2MiB", "excache.policy", "random"))
                    .isBetween(256L, 400L);
        }
        List<Map<String, String>> scan = csv(out.resolve("scan").resolve("results.csv"));
        long lruScan = number(scan, "excache.misses", "excache.size", "768KiB", "excache.policy", "lru");
        long randomScan = number(scan, "excache.misses", "excache.size", "768KiB", "excache.policy", "random");
        // LRU on a loop larger than the cache misses on every touch (4 passes over 256 pages).
        assertThat(lruScan).isGreaterThanOrEqualTo(4 * 256L);
        assertThat(randomScan).isLessThan(lruScan * 8 / 10);
        List<Map<String, String>> hot = csv(out.resolve("hot").resolve("results.csv"));
        assertThat(number(hot, "excache.misses", "excache.size", "768KiB", "excache.policy", "lru"))
                .isLessThan(number(hot, "excache.misses", "excache.size", "768KiB", "excache.policy", "random"));
        assertThat(out.resolve("scan").resolve("plot.png")).isNotEmptyFile();
    }

    @Test
    void fabricLabNicOverheadIsPaidFourTimesAMissAndBandwidthCutsTheWire() throws Exception {
        Path out = lab("fabric");
        List<Map<String, String>> rows = csv(out.resolve("results.csv"));
        assertThat(rows).hasSize(4);
        assertThat(rows.stream().map(r -> r.get("excache.misses")).distinct()).hasSize(1);
        for (String bw : List.of("10Gbps", "100Gbps")) {
            double fast = real(rows, "excache.miss_latency_mean_ns", "fabric.link_bandwidth", bw,
                    "fabric.nic_processing", "100ns");
            double slow = real(rows, "excache.miss_latency_mean_ns", "fabric.link_bandwidth", bw,
                    "fabric.nic_processing", "2us");
            // Request and reply each leave one NIC and enter another: 4 passes of 1.9 us more.
            assertThat(slow - fast).as(bw).isCloseTo(4 * 1900.0, org.assertj.core.data.Offset.offset(200.0));
            assertThat(real(rows, "sim.seconds", "fabric.link_bandwidth", bw, "fabric.nic_processing", "2us"))
                    .isGreaterThan(real(rows, "sim.seconds", "fabric.link_bandwidth", bw, "fabric.nic_processing", "100ns"));
        }
        for (String nic : List.of("100ns", "2us")) {
            double slowWire = real(rows, "excache.miss_latency_mean_ns", "fabric.link_bandwidth", "10Gbps",
                    "fabric.nic_processing", nic);
            double fastWire = real(rows, "excache.miss_latency_mean_ns", "fabric.link_bandwidth", "100Gbps",
                    "fabric.nic_processing", nic);
            // A 4 KiB reply serializes for 3.3 us at 10 Gbps, 0.33 us at 100, on two links at least.
            assertThat(slowWire - fastWire).as(nic).isGreaterThan(2 * (3300.0 - 330.0) * 0.8);
        }
    }

    @Test
    void threadsLabSpeedsUpOnMoreCoresAndContendsWhenTheMissesShareTheFabric() throws Exception {
        Path out = lab("threads");
        List<Map<String, String>> parallel = csv(out.resolve("parallel").resolve("results.csv"));
        double one = real(parallel, "sim.seconds", "cpu.cores", "1");
        double two = real(parallel, "sim.seconds", "cpu.cores", "2");
        assertThat(one / two).isBetween(1.8, 2.0);

        List<Map<String, String>> matmul = csv(out.resolve("matmul").resolve("results.csv"));
        assertThat(matmul).hasSize(4).allSatisfy(r -> assertThat(r.get("output_matches")).isEqualTo("true"));
        double fitsSpeedup = real(matmul, "sim.seconds", "cpu.cores", "1", "excache.size", "64MiB")
                / real(matmul, "sim.seconds", "cpu.cores", "4", "excache.size", "64MiB");
        double contendedSpeedup = real(matmul, "sim.seconds", "cpu.cores", "1", "excache.size", "256KiB")
                / real(matmul, "sim.seconds", "cpu.cores", "4", "excache.size", "256KiB");
        assertThat(fitsSpeedup).isGreaterThan(2.0);
        assertThat(contendedSpeedup).isGreaterThan(1.0).isLessThan(fitsSpeedup);
        assertThat(real(matmul, "fabric.queue_ps", "cpu.cores", "4", "excache.size", "256KiB"))
                .isGreaterThan(2 * real(matmul, "fabric.queue_ps", "cpu.cores", "1", "excache.size", "256KiB"));
        assertThat(real(matmul, "fabric.queue_ps", "cpu.cores", "4", "excache.size", "64MiB")).isZero();
    }

    /** Runs labs/NAME/run.sh in its reduced form with this build's splitsim; returns its folder. */
    private Path lab(String name) throws IOException, InterruptedException {
        Path out = tmp.resolve(name);
        ProcessBuilder b = new ProcessBuilder("bash", LABS.resolve(name).resolve("run.sh").toString(), out.toString())
                .redirectErrorStream(true);
        b.environment().put("QUICK", "1");
        List<String> self = CliProcess.of(List.of()).command();
        b.environment().put("SPLITSIM", String.join(" ", self.subList(self.indexOf(javaOf(self)), self.size())));
        Process p = b.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(240, TimeUnit.SECONDS)).as(said).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        return out;
    }

    /** The java command in a CliProcess command line (after a signal-resetting wrapper, if any). */
    private static String javaOf(List<String> command) {
        return command.stream().filter(w -> w.endsWith(File.separator + "java")).findFirst().orElseThrow();
    }

    /** The value of {@code stat} in the one row whose fields match the pairs in {@code where}. */
    private static double real(List<Map<String, String>> rows, String stat, String... where) {
        List<Map<String, String>> found = rows.stream().filter(r -> {
            for (int i = 0; i < where.length; i += 2) {
                if (!where[i + 1].equals(r.get(where[i]))) {
                    return false;
                }
            }
            return true;
        }).toList();
        assertThat(found).as(String.join(" ", where)).hasSize(1);
        return Double.parseDouble(found.get(0).get(stat));
    }

    private static long number(List<Map<String, String>> rows, String stat, String... where) {
        return (long) real(rows, stat, where);
    }

    /** A results.csv as maps from header to field (no field of these tables holds a comma or a quote). */
    private static List<Map<String, String>> csv(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file);
        String[] header = lines.get(0).split(",", -1);
        List<Map<String, String>> rows = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",", -1);
            Map<String, String> row = new LinkedHashMap<>();
            for (int i = 0; i < header.length; i++) {
                row.put(header[i], f[i]);
            }
            rows.add(row);
        }
        return rows;
    }
}
