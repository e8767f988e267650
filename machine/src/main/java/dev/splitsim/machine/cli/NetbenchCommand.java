package dev.splitsim.machine.cli;

import dev.splitsim.core.config.Config;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.netbench.NetBench;
import dev.splitsim.machine.netbench.NetRow;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code splitsim netbench}: the fabric alone, no guest. Latency (mean, p50, p99) and throughput of
 * every verb and RPC style by payload size and by number of clients, and the durable writes to
 * persistent memory, on the profile's fabric.
 */
@Command(name = "netbench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure the fabric alone: each verb and RPC style by message size and by clients, on DRAM and"
                + " PMEM (durable writes).")
final class NetbenchCommand implements Callable<Integer> {
    /** HERD, FaSST and eRPC measure servers with several threads; so does the benchmark unless told otherwise. */
    private static final String SERVER_THREADS = "4";

    private final Io io;

    @Mixin
    MachineOptions machine = new MachineOptions();

    @Option(names = "--format", paramLabel = "text|csv|json", description = "Output format (default: text).")
    String format = "text";

    @Option(names = "--plot", paramLabel = "FILE.png|FILE.svg",
            description = "Draw latency by size into FILE and throughput by clients into FILE-clients (same format).")
    Path plot;

    @Option(names = "--quick", description = "A few points of each table (sizes 4 B, 1 KiB, 4 KiB, 64 KiB; 1, 64, 512 clients).")
    boolean quick;

    @Option(names = "--client-nodes", paramLabel = "N", description = "Client nodes the clients are spread over (default 8).")
    int clientNodes = 8;

    NetbenchCommand(Io io) {
        this.io = io;
    }

    @Override
    public Integer call() throws IOException {
        if (!List.of("text", "csv", "json").contains(format)) {
            throw new UserError("--format must be text, csv or json, got '" + format + "'");
        }
        if (clientNodes < 1 || clientNodes > 1024) {
            throw new UserError("--client-nodes must be between 1 and 1024, got " + clientNodes);
        }
        if (plot != null && !ChartFiles.supported(plot)) {
            throw new UserError("--plot needs a .png or .svg file, got " + plot);
        }
        List<String> sets = new ArrayList<>(List.of(MachineKeys.FABRIC_POLLERS + "=" + SERVER_THREADS,
                MachineKeys.MEMORY_WORKERS + "=" + SERVER_THREADS));
        sets.addAll(machine.overrides);
        machine.overrides = sets;
        Config config = machine.config();
        NetBench.Plan plan = quick ? NetBench.Plan.quick(clientNodes) : NetBench.Plan.full(clientNodes);
        List<NetRow> rows = new NetBench(config).run(plan);
        PrintStream out = io.out();
        switch (format) {
            case "csv" -> csv(rows, out);
            case "json" -> json(rows, config, out);
            default -> text(rows, config, out);
        }
        if (plot != null) {
            writePlots(rows, plan);
        }
        return 0;
    }

    private static void text(List<NetRow> rows, Config c, PrintStream out) {
        out.printf("netbench: fabric.rpc=%s, %s polling threads and %s workers at the server, NIC caches %s QP contexts"
                + " and %s translations (miss %s)%n", c.text(MachineKeys.FABRIC_RPC_STYLE),
                c.text(MachineKeys.FABRIC_POLLERS), c.text(MachineKeys.MEMORY_WORKERS),
                c.text(MachineKeys.FABRIC_QP_CACHE), c.text(MachineKeys.FABRIC_MR_CACHE),
                c.text(MachineKeys.FABRIC_CACHE_FETCH));
        String table = null;
        for (NetRow r : rows) {
            if (!r.table().equals(table)) {
                table = r.table();
                out.printf("%n%s (%s)%n", table.replace('_', ' '), r.memory());
                out.printf("  %-32s %8s %7s %8s %9s %9s %9s %9s %8s%n", "op", "size", "clients", "ops", "mean_us",
                        "p50_us", "p99_us", "Mops", "Gbps");
            }
            out.printf(Locale.ROOT, "  %-32s %8d %7d %8d %9.3f %9.3f %9.3f %9.3f %8.2f%n", r.op(), r.size(), r.clients(),
                    r.ops(), r.meanUs(), r.p50Us(), r.p99Us(), r.mops(), r.gbps());
        }
    }

