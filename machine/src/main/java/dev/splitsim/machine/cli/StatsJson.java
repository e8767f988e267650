package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.machine.Machine;
import dev.splitsim.machine.StatsSections;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The {@code --stats-json} file: what was simulated ahead of every statistic, so the file alone says
 * what its numbers are of. The program as it was named, its arguments, environment and SHA-256;
 * the profile and the hash of the effective configuration; then {@code config.<key>} for every key
 * with its canonical value; then the statistics, then the guest's region-of-interest sections
 * ({@code roi.<n>.<statistic>}), one flat object of dotted names throughout.
 */
final class StatsJson {
    private StatsJson() {}

    static String of(Machine m, Path program, List<String> args, List<String> env) {
        return of(m.config(), m.stats(), m.sections(), program, args, env);
    }

    /** {@code sections} null: a run with no regions of interest (bare metal). */
    static String of(Config config, StatsRegistry registry, StatsSections roi, Path program, List<String> args,
            List<String> env) {
        StringBuilder sb = new StringBuilder("{\n");
        entry(sb, "program.path", Json.string(program.toString()));
        entry(sb, "program.args", Json.strings(args));
        entry(sb, "program.env", Json.strings(env));
        entry(sb, "program.sha256", checksum(program));
        entry(sb, "run.profile", Json.string(config.profileName()));
        entry(sb, "run.config_sha256", Json.string(EffectiveConfig.sha256(config)));
        for (Map.Entry<String, String> e : EffectiveConfig.canonical(config).entrySet()) {
            entry(sb, "config." + e.getKey(), Json.string(e.getValue()));
        }
        // The registry's own object, opened after our entries: its lines follow ours unchanged.
        String stats = registry.toJson();
        String body = stats.substring(stats.indexOf('{') + 1).stripLeading();
        if (body.startsWith("}")) {
            sb.setLength(sb.length() - 2);
            sb.append('\n');
        }
        sb.append("  ").append(body);
        // The guest's region-of-interest sections, after every statistic of the whole run.
        List<String> sections = roi == null ? List.of() : roi.jsonEntries(Json::string);
        if (!sections.isEmpty()) {
            sb.setLength(sb.lastIndexOf("}"));
            sb.setLength(sb.length() - 1);
            sb.append(",\n  ").append(String.join(",\n  ", sections)).append("\n}\n");
        }
        return sb.toString();
    }

    /** The program's SHA-256; null when it cannot be read any more (the guest may have removed it). */
    private static String checksum(Path program) {
        try {
            return Json.string(EffectiveConfig.sha256(Files.readAllBytes(program)));
        } catch (IOException e) {
            return "null";
        }
    }

    private static void entry(StringBuilder sb, String name, String json) {
        sb.append("  ").append(Json.string(name)).append(": ").append(json).append(",\n");
    }
}
