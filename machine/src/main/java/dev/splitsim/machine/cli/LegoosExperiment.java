package dev.splitsim.machine.cli;

import java.util.List;

/**
 * The LegoOS paper's headline comparison as a plan: the systems, the local-memory fractions of
 * the working set, what "local memory" means for each system, the workload, and the paper's
 * slowdowns to print beside ours (docs/reference.md, LegoOS headline experiment).
 */
final class LegoosExperiment {
    private LegoosExperiment() {}

    /** One system of the comparison (a contender): its profile and the key that sets its local memory. */
    record Contender(String name, String label, String profile, String memoryKey, double[] paper) {}

    /** 128, 256 and 512 MB of a 0.9 GB working set. */
    static final double[] FRACTIONS = {0.14, 0.28, 0.57};

    static final List<Contender> SYSTEMS = List.of(
            new Contender("legoos", "LegoOS", "legoos", "excache.size", new double[] {2.13, 1.68, 1.41}),
            new Contender("linux-ssd-swap", "Linux SSD swap", "linux-ssd-swap", "linux.memory",
                    new double[] {5.52, 2.50, 1.37}),
            new Contender("linux-ramdisk-swap", "Linux ramdisk swap", "linux-ramdisk-swap", "linux.memory",
                    new double[] {4.48, 2.16, 1.27}),
            new Contender("infiniswap", "InfiniSwap", "infiniswap", "linux.memory", new double[] {2.91, 2.55, 1.23}));

    /** The reference every slowdown divides by. */
    static final String LOCAL = "local";

    /** The paper ran TensorFlow with 4 threads on 4 cores. */
    static final String CORES = "cpu.cores=4";

    /** The CNN of programs/bin/cifar: a few MiB of working set for --quick, at least 256 MiB otherwise. */
    static List<String> workload(boolean quick) {
        return quick ? List.of("-b", "8", "-s", "3", "-c", "8") : List.of("-b", "576", "-s", "2", "-c", "8");
    }

    /** The ExCache's lines are shared by 64 ways, so local memory comes in steps of 64 pages. */
    static final long GRAIN = 64L * 4096;

    /** {@code fraction} of {@code workingSet} bytes, to the nearest step (one at least). */
    static long localBytes(double fraction, long workingSet) {
        return Math.max(1, Math.round(fraction * workingSet / GRAIN)) * GRAIN;
    }

    /** The statistic that counts what each system fetched on demand, and the bytes it moved. */
    static String faultsStat(Contender s) {
        return s.profile().equals("legoos") ? "excache.misses" : "swap.major_faults";
    }

    static String bytesStat(Contender s) {
        return s.profile().equals("legoos") ? "fabric.bytes" : "swap.bytes_moved";
    }

    static final List<String> STATS = List.of("sim.seconds", "process.pages_touched", "excache.misses",
            "fabric.bytes", "swap.major_faults", "swap.bytes_moved");
}
