package dev.splitsim.machine.config;

import static dev.splitsim.core.config.ValueKind.BANDWIDTH;
import static dev.splitsim.core.config.ValueKind.BOOLEAN;
import static dev.splitsim.core.config.ValueKind.CHOICE;
import static dev.splitsim.core.config.ValueKind.DATE;
import static dev.splitsim.core.config.ValueKind.FREQUENCY;
import static dev.splitsim.core.config.ValueKind.INTEGER;
import static dev.splitsim.core.config.ValueKind.NAMES;
import static dev.splitsim.core.config.ValueKind.SIZE;
import static dev.splitsim.core.config.ValueKind.TIME;

import dev.splitsim.core.config.ConfigKey;
import dev.splitsim.core.config.ValueKind;
import dev.splitsim.cpu.exec.Hart;
import java.util.List;

/**
 * Every configuration key of the machine, in one table. Profiles set them with a citation for each
 * default; {@code --set key=value} overrides them; {@code --show-config} prints them all.
 */
public final class MachineKeys {
    private MachineKeys() {}

    public static final String CPU_FREQUENCY = "cpu.frequency";
    public static final String CPU_CORES = "cpu.cores";
    public static final String MACHINE_LAYOUT = "machine.layout";
    public static final String TOPOLOGY_CPU = "topology.cpu";
    public static final String TOPOLOGY_MEMORY = "topology.memory";
    public static final String TOPOLOGY_STORAGE = "topology.storage";
    public static final String SIM_SEED = "sim.seed";
    public static final String SIM_SLICE = "sim.slice_instructions";
    public static final String SIM_EPOCH = "sim.epoch";
    public static final String SYSCALLS_STRICT = "syscalls.strict";
    public static final String HOST_MEMORY_BUDGET = "host.memory_budget";
    public static final String SCHED_MAX_THREADS = "sched.max_threads";
    public static final String FILES_MAX_SIZE = "files.max_size";
    public static final String CONSOLE_MAX_OUTPUT = "console.max_output";
    public static final String SCHED_QUANTUM = "sched.quantum";
    public static final String SCHED_SWITCH = "sched.context_switch";
    public static final String SCHED_YIELD_ON_MISS = "sched.yield_on_miss";
    public static final String MEMORY_WORKERS = "memory.monitor_workers";
    public static final String EXCACHE_SIZE = "excache.size";
    public static final String EXCACHE_LINE = "excache.line_size";
    public static final String EXCACHE_WAYS = "excache.ways";
    public static final String EXCACHE_POLICY = "excache.policy";
    public static final String EXCACHE_FETCH = "excache.fetch";
    public static final String EXCACHE_TRANSLATIONS = "excache.translations";
    public static final String EXCACHE_ZERO_FILL = "excache.zero_fill";
    public static final String EXCACHE_PIGGYBACK = "excache.piggyback";
    public static final String EXCACHE_TRAP = "excache.miss_trap";
    public static final String EXCACHE_FILL = "excache.fill_time";
    public static final String EXCACHE_ZERO_FILL_TIME = "excache.zero_fill_time";
    public static final String FABRIC_POST = "fabric.post_overhead";
    public static final String FABRIC_NIC = "fabric.nic_processing";
    public static final String FABRIC_COMPLETION = "fabric.completion_poll";
    public static final String FABRIC_RPC = "fabric.rpc_overhead";
    public static final String FABRIC_RING_DMA = "fabric.ring_dma_bandwidth";
    public static final String FABRIC_REGION_DMA = "fabric.region_dma_bandwidth";
    public static final String FABRIC_PCIE_READ = "fabric.pcie_read";
    public static final String FABRIC_RESPONDER_READ = "fabric.responder_read";
    public static final String FABRIC_INLINE = "fabric.inline_bytes";
    public static final String FABRIC_RNR_DELAY = "fabric.rnr_delay";
    public static final String FABRIC_RNR_RETRY = "fabric.rnr_retry";
    public static final String FABRIC_MTU = "fabric.mtu";
    public static final String FABRIC_LINK = "fabric.link_bandwidth";
    public static final String FABRIC_PROPAGATION = "fabric.propagation";
    public static final String FABRIC_SWITCH = "fabric.switch_hop";
    public static final String FABRIC_RPC_STYLE = "fabric.rpc";
    public static final String FABRIC_POLLERS = "fabric.server_pollers";
    public static final String FABRIC_RECEIVE_DEPTH = "fabric.receive_depth";
    public static final String FABRIC_SRQ_DEPTH = "fabric.srq_depth";
    public static final String FABRIC_RPC_TIMEOUT = "fabric.rpc_timeout";
    public static final String FABRIC_QP_CACHE = "fabric.nic_qp_cache";
    public static final String FABRIC_MR_CACHE = "fabric.nic_mr_cache";
    public static final String FABRIC_CACHE_FETCH = "fabric.nic_cache_fetch";
    public static final String MEMORY_SIZE = "memory.size";
    public static final String MEMORY_PLACEMENT = "memory.placement";
    public static final String MEMORY_TLB_ENTRIES = "memory.tlb_entries";
    public static final String MEMORY_DISPATCH = "memory.monitor_dispatch";
    public static final String MEMORY_TLB_LOOKUP = "memory.tlb_lookup";
    public static final String MEMORY_WALK_LEVEL = "memory.walk_level";
    public static final String MEMORY_READ = "memory.read_latency";
    public static final String MEMORY_WRITE = "memory.write_latency";
    public static final String MEMORY_KIND = "memory.kind";
    public static final String PMEM_READ = "memory.pmem_read_latency";
    public static final String PMEM_WRITE = "memory.pmem_write_latency";
    public static final String PMEM_PERSIST = "memory.pmem_persist_page";
    public static final String PMEM_PERSIST_LINE = "memory.pmem_persist_line";
    public static final String STORAGE_DISPATCH = "storage.monitor_dispatch";
    public static final String STORAGE_READ = "storage.read_latency";
    public static final String STORAGE_WRITE = "storage.write_latency";
    public static final String STORAGE_BANDWIDTH = "storage.bandwidth";
    public static final String CPU_TIMING = "cpu.timing";
    public static final String CPU_JIT = "cpu.jit";
    public static final String CPU_JIT_THRESHOLD = "cpu.jit_threshold";
    public static final String LAT_ALU = "cpu.latency.alu";
    public static final String LAT_BRANCH = "cpu.latency.branch";
    public static final String LAT_STORE = "cpu.latency.store";
    public static final String LAT_MUL = "cpu.latency.mul";
    public static final String LAT_DIV = "cpu.latency.div";
    public static final String LAT_AMO = "cpu.latency.amo";
    public static final String LAT_FADD = "cpu.latency.fadd";
    public static final String LAT_FMUL = "cpu.latency.fmul";
    public static final String LAT_FMA = "cpu.latency.fma";
    public static final String LAT_FDIV = "cpu.latency.fdiv";
    public static final String LAT_FSQRT = "cpu.latency.fsqrt";
    public static final String LAT_FCVT = "cpu.latency.fcvt";
    public static final String LAT_FMISC = "cpu.latency.fmisc";
    public static final String LAT_SYSTEM = "cpu.latency.system";
    public static final String SYSCALL_CYCLES = "cpu.syscall_cycles";
    public static final String L1I_SIZE = "l1i.size";
    public static final String L1I_WAYS = "l1i.ways";
    public static final String L1D_SIZE = "l1d.size";
    public static final String L1D_WAYS = "l1d.ways";
    public static final String L1_LATENCY = "l1d.latency";
    public static final String L2_SIZE = "l2.size";
    public static final String L2_WAYS = "l2.ways";
    public static final String L2_LATENCY = "l2.latency";
    public static final String CACHE_LINE = "cache.line_size";
    public static final String DRAM_LATENCY = "dram.latency";
    public static final String BPRED_KIND = "bpred.kind";
    public static final String BPRED_BTB = "bpred.btb_entries";
    public static final String BPRED_TABLE = "bpred.table_entries";
    public static final String BPRED_HISTORY = "bpred.history_bits";
    public static final String BPRED_RAS = "bpred.ras_entries";
    public static final String BPRED_MISPREDICT = "bpred.mispredict_penalty";
    public static final String BPRED_TAKEN = "bpred.taken_penalty";
    public static final String LINUX_MEMORY = "linux.memory";
    public static final String LINUX_TRAP = "linux.fault_trap";
    public static final String LINUX_HANDLER = "linux.fault_handler";
    public static final String LINUX_ZERO = "linux.zero_page";
    public static final String LINUX_LOOKUP = "linux.swap_cache_lookup";
    public static final String LINUX_CACHE_ADD = "linux.swap_cache_add";
    public static final String LINUX_BLOCK = "linux.block_layer";
    public static final String LINUX_WAKE = "linux.io_wake";
    public static final String LINUX_SCAN = "linux.scan_page";
    public static final String LINUX_RECLAIM = "linux.reclaim_page";
    public static final String LINUX_RECLAIM_BATCH = "linux.reclaim_batch";
    public static final String LINUX_SHOOTDOWN = "linux.tlb_shootdown";
    public static final String LINUX_IPI = "linux.shootdown_ipi";
    public static final String SWAP_DEVICE = "swap.device";
    public static final String SWAP_SIZE = "swap.size";
    public static final String SWAP_CLUSTER = "swap.cluster";
    public static final String SWAP_READ = "swap.read_latency";
    public static final String SWAP_WRITE = "swap.write_latency";
    public static final String SWAP_BANDWIDTH = "swap.bandwidth";
    public static final String SWAP_PARALLEL = "swap.parallel_requests";
    public static final String INFINISWAP_DRIVER = "infiniswap.driver";
    public static final String TLB_ENTRIES = "tlb.entries";
    public static final String TLB_WAYS = "tlb.ways";
    public static final String TLB_WALK_LEVEL = "tlb.walk_level";

