package dev.splitsim.machine.cli;

import java.io.File;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;

/**
 * A sweep as a Slurm job array: array task i runs point i of the sweep (all its repeats) with the
 * very command line the sweep was given, writing into DIR/points/ as a local sweep does, and
 * {@code sweep --collect DIR} then makes the same table. The script is submitted with sbatch when
 * there is one.
 */
final class SlurmJob {
    static final String SCRIPT = "sweep.sbatch";

    private SlurmJob() {}

    /**
     * Writes DIR/sweep.sbatch for {@code points} tasks, each running {@code sweepArgs} (the words after
     * 'sweep') for its point; {@code sbatchOptions} become #SBATCH lines as given.
     */
    static Path writeScript(Path out, int points, List<String> sweepArgs, List<String> sbatchOptions) throws IOException {
        Path dir = out.toAbsolutePath().normalize();
        Path logs = Files.createDirectories(dir.resolve("slurm"));
        StringBuilder sb = new StringBuilder("#!/bin/sh\n");
        sb.append("# splitsim sweep as a Slurm job array: task i runs point i (all its repeats) into ")
                .append(dir.resolve("points")).append("/.\n");
        sb.append("# When every task is done: splitsim sweep --collect ").append(dir).append('\n');
        sb.append("#SBATCH --job-name=splitsim-sweep\n");
        sb.append("#SBATCH --array=0-").append(points - 1).append('\n');
        sb.append("#SBATCH --ntasks=1\n#SBATCH --cpus-per-task=1\n");
        // The command line's relative paths (program, --root, --out) mean what they meant here.
        sb.append("#SBATCH --chdir=").append(Path.of("").toAbsolutePath()).append('\n');
        sb.append("#SBATCH --output=").append(logs.resolve("%A_%a.out")).append('\n');
        for (String option : sbatchOptions) {
            sb.append("#SBATCH ").append(option).append('\n');
        }
        List<String> command = new ArrayList<>(self());
        command.add("sweep");
        StringBuilder line = new StringBuilder("exec");
        for (String word : command) {
            line.append(' ').append(quoted(word));
        }
        line.append(" --task \"$SLURM_ARRAY_TASK_ID\"");
        for (String word : sweepArgs) {
            line.append(' ').append(quoted(word));
        }
        sb.append(line).append('\n');
        Path script = dir.resolve(SCRIPT);
        Files.writeString(script, sb, StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        } catch (UnsupportedOperationException e) {
            // A file system without POSIX permissions: sbatch reads the script all the same.
        }
        return script;
    }

    /**
     * Submits the script with sbatch and says so, with the job id; without sbatch, says where the
     * script is. Returns the exit status of the sweep command.
     */
    static int submit(Path script, Path out, int points, PrintStream err) throws IOException, InterruptedException {
        String collect = "splitsim sweep --collect " + out;
        if (!onPath("sbatch")) {
            err.println("splitsim: sweep: sbatch is not installed here; the job script is " + script
                    + " (submit it with 'sbatch " + script + "', then run '" + collect + "')");
            return 0;
        }
        Process p = new ProcessBuilder("sbatch", "--parsable", script.toString()).redirectErrorStream(true).start();
        String reply = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        if (p.waitFor() != 0) {
            String first = reply.isEmpty() ? "no message" : reply.lines().reduce((a, b) -> b).orElse(reply);
            err.println("splitsim: sweep: sbatch refused " + script + ": " + first);
            return 1;
        }
        // --parsable answers "JOBID" or "JOBID;CLUSTER".
        String id = reply.lines().reduce((a, b) -> b).orElse(reply).split(";")[0].strip();
        err.println("splitsim: sweep: submitted job array " + id + " (" + points + " tasks, logs in "
                + out.resolve("slurm") + "); when it is done: " + collect);
        return 0;
    }

    /**
     * How a task starts splitsim: the launcher when the sweep was started through it (it holds the
     * JVM's flags), else this JVM with its class path.
     */
    private static List<String> self() {
        String home = System.getProperty("splitsim.home");
        if (home != null && Files.isExecutable(Path.of(home, "splitsim"))) {
            return List.of(Path.of(home, "splitsim").toAbsolutePath().normalize().toString());
        }
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> classPath = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            classPath.add(Path.of(entry).toAbsolutePath().normalize().toString());
        }
        return List.of(java, "-Xss16m", "-cp", String.join(File.pathSeparator, classPath), Main.class.getName());
    }

    /** {@code word} for sh: in single quotes, a quote in it closed, escaped and reopened. */
    static String quoted(String word) {
        return "'" + word.replace("'", "'\\''") + "'";
    }

    private static boolean onPath(String tool) {
        String path = System.getenv("PATH");
        if (path == null) {
            return false;
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }
}
