package dev.splitsim.tests;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code sweep --slurm} through a real single-node Slurm that the test configures and starts
 * (munged, slurmctld and slurmd of Debian's munge and slurm-wlm, on free ports, everything inside
 * a temporary folder): the job array's tasks run the points, {@code sweep --collect} makes the
 * table, and the table is the very one a local sweep of the same points writes.
 */
@Timeout(value = 300, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
final class SlurmSweepTest {
    @TempDir
    Path tmp;

    private Path slurmConf;
    private final List<Path> pidFiles = new ArrayList<>();

    @Test
    void aSweepRunsAsAJobArrayAndCollectsIntoTheLocalSweepsTable() throws Exception {
        for (String tool : List.of("munged", "slurmctld", "slurmd", "sbatch", "squeue", "sinfo")) {
            Assumptions.assumeTrue(Tools.onPath(tool) || Files.isExecutable(Path.of("/usr/sbin", tool)),
                    "slurm-wlm and munge are not installed (apt-get install slurm-wlm munge): skipping the Slurm sweep");
        }
        Assumptions.assumeTrue("root".equals(System.getProperty("user.name")),
                "slurmd starts jobs only as root: skipping the Slurm sweep");
        startCluster();

        String hello = DifferentialTest.REPO.resolve("programs/bin/hello").toString();
        List<String> sweep = List.of("--set", "excache.size=64KiB,1MiB", "--set", "excache.policy=fifo,lru",
                "--plot", "excache.size:sim.seconds:excache.policy");
        Path slurmDir = tmp.resolve("on-slurm");
        List<String> args = new ArrayList<>(List.of("sweep", "--slurm", "--out", slurmDir.toString()));
        args.addAll(sweep);
        args.add(hello);
        ProcessBuilder submit = CliProcess.of(args).redirectErrorStream(true);
        submit.environment().put("SLURM_CONF", slurmConf.toString());
        Process p = submit.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(said).isZero();
        Matcher job = Pattern.compile("submitted job array (\\d+) \\(4 tasks").matcher(said);
        assertThat(job.find()).as(said).isTrue();
        assertThat(Files.readString(slurmDir.resolve("sweep.sbatch"))).contains("#SBATCH --array=0-3");

        awaitRows(slurmDir.resolve("points"), 4, job.group(1));
        InProcess collected = InProcess.run("sweep", "--collect", slurmDir.toString());
        assertThat(collected.status()).as(collected.stderr()).isZero();

        Path localDir = tmp.resolve("local");
        List<String> local = new ArrayList<>(List.of("sweep", "-q", "--out", localDir.toString()));
        local.addAll(sweep);
        local.add(hello);
        InProcess here = InProcess.run(local.toArray(String[]::new));
        assertThat(here.status()).as(here.stderr()).isZero();
        List<String> rows = Files.readAllLines(slurmDir.resolve("results.csv"));
        assertThat(rows).hasSize(5);
        assertThat(rows).isEqualTo(Files.readAllLines(localDir.resolve("results.csv")));
        assertThat(Files.readAllLines(slurmDir.resolve("results.jsonl")))
                .isEqualTo(Files.readAllLines(localDir.resolve("results.jsonl")));
        assertThat(slurmDir.resolve("plot.png")).isNotEmptyFile();
    }

    private void awaitRows(Path points, int count, String jobId) throws Exception {
        long end = System.currentTimeMillis() + 240_000;
        while (true) {
            long rows;
            try (var files = Files.list(points)) {
                rows = files.filter(f -> f.getFileName().toString().endsWith(".row")).count();
            }
            if (rows == count) {
                return;
            }
            assertThat(System.currentTimeMillis()).as("the job array's rows after 240 s: " + rows + " of " + count
                    + "\n" + run("squeue", "-j", jobId) + logs()).isLessThan(end);
            Thread.sleep(500);
        }
    }

    /** munged, slurmctld and slurmd for this node alone, configured and kept inside the test's folder. */
    private void startCluster() throws Exception {
        Path d = tmp.toAbsolutePath();
        // Stopped in the reverse order: slurmd, slurmctld, then munged, which both need.
        Path mungePid = pid(d, "munged");
        Files.setPosixFilePermissions(d, PosixFilePermissions.fromString("rwx------"));
        Files.createDirectories(d.resolve("state"));
        Files.createDirectories(d.resolve("spool"));
        byte[] key = new byte[128];
        new SecureRandom().nextBytes(key);
        Path keyFile = Files.write(d.resolve("munge.key"), key);
        Files.setPosixFilePermissions(keyFile, PosixFilePermissions.fromString("rw-------"));
        Path socket = d.resolve("munge.socket");
        String user = System.getProperty("user.name");
        slurmConf = Files.writeString(d.resolve("slurm.conf"), String.join("\n",
                "ClusterName=splitsimtest",
                "SlurmctldHost=localhost(127.0.0.1)",
                "SlurmUser=" + user,
                "SlurmdUser=" + user,
                "SlurmctldPort=" + freePort(),
                "SlurmdPort=" + freePort(),
                "AuthType=auth/munge",
                "AuthInfo=socket=" + socket,
                "CredType=cred/munge",
                "StateSaveLocation=" + d.resolve("state"),
                "SlurmdSpoolDir=" + d.resolve("spool"),
                "SlurmctldPidFile=" + pid(d, "slurmctld"),
                "SlurmdPidFile=" + pid(d, "slurmd"),
                "SlurmctldLogFile=" + d.resolve("slurmctld.log"),
                "SlurmdLogFile=" + d.resolve("slurmd.log"),
                "ProctrackType=proctrack/linuxproc",
                "TaskPlugin=task/none",
                "MpiDefault=none",
                "ReturnToService=2",
                "SchedulerType=sched/builtin",
                "SelectType=select/cons_tres",
                "SelectTypeParameters=CR_Core",
                "JobAcctGatherType=jobacct_gather/none",
                "AccountingStorageType=accounting_storage/none",
                "NodeName=localhost NodeAddr=127.0.0.1 CPUs=" + Math.max(1, Runtime.getRuntime().availableProcessors())
                        + " State=UNKNOWN",
                "PartitionName=test Nodes=localhost Default=YES MaxTime=INFINITE State=UP", ""));
        daemon("munged", "--force", "--socket=" + socket, "--key-file=" + keyFile, "--pid-file=" + mungePid,
                "--log-file=" + d.resolve("munged.log"), "--seed-file=" + d.resolve("munged.seed"));
        daemon("slurmctld", "-f", slurmConf.toString());
        daemon("slurmd", "-f", slurmConf.toString(), "-N", "localhost");
        long end = System.currentTimeMillis() + 60_000;
        while (!run("sinfo", "-h", "-o", "%T").strip().equals("idle")) {
            assertThat(System.currentTimeMillis()).as("the node is not idle after 60 s" + logs()).isLessThan(end);
            Thread.sleep(250);
        }
    }

    private Path pid(Path d, String daemon) {
        Path p = d.resolve(daemon + ".pid");
        if (!pidFiles.contains(p)) {
            pidFiles.add(p);
        }
        return p;
    }

    private void daemon(String name, String... args) throws Exception {
        List<String> command = new ArrayList<>();
        command.add(Tools.onPath(name) ? name : "/usr/sbin/" + name);
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        // Each daemon forks into the background; the command itself returns at once.
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).as(name).isTrue();
        assertThat(p.exitValue()).as(name + ": " + said + logs()).isZero();
    }

    private String run(String... command) throws IOException, InterruptedException {
        ProcessBuilder b = new ProcessBuilder(command).redirectErrorStream(true);
        b.environment().put("SLURM_CONF", slurmConf.toString());
        Process p = b.start();
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        p.waitFor(60, TimeUnit.SECONDS);
        return said;
    }

    private String logs() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (String log : List.of("munged.log", "slurmctld.log", "slurmd.log")) {
            Path f = tmp.resolve(log);
            if (Files.exists(f)) {
                List<String> lines = Files.readAllLines(f);
                sb.append("\n--- ").append(log).append('\n')
                        .append(String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size())));
            }
        }
        return sb.toString();
    }

    @AfterEach
    void stopCluster() throws Exception {
        // The daemons this test started, by the pids they wrote, last started first.
        for (int i = pidFiles.size() - 1; i >= 0; i--) {
            Path f = pidFiles.get(i);
            if (Files.exists(f)) {
                long pid = Long.parseLong(Files.readString(f).strip());
                ProcessHandle.of(pid).ifPresent(h -> {
                    h.destroy();
                    h.onExit().orTimeout(20, TimeUnit.SECONDS).exceptionally(t -> null).join();
                });
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