    /** Any whole number: a seed has no wrong value. */
    private static final String[] ANY = {String.valueOf(Long.MIN_VALUE), String.valueOf(Long.MAX_VALUE)};
    /** One step of hardware or software on the way of a message or a miss. */
    private static final String[] STEP = {"0ns", "1ms"};
    /** A device's access, or a timer that waits for the far end. */
    private static final String[] SLOW = {"0ns", "1s"};
    /** A link or DMA engine: from a slow serial line to a few of today's fastest ports. */
    private static final String[] RATE = {"1Mbps", "1000Gbps"};
    /** A result latency in cycles: at least one (the result is written), at most a slow microcoded unit. */
    private static final String[] CYCLES = {"1", "1000"};
    /** Cycles that may be none at all (no penalty, no extra work). */
    private static final String[] EXTRA_CYCLES = {"0", "1000"};
    /** Ways of a tag-only cache; its arrays are allocated per core. */
    private static final String[] CACHE_WAYS = {"1", "1024"};

    private static ConfigKey key(String name, ValueKind kind, String defaultText, String description,
            String[] range) {
        return new ConfigKey(name, kind, defaultText, description).range(range[0], range[1]);
    }

    private static ConfigKey key(String name, ValueKind kind, String defaultText, String description, String min,
            String max) {
        return new ConfigKey(name, kind, defaultText, description).range(min, max);
    }

