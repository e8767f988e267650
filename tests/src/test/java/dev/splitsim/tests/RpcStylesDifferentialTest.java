package dev.splitsim.tests;

import dev.splitsim.fabric.rpc.RpcStyle;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;

/**
 * Programs print what qemu-riscv64 prints whatever RPC style carries the split kernel's messages:
 * the style changes when a reply arrives, never what it holds. A representative handful runs by
 * default (threads, files, a heap that misses and writes back with a small ExCache, signals);
 * {@code -Dsplitsim.full=true} runs every program of the differential test under every style.
 */
final class RpcStylesDifferentialTest {
    private static final Set<String> REPRESENTATIVE = Set.of("hello", "files", "heap", "prodcons", "signals");

    @TestFactory
    Stream<DynamicTest> representativeProgramsMatchQemuInEveryStyle() throws IOException {
        return matrix(false);
    }

    @Tag("full-matrix")
    @TestFactory
    Stream<DynamicTest> everyProgramMatchesQemuInEveryStyle() throws IOException {
        Assumptions.assumeTrue(Tools.FULL_MATRIX, "the full matrix runs with -Dsplitsim.full=true");
        return matrix(true);
    }

    private static Stream<DynamicTest> matrix(boolean all) throws IOException {
        Assumptions.assumeTrue(Tools.onPath("qemu-riscv64"), "qemu-riscv64 is not installed: skipping differential tests");
        List<DynamicTest> tests = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        for (DifferentialTest.Case c : DifferentialTest.cases()) {
            if (!all && (!REPRESENTATIVE.contains(c.program()) || seen.contains(c.program()))) {
                continue;
            }
            seen.add(c.program());
            for (RpcStyle s : RpcStyle.values()) {
                if (s == RpcStyle.LEGOOS) {
                    continue;
                }
                // A small ExCache and two cores, so misses, write-backs and contended replies all cross the fabric.
                List<String> options = List.of("--set", "fabric.rpc=" + s.key(), "--set", "excache.size=256KiB",
                        "--set", "cpu.cores=2");
                tests.add(DynamicTest.dynamicTest(c.label() + " (" + s.key() + ")",
                        () -> DifferentialTest.assertMatchesQemu(c, options)));
            }
        }
        return tests.stream();
    }
}
