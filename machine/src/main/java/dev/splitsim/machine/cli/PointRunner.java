package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.config.ConfigException;
import dev.splitsim.core.elf.ElfFormatException;
import dev.splitsim.core.host.GuestMemoryExhausted;
import dev.splitsim.core.stats.Stat;
import dev.splitsim.kernel.process.LoadException;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.machine.InternalFailure;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.RunLimits;
import dev.splitsim.machine.RunResult;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one point of a sweep on the calling thread. Each run builds its own {@link Machine} and its
 * own guest streams and touches nothing another run can see (the simulator keeps no mutable
 * static state), so points run side by side on host threads and each is exactly what
 * {@code splitsim run} would do with the same options. The guest reads an empty stdin and is
 * told no stream is a terminal, so a point does not depend on where the sweep was started.
 */
final class PointRunner {
    private final Path program;
    private final List<String> args;
    private final List<FurtherProcess> further;
    private final List<String> env;
    private final Path root;
    private final RunLimits limits;
    private final List<String> statNames;
    private final Path pointsDir;

    PointRunner(Path program, List<String> args, List<FurtherProcess> further, List<String> env, Path root,
            RunLimits limits, List<String> statNames, Path pointsDir) {
        this.program = program;
        this.args = List.copyOf(args);
        this.further = List.copyOf(further);
        this.env = List.copyOf(env);
        this.root = root;
        this.limits = limits;
        this.statNames = List.copyOf(statNames);
        this.pointsDir = pointsDir;
    }

    /** Runs the point whose configuration is {@code config}; {@code configError} when it could not be built. */
    PointResult run(int point, int repeat, Map<String, String> values, Config config, String configError) {
        if (configError != null) {
            return failed(point, repeat, values, null, Main.USAGE_STATUS, configError);
        }
        String configSha = EffectiveConfig.sha256(config);
        DigestStream out = new DigestStream();
        DigestStream err = new DigestStream();
        long start = System.nanoTime();
        try {
            PrintStream guestOut = new PrintStream(out, false, StandardCharsets.UTF_8);
            PrintStream guestErr = new PrintStream(err, false, StandardCharsets.UTF_8);
            // Every process writes to the point's streams, as every process of a run writes to the run's.
            List<ProcessSpec> specs = new ArrayList<>(List.of(spec(program, args, config, guestOut, guestErr)));
            for (FurtherProcess p : further) {
                specs.add(spec(p.program(), p.args(), config, guestOut, guestErr));
            }
            Machine m = Machine.load(config, specs);
            RunResult r = m.run(limits);
            guestOut.flush();
            guestErr.flush();
            writeStats(m, point, repeat);
            return new PointResult(point, repeat, values, configSha, r.exitStatus(), outcome(r),
                    r.message() == null ? null : withoutPrefix(r.message()), out.hex(), err.hex(), stats(m),
                    (System.nanoTime() - start) / 1e9);
        } catch (UserError | ConfigException | Machine.UserConfigException | ElfFormatException | LoadException e) {
            return failed(point, repeat, values, configSha, Main.USAGE_STATUS, e.getMessage());
        } catch (GuestMemoryExhausted e) {
            return failed(point, repeat, values, configSha, 1, e.getMessage());
        } catch (IOException e) {
            return failed(point, repeat, values, configSha, 1, "cannot write the point's statistics: " + e.getMessage());
        } catch (Throwable e) {
            // The simulator failed on this point; the others may still run, and the row says why.
            return failed(point, repeat, values, configSha, InternalFailure.STATUS, InternalFailure.of(e).describe());
        }
    }

    /** A point's process: an empty stdin, no terminal, the sweep's environment and root. */
    private ProcessSpec spec(Path path, List<String> words, Config config, PrintStream out, PrintStream err) {
        return RunCommand.spec(path, words, env, root, new ByteArrayInputStream(new byte[0]), out, err, false, config);
    }

    private static PointResult failed(int point, int repeat, Map<String, String> values, String configSha, int status,
            String error) {
        return new PointResult(point, repeat, values, configSha, status, PointResult.ERROR, error, null, null,
                Map.of(), 0);
    }

    /** Each run's full --stats-json record beside the table, so any row can be looked into. */
    private void writeStats(Machine m, int point, int repeat) throws IOException {
        Files.writeString(pointsDir.resolve(fileName(point, repeat)), StatsJson.of(m, program, args, env),
                StandardCharsets.UTF_8);
    }

    static String fileName(int point, int repeat) {
        return String.format("point-%03d-%d.json", point, repeat);
    }

    private Map<String, Double> stats(Machine m) {
        Map<String, Stat> byName = new HashMap<>();
        for (Stat s : m.stats().all()) {
            byName.put(s.name(), s);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        for (String name : statNames) {
            Stat s = byName.get(name);
            if (s != null) {
                out.put(name, s.doubleValue());
            }
        }
        return out;
    }

    private static String outcome(RunResult r) {
        switch (r.outcome()) {
            case EXITED: return PointResult.EXITED;
            case FAULT: return PointResult.FAULT;
            case INSTRUCTION_LIMIT:
            case TIME_LIMIT: return PointResult.LIMIT;
            default: return PointResult.STOPPED;
        }
    }

    private static String withoutPrefix(String message) {
        return message.startsWith("splitsim: ") ? message.substring("splitsim: ".length()) : message;
    }
}