    /**
     * Every number has a range, checked when it is set; rules that tie keys together (powers of two,
     * a whole number of lines, L1 no slower than L2) are checked where the machine is built. The
     * upper bounds keep arrays sized from a key (caches, predictor tables) to what a host can hold
     * and every time sum far from overflowing the picosecond tick.
     */
    /**
     * Keys of the split machine's own parts (the ExCache, the fabric, the memory and storage
     * components and their names): the monolithic machine reads none of them.
     */
    private static final List<String> SPLIT_ONLY_PREFIXES = List.of("excache.", "fabric.", "memory.", "storage.",
            "topology.");

    /** Whether a machine of {@code layout} reads {@code key} at all. */
    public static boolean usedBy(String key, String layout) {
        if (layout.equals("split")) {
            return true;
        }
        if (key.equals(SCHED_YIELD_ON_MISS)) {
            return false;
        }
        for (String p : SPLIT_ONLY_PREFIXES) {
            if (key.startsWith(p)) {
                return false;
            }
        }
        return true;
    }

    public static final List<ConfigKey> ALL = List.of(
            new ConfigKey(MACHINE_LAYOUT, CHOICE, "monolithic",
                    "monolithic: one machine with local memory; split: pComponent + fabric + mComponent; "
                            + "swap: one Linux machine with linux.memory of it and the rest in swap",
                    "monolithic", "split", "swap"),
            // The split machine's components by name: fabric nodes, trace tracks and statistics use them.
            key(TOPOLOGY_CPU, NAMES, "pcomp0",
                    "the CPU components, one per process: the program runs on the first, each --process on the next", "1",
                    "16"),
            key(TOPOLOGY_MEMORY, NAMES, "mcomp0",
                    "the memory components (1 GiB regions spread over them)", "1", "64"),
            key(TOPOLOGY_STORAGE, NAMES, "scomp0",
                    "the storage components, one tree: each name below the root, with all beneath it, is held by "
                            + "component crc32(name) mod count (zlib's crc32 of its UTF-8 bytes), the root by the first; "
                            + "rename between two is EXDEV", "1", "16"),
            key(CPU_FREQUENCY, FREQUENCY, "2.4GHz", "core clock; converts cycles to simulated time", "1MHz", "100GHz"),
            key(CPU_CORES, INTEGER, "1", "simulated cores on the CPU component", "1", String.valueOf(Hart.MAX_CORES)),
            key(SIM_SEED, INTEGER, "1", "seed of every random choice (getrandom, AT_RANDOM, random replacement)", ANY),
            // Realtime as a tick (picoseconds) must not overflow: the year 2200 is far inside that.
            key(SIM_EPOCH, DATE, "2026-01-01T00:00:00Z",
                    "what CLOCK_REALTIME and time() read at the start of the run; they advance with simulated time",
                    "1970-01-01T00:00:00Z", "2200-01-01T00:00:00Z"),
            key(SIM_SLICE, INTEGER, "10000",
                    "instructions a core runs in one turn before the core furthest behind in time runs", "1",
                    "1000000000"),
            key(SCHED_QUANTUM, TIME, "1ms", "time a thread keeps its core while other threads are ready to run",
                    "1us", "10s"),
            key(SCHED_SWITCH, TIME, "2us", "putting a thread onto a core (context switch)", "0ns", "10ms"),
            new ConfigKey(SCHED_YIELD_ON_MISS, BOOLEAN, "true",
                    "a thread waiting for an ExCache miss gives its core to a ready thread (split layout)"),
            new ConfigKey(SYSCALLS_STRICT, BOOLEAN, "false", "stop the run at an unsupported system call"),
            // Guest pages held in host memory; cut to half the JVM's heap when that is less.
            key(HOST_MEMORY_BUDGET, SIZE, "4GiB",
                    "guest pages the host holds at most (frames, local pages, ExCache slots); past it a SIGBUS",
                    "16MiB", "1048576GiB"),
            key(SCHED_MAX_THREADS, INTEGER, "4096", "threads a process may have at once; clone past it is EAGAIN",
                    "1", "1048576"),
            key(FILES_MAX_SIZE, SIZE, "4GiB",
                    "the largest file a guest may write (RLIMIT_FSIZE): a write past it is SIGXFSZ, or EFBIG",
                    "0B", "1048576GiB"),
            key(CONSOLE_MAX_OUTPUT, SIZE, "1GiB",
                    "bytes a guest may write to stdout and stderr together: past it as a file past files.max_size",
                    "0B", "1048576GiB"),
            // One line at least; the ExCache itself checks the whole number of lines and their count.
            key(EXCACHE_SIZE, SIZE, "256MiB", "ExCache capacity (split layout)", "4KiB", "1024GiB"),
            // A miss's reply carries 3 permission bits per page in one 64-bit field: 21 pages at most, so 16
            // (the power of two is checked by the ExCache).
            key(EXCACHE_LINE, SIZE, "4KiB", "ExCache line size: a power of two of at least one 4 KiB page", "4KiB",
                    "64KiB"),
            key(EXCACHE_WAYS, INTEGER, "64", "ExCache associativity", "1", "16777216"),
            new ConfigKey(EXCACHE_POLICY, CHOICE, "fifo", "ExCache replacement policy", "lru", "fifo", "clock",
                    "random"),
            new ConfigKey(EXCACHE_FETCH, CHOICE, "rpc",
                    "how a miss gets its line: rpc (the memory monitor serves it), or one-sided (an RDMA READ of "
                            + "frames whose translation an earlier miss brought back; first touch still by rpc)",
                    "rpc", "one-sided"),
            key(EXCACHE_TRANSLATIONS, INTEGER, "65536",
                    "page translations the CPU component keeps for one-sided fills (oldest out first)", "1", "16777216"),
            new ConfigKey(EXCACHE_ZERO_FILL, BOOLEAN, "true",
                    "zero-fill a line locally when no memory component holds it yet (no network trip)"),
            new ConfigKey(EXCACHE_PIGGYBACK, BOOLEAN, "true",
                    "a dirty victim bound for the miss's memory component rides on the miss"),
            key(EXCACHE_TRAP, TIME, "60ns", "entering and leaving the process monitor on a miss", STEP),
            key(EXCACHE_FILL, TIME, "20ns", "installing a line the NIC has written into its slot", STEP),
            key(EXCACHE_ZERO_FILL_TIME, TIME, "150ns", "zeroing a line locally", STEP),
            key(FABRIC_POST, TIME, "100ns", "software writing a work request and ringing the NIC's doorbell", STEP),
            key(FABRIC_NIC, TIME, "180ns", "one pass through a NIC engine, at each end", STEP),
            key(FABRIC_COMPLETION, TIME, "100ns", "software seeing a completion or the reply word it spins on", STEP),
            key(FABRIC_RPC, TIME, "525ns",
                    "the RPC layer's software at each end of a split-kernel message (not raw verbs)", STEP),
            key(FABRIC_RING_DMA, BANDWIDTH, "64Gbps", "NIC DMA rate for the RPC transport's rings", RATE),
            key(FABRIC_REGION_DMA, BANDWIDTH, "20Gbps", "NIC DMA rate for one-sided verbs on registered regions", RATE),
            key(FABRIC_PCIE_READ, TIME, "520ns", "one NIC read of host memory over PCIe", STEP),
            key(FABRIC_RESPONDER_READ, TIME, "1100ns",
                    "a responding NIC reading host memory (translation, then data) for a READ or atomic", STEP),
            key(FABRIC_INLINE, SIZE, "64B", "payloads up to this size ride inside the work request", "0B", "1MiB"),
            key(FABRIC_RNR_DELAY, TIME, "10us",
                    "a requester's wait after a receiver-not-ready NAK before it sends again (raw verbs)", SLOW),
            // InfiniBand's retry count is a 3-bit field.
            key(FABRIC_RNR_RETRY, INTEGER, "6",
                    "times a requester sends again after receiver-not-ready NAKs before it fails the request", "0",
                    "7"),
            // The path MTUs InfiniBand defines: 256 B to 4 KiB.
            key(FABRIC_MTU, SIZE, "4KiB", "the largest unreliable-datagram payload (one path MTU)", "256B", "4KiB"),
            key(FABRIC_LINK, BANDWIDTH, "40Gbps", "line rate of each link", RATE),
            key(FABRIC_PROPAGATION, TIME, "10ns", "propagation delay of one link", STEP),
            key(FABRIC_SWITCH, TIME, "100ns", "switch forwarding delay", STEP),
            new ConfigKey(FABRIC_RPC_STYLE, CHOICE, "legoos",
                    "how the split kernel's RPCs travel: legoos (WRITE_WITH_IMM ring, WRITE reply), rc-send (SEND/RECV "
                            + "on connections), ud-srq (datagrams, shared receive queue), herd (WRITE request, datagram reply)",
                    dev.splitsim.fabric.rpc.RpcStyle.keys()),
            key(FABRIC_POLLERS, INTEGER, "1", "polling threads per node taking messages off its NIC", "1", "64"),
            key(FABRIC_RECEIVE_DEPTH, INTEGER, "64", "receives a server keeps posted per connection (rc-send)", "1",
                    "65536"),
            key(FABRIC_SRQ_DEPTH, INTEGER, "4096", "receives in a server's shared receive queue (ud-srq)", "1", "1048576"),
            key(FABRIC_RPC_TIMEOUT, TIME, "1ms", "a datagram client's wait before it sends a lost request again", "1us",
                    "1s"),
            key(FABRIC_QP_CACHE, INTEGER, "256", "queue-pair contexts a NIC caches on chip", "0", "1048576"),
            key(FABRIC_MR_CACHE, INTEGER, "256", "memory-region translations a NIC caches on chip", "0", "1048576"),
            key(FABRIC_CACHE_FETCH, TIME, "520ns", "a NIC engine fetching a missing context or translation over PCIe",
                    STEP),
            // 256 frames: room for the page tables and a small program's pages; frames exist only once touched.
            key(MEMORY_SIZE, SIZE, "64GiB", "physical memory of each memory component", "1MiB", "1024GiB"),
            new ConfigKey(MEMORY_PLACEMENT, CHOICE, "round-robin",
                    "how the global memory manager places a new 1 GiB region", "round-robin", "most-free"),
            key(MEMORY_TLB_ENTRIES, INTEGER, "1024", "entries of a memory component's TLB (power of two)", "1",
                    "1048576"),
            key(MEMORY_WORKERS, INTEGER, "1",
                    "memory monitor threads serving requests; further requests queue for a free one", "1", "1024"),
            key(MEMORY_DISPATCH, TIME, "600ns", "memory monitor picking up a request and posting its reply", STEP),
            key(MEMORY_TLB_LOOKUP, TIME, "2ns", "a memory component TLB lookup", STEP),
            key(MEMORY_WALK_LEVEL, TIME, "40ns", "reading one page-table level on a TLB miss", STEP),
            key(MEMORY_READ, TIME, "81ns", "DRAM latency before a line's bytes stream to the NIC", STEP),
            key(MEMORY_WRITE, TIME, "81ns", "writing a flushed line into DRAM", STEP),
            new ConfigKey(MEMORY_KIND, CHOICE, "dram",
                    "the memory components' memory: dram, or pmem (persistent: its own latencies, and a write-back "
                            + "is acknowledged once durable)", "dram", "pmem"),
            key(PMEM_READ, TIME, "169ns", "persistent memory's latency before a line's bytes stream to the NIC", STEP),
            key(PMEM_WRITE, TIME, "90ns", "writing a flushed line into persistent memory's persistence domain", STEP),
            key(PMEM_PERSIST, TIME, "1774ns", "making one written 4 KiB page durable (stores, cache-line write-backs, a fence)",
                    "1ps", "1ms"),
            key(PMEM_PERSIST_LINE, TIME, "116ns", "making one written 64 B line durable (store, clwb, fence)", "1ps",
                    "1ms"),
            key(STORAGE_DISPATCH, TIME, "600ns", "storage monitor handling one request", STEP),
            key(STORAGE_READ, TIME, "80us", "storage device read latency", SLOW),
            key(STORAGE_WRITE, TIME, "20us", "storage device write latency", SLOW),
            key(STORAGE_BANDWIDTH, BANDWIDTH, "16Gbps", "storage device transfer rate", RATE),
            new ConfigKey(CPU_TIMING, BOOLEAN, "true",
                    "model time cycle by cycle (pipeline, caches, branch prediction); false: one cycle per instruction"),
            new ConfigKey(CPU_JIT, BOOLEAN, "true",
                    "compile hot guest blocks to JVM bytecode (host speed only: the guest, its time and stats are the same off)"),
            key(CPU_JIT_THRESHOLD, INTEGER, String.valueOf(Hart.DEFAULT_JIT_THRESHOLD),
                    "interpreted runs of a block before it is compiled (0: at its first run); host speed only", "0",
                    String.valueOf(Integer.MAX_VALUE)),
            key(LAT_ALU, INTEGER, "1", "integer ALU result latency, cycles", CYCLES),
            key(LAT_BRANCH, INTEGER, "1", "branch and jump (link register) latency, cycles", CYCLES),
            key(LAT_STORE, INTEGER, "1", "store issue, cycles (misses go to a write buffer)", CYCLES),
            key(LAT_MUL, INTEGER, "3", "integer multiply latency, cycles (pipelined)", CYCLES),
            key(LAT_DIV, INTEGER, "20", "integer divide latency, cycles (unpipelined)", CYCLES),
            key(LAT_AMO, INTEGER, "2", "atomic memory operation, cycles beyond the L1 load latency", EXTRA_CYCLES),
            key(LAT_FADD, INTEGER, "4", "FP add/subtract latency, cycles", CYCLES),
            key(LAT_FMUL, INTEGER, "4", "FP multiply latency, cycles", CYCLES),
            key(LAT_FMA, INTEGER, "5", "FP fused multiply-add latency, cycles", CYCLES),
            key(LAT_FDIV, INTEGER, "20", "FP divide latency, cycles (unpipelined)", CYCLES),
            key(LAT_FSQRT, INTEGER, "25", "FP square root latency, cycles (unpipelined)", CYCLES),
            key(LAT_FCVT, INTEGER, "2", "FP conversions, cycles", CYCLES),
            key(LAT_FMISC, INTEGER, "2", "FP sign-injection, min/max, compare, classify, moves, cycles", CYCLES),
            key(LAT_SYSTEM, INTEGER, "1", "CSR, fence and other system instructions, cycles", CYCLES),
            key(SYSCALL_CYCLES, INTEGER, "240", "entering and leaving the kernel for a system call, cycles", "0",
                    "1000000"),
            // A cache holds one line at least; its number of sets is checked where it is built.
            key(L1I_SIZE, SIZE, "32KiB", "L1 instruction cache capacity", "4B", "16MiB"),
            key(L1I_WAYS, INTEGER, "8", "L1 instruction cache associativity", CACHE_WAYS),
            key(L1D_SIZE, SIZE, "32KiB", "L1 data cache capacity", "4B", "16MiB"),
            key(L1D_WAYS, INTEGER, "8", "L1 data cache associativity", CACHE_WAYS),
            key(L1_LATENCY, INTEGER, "4", "load-to-use latency of an L1 hit, cycles", CYCLES),
            key(L2_SIZE, SIZE, "1MiB", "L2 capacity (unified)", "4B", "64MiB"),
            key(L2_WAYS, INTEGER, "16", "L2 associativity", CACHE_WAYS),
            key(L2_LATENCY, INTEGER, "12", "load-to-use latency of an L2 hit, cycles", CYCLES),
            key(CACHE_LINE, SIZE, "64B", "line size of L1I, L1D and L2", "4B", "4KiB"),
            key(DRAM_LATENCY, TIME, "90ns", "local DRAM after an L2 miss (an ExCache hit on the split machine)", STEP),
            new ConfigKey(BPRED_KIND, CHOICE, "gshare", "direction predictor", "gshare", "bimodal"),
            key(BPRED_BTB, INTEGER, "512", "branch target buffer entries (power of two)", "1", "1048576"),
            key(BPRED_TABLE, INTEGER, "4096", "2-bit direction counters (power of two)", "1", "16777216"),
            key(BPRED_HISTORY, INTEGER, "12", "global history bits (gshare)", "0", "30"),
            key(BPRED_RAS, INTEGER, "16", "return-address stack entries", "1", "1024"),
            key(BPRED_MISPREDICT, INTEGER, "5", "cycles lost to a mispredicted control instruction", EXTRA_CYCLES),
            key(BPRED_TAKEN, INTEGER, "1", "fetch bubble after a correctly predicted taken branch, cycles",
                    EXTRA_CYCLES),
            // The swap machine (layout swap): Linux's fault path, reclaim and a swap device.
            key(LINUX_MEMORY, SIZE, "256MiB", "memory for the process's pages (swap layout); the rest goes to swap",
                    "128KiB", "1024GiB"),
            key(LINUX_TRAP, TIME, "500ns", "taking a page fault and returning to user mode", STEP),
            key(LINUX_HANDLER, TIME, "500ns", "the fault handler: the area, the page-table walk and update", STEP),
            key(LINUX_ZERO, TIME, "150ns", "clearing a fresh page on its first touch", STEP),
            key(LINUX_LOOKUP, TIME, "300ns", "looking a swap entry up in the swap cache, under its lock", STEP),
            key(LINUX_CACHE_ADD, TIME, "300ns", "each page read from swap: allocating it, adding it to the swap cache "
                    + "and an LRU list, under the swap cache's lock", STEP),
            key(LINUX_BLOCK, TIME, "5us", "the block layer and driver building and submitting one request", STEP),
            key(LINUX_WAKE, TIME, "5us", "an I/O completion waking the faulting thread and switching back to it",
                    STEP),
            key(LINUX_SCAN, TIME, "200ns", "each page reclaim looks at: the reverse-map walk testing and clearing its "
                    + "accessed bit", STEP),
            key(LINUX_RECLAIM, TIME, "1us", "evicting one page: isolating and unmapping it, its swap slot and swap-cache "
                    + "entry, under the LRU lock", STEP),
            key(LINUX_RECLAIM_BATCH, INTEGER, "32", "pages reclaimed at once when no frame is free", "1", "1024"),
            key(LINUX_SHOOTDOWN, TIME, "4us", "a TLB shootdown for its initiator: IPIs to the other cores running the "
                    + "process's threads and the wait for their acks", STEP),
            key(LINUX_IPI, TIME, "1us", "a TLB shootdown for each other core: the interrupt, the flush, the ack",
                    STEP),
            new ConfigKey(SWAP_DEVICE, CHOICE, "block",
                    "where swapped pages go: block (a swap area on a block device) or infiniswap (remote memory "
                            + "over RDMA)", "block", "infiniswap"),
            key(SWAP_SIZE, SIZE, "64GiB", "the swap area; sparse, so only pages swapped out cost host memory",
                    "1MiB", "1048576GiB"),
            key(SWAP_CLUSTER, INTEGER, "8", "swap readahead: pages read per major fault (a power of two)", "1",
                    "256"),
            key(SWAP_READ, TIME, "80us", "swap block device read latency", SLOW),
            key(SWAP_WRITE, TIME, "20us", "swap block device write latency", SLOW),
            key(SWAP_BANDWIDTH, BANDWIDTH, "16Gbps", "swap block device transfer rate", RATE),
            key(SWAP_PARALLEL, INTEGER, "32", "requests the swap block device serves at once (an SSD's flash "
                    + "channels and dies)", "1", "4096"),
            key(INFINISWAP_DRIVER, TIME, "2us", "InfiniSwap's driver mapping a request to its slab and an RDMA "
                    + "work request", STEP),
            key(TLB_ENTRIES, INTEGER, "1024", "data TLB entries of a machine that translates on the CPU side (swap "
                    + "layout)", "1", "1048576"),
            key(TLB_WAYS, INTEGER, "8", "data TLB associativity", CACHE_WAYS),
            key(TLB_WALK_LEVEL, TIME, "10ns", "one level of the Sv39 page-table walk after a TLB miss (3 levels)",
                    STEP));
}
