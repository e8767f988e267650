package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Several storage components (topology.storage with two names) make one tree: the names below the
 * root are spread over them by crc32(name) mod count, so programs/bin/spread's folders "in" and
 * "out" are one on each. Its output is the one component's and the all-local machine's, each
 * component serves requests on its own node and device, a rename between them is EXDEV, the
 * program's image comes from the component holding its path, and two runs are identical.
 */
final class StorageComponentsTest {
    private static final String TWO = "topology.storage=scomp0 scomp1";

    @TempDir
    Path tmp;

    private record Run(int status, String stdout, Map<String, Double> stats, String json) {}

    private Run run(Path program, List<String> options, String... args) throws IOException {
        Path root = Files.createTempDirectory(tmp, "root");
        Path json = Files.createTempFile(tmp, "stats", ".json");
        List<String> cmd = new ArrayList<>(List.of("run", "-q", "--root", root.toString(), "--stats-json",
                json.toString()));
        cmd.addAll(options);
        cmd.add(program.toString());
        cmd.addAll(List.of(args));
        InProcess r = InProcess.run(cmd.toArray(new String[0]));
        assertThat(r.stderr()).isEmpty();
        String text = Files.readString(json);
        return new Run(r.status(), r.stdout(), Tools.flatJson(text), text);
    }

    private static List<String> sets(String... assignments) {
        List<String> out = new ArrayList<>();
        for (String a : assignments) {
            out.add("--set");
            out.add(a);
        }
        return out;
    }

    private static long crc(String name) {
        CRC32 c = new CRC32();
        c.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
        return c.getValue();
    }

    @Test
    void theProgramsFoldersLieOnDifferentComponents() {
        // What the program's comment promises, and what the rest of this test leans on.
        assertThat(crc("in") % 2).isZero();
        assertThat(crc("out") % 2).isOne();
    }

    @Test
    void filesOnTwoComponentsGiveTheOneComponentsOutputWithTrafficToBoth() throws IOException {
        Path spread = DifferentialTest.BIN.resolve("spread");
        Run one = run(spread, List.of());
        Run two = run(spread, sets(TWO));
        Run local = run(spread, List.of("--profile", "local"));
        assertThat(one.status()).isZero();
        assertThat(one.stdout()).contains("rename inside: 0").contains("rmdir: 0 0");
        assertThat(two.stdout()).isEqualTo(one.stdout());
        assertThat(local.stdout()).isEqualTo(one.stdout());
        assertThat(two.status()).isZero();

        for (String c : List.of("scomp0", "scomp1")) {
            assertThat(two.stats().get("storage." + c + ".requests")).as(c + " requests").isPositive();
            assertThat(two.stats().get("fabric.busy." + c + ".nic_rx_ps")).as(c + " received").isPositive();
            assertThat(two.stats().get("fabric.busy." + c + ".nic_tx_ps")).as(c + " sent").isPositive();
            assertThat(two.stats().get("storage." + c + ".device_writes")).as(c + " device writes").isPositive();
        }
        assertThat(two.stats().get("storage.requests")).isEqualTo(
                two.stats().get("storage.scomp0.requests") + two.stats().get("storage.scomp1.requests"));
        // One component keeps the statistics it always had, and no more.
        assertThat(one.stats().keySet()).noneMatch(k -> k.startsWith("storage.scomp0."));
        assertThat(one.stats().keySet()).noneMatch(k -> k.contains("scomp1"));
    }

    @Test
    void aRenameBetweenComponentsIsExdevAsBetweenMounts() throws IOException {
        Path spread = DifferentialTest.BIN.resolve("spread");
        assertThat(run(spread, List.of(), "cross").stdout()).contains("rename across: 0 0\n");
        Run two = run(spread, sets(TWO), "cross");
        assertThat(two.stdout()).contains("rename across: -1 EXDEV\n").contains("rmdir: 0 0");
        assertThat(two.status()).isZero();
    }

    @Test
    void theProgramsImageComesFromTheComponentHoldingItsPath() throws IOException {
        // Inside the root as "/a" (crc32 odd): execve's image is read from scomp1's device.
        Path root = Files.createTempDirectory(tmp, "exe");
        Path program = Files.copy(DifferentialTest.BIN.resolve("hello"), root.resolve("a"));
        assertThat(crc("a") % 2).isOne();
        Path json = tmp.resolve("exe.json");
        InProcess r = InProcess.run("run", "-q", "--root", root.toString(), "--stats-json", json.toString(), "--set",
                TWO, program.toString());
        assertThat(r.status()).as(r.stderr()).isZero();
        Map<String, Double> s = Tools.flatJson(Files.readString(json));
        long size = Files.size(program);
        assertThat(s.get("storage.scomp1.device_reads")).isGreaterThanOrEqualTo((double) size);
        assertThat(s.get("storage.scomp0.device_reads")).isLessThan((double) size);
    }

    @Test
    void twoRunsOnTwoComponentsAreIdentical() throws IOException {
        Path spread = DifferentialTest.BIN.resolve("spread");
        Run a = run(spread, sets(TWO, "excache.size=64KiB"));
        Run b = run(spread, sets(TWO, "excache.size=64KiB"));
        assertThat(b.stdout()).isEqualTo(a.stdout());
        Map<String, Double> sa = new java.util.TreeMap<>(a.stats());
        Map<String, Double> sb = new java.util.TreeMap<>(b.stats());
        sa.keySet().removeIf(k -> k.startsWith("host."));
        sb.keySet().removeIf(k -> k.startsWith("host."));
        assertThat(sb).isEqualTo(sa);
    }

    @Test
    void theChromeTraceShowsEachStorageComponent() throws IOException {
        Path root = Files.createTempDirectory(tmp, "trace");
        Path trace = tmp.resolve("trace.json");
        InProcess r = InProcess.run("run", "-q", "--root", root.toString(), "--set", TWO, "--trace-file",
                trace.toString(), DifferentialTest.BIN.resolve("spread").toString());
        assertThat(r.status()).as(r.stderr()).isZero();
        String text = Files.readString(trace);
        for (String c : List.of("scomp0", "scomp1")) {
            assertThat(text).contains("\"args\":{\"name\":\"" + c + "\"}");
        }
        assertThat(text).contains("storage monitor worker 0");
    }
}
