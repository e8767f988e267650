package dev.splitsim.machine.netbench;

/**
 * One measured point of the fabric benchmark: which table it belongs to, the memory behind the
 * server, the operation (a verb, an RPC style, a durable write), its payload size and clients,
 * the operations completed in the measurement, their latency and the throughput.
 */
public record NetRow(String table, String memory, String op, int size, int clients, long ops, double meanUs,
        double p50Us, double p99Us, double mops, double gbps) {}