    private static void csv(List<NetRow> rows, PrintStream out) {
        out.println("table,memory,op,size,clients,ops,mean_us,p50_us,p99_us,mops,gbps");
        for (NetRow r : rows) {
            out.printf(Locale.ROOT, "%s,%s,%s,%d,%d,%d,%.4f,%.4f,%.4f,%.4f,%.4f%n", r.table(), r.memory(), r.op(),
                    r.size(), r.clients(), r.ops(), r.meanUs(), r.p50Us(), r.p99Us(), r.mops(), r.gbps());
        }
    }

    private static void json(List<NetRow> rows, Config c, PrintStream out) {
        StringBuilder sb = new StringBuilder("{\"rpc_style\":").append(Json.string(c.text(MachineKeys.FABRIC_RPC_STYLE)))
                .append(",\"rows\":[");
        for (int i = 0; i < rows.size(); i++) {
            NetRow r = rows.get(i);
            sb.append(i == 0 ? "\n" : ",\n").append("{\"table\":").append(Json.string(r.table()))
                    .append(",\"memory\":").append(Json.string(r.memory())).append(",\"op\":").append(Json.string(r.op()))
                    .append(",\"size\":").append(r.size()).append(",\"clients\":").append(r.clients())
                    .append(",\"ops\":").append(r.ops()).append(",\"mean_us\":").append(round(r.meanUs()))
                    .append(",\"p50_us\":").append(round(r.p50Us())).append(",\"p99_us\":").append(round(r.p99Us()))
                    .append(",\"mops\":").append(round(r.mops())).append(",\"gbps\":").append(round(r.gbps())).append('}');
        }
        out.println(sb.append("\n]}"));
    }

    private static String round(double v) {
        return Json.number(Math.round(v * 10_000) / 10_000.0);
    }

    private void writePlots(List<NetRow> rows, NetBench.Plan plan) throws IOException {
        String name = plot.getFileName().toString();
        int dot = name.lastIndexOf('.');
        Path clients = plot.resolveSibling(name.substring(0, dot) + "-clients" + name.substring(dot));
        report(ChartFiles.write(chart(rows, NetBench.LATENCY, "Latency by message size (1 client)", "bytes",
                "mean latency (us)", plan.sizes(), true), plot));
        report(ChartFiles.write(chart(rows, NetBench.BY_CLIENTS, "Throughput by clients (" + plan.clientsPayload() + " B)",
                "clients", "Mops", plan.clients(), false), clients));
    }

    private void report(String problem) {
        if (problem != null) {
            io.err().println("splitsim: " + problem);
        }
    }

    /** One line per operation over the sizes or client counts of {@code table}. */
    private static LineChartData chart(List<NetRow> rows, String table, String title, String x, String y,
            List<Integer> axis, boolean bySize) {
        Map<String, Double[]> lines = new LinkedHashMap<>();
        for (NetRow r : rows) {
            if (!r.table().equals(table)) {
                continue;
            }
            int i = axis.indexOf(bySize ? r.size() : r.clients());
            if (i >= 0) {
                lines.computeIfAbsent(r.op(), k -> new Double[axis.size()])[i] = bySize ? r.meanUs() : r.mops();
            }
        }
        List<String> categories = new ArrayList<>();
        for (int v : axis) {
            categories.add(String.valueOf(v));
        }
        List<LineChartData.Series> series = new ArrayList<>();
        for (Map.Entry<String, Double[]> e : lines.entrySet()) {
            series.add(new LineChartData.Series(e.getKey(), java.util.Arrays.asList(e.getValue())));
        }
        return new LineChartData(title, x, y, categories, series);
    }
}
