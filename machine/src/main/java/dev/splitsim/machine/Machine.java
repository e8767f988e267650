package dev.splitsim.machine;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.event.EventQueue;
import dev.splitsim.core.host.GuestMemoryExhausted;
import dev.splitsim.core.host.HostMemoryBudget;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.core.time.Clock;
import dev.splitsim.cpu.excache.ExCache;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.isa.Disassembler;
import dev.splitsim.cpu.timing.CoreTiming;
import dev.splitsim.cpu.timing.StallCause;
import dev.splitsim.cpu.timing.TimingParams;
import dev.splitsim.devices.block.BlockDevice;
import dev.splitsim.fabric.MessageRecord;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.FabricParams;
import dev.splitsim.fabric.net.NicParams;
import dev.splitsim.fabric.rpc.RpcParams;
import dev.splitsim.fabric.rpc.RpcStyle;
import dev.splitsim.fabric.verbs.VerbsParams;
import dev.splitsim.kernel.memory.GlobalMemoryManager;
import dev.splitsim.kernel.memory.MemoryComponent;
import dev.splitsim.kernel.memory.MemoryMonitor;
import dev.splitsim.kernel.memory.MemorySideView;
import dev.splitsim.kernel.memory.MemoryTiming;
import dev.splitsim.kernel.memory.VirtualMemory;
import dev.splitsim.kernel.process.AddressSpace;
import dev.splitsim.kernel.process.GuestFault;
import dev.splitsim.kernel.process.LinuxProcess;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.kernel.remote.CoreTime;
import dev.splitsim.kernel.remote.ExCacheMissPath;
import dev.splitsim.kernel.remote.OneSidedFetch;
import dev.splitsim.kernel.remote.RemoteCalls;
import dev.splitsim.kernel.remote.RpcClient;
import dev.splitsim.kernel.remote.SplitTiming;
import dev.splitsim.kernel.storage.StorageMonitor;
import dev.splitsim.kernel.storage.StorageNamespace;
import dev.splitsim.kernel.thread.GuestThread;
import dev.splitsim.kernel.thread.Scheduler;
import dev.splitsim.machine.config.MachineKeys;
import dev.splitsim.machine.config.Topology;
import dev.splitsim.machine.trace.EventSink;
import dev.splitsim.machine.trace.TraceCategories;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * One whole machine assembled from a configuration: either monolithic (all memory local) running
 * one Linux process, or split (CPU components whose ExCaches reach memory components and storage
 * components over the fabric), each CPU component running one process. A CPU component has
 * {@code cpu.cores} cores sharing the ExCache (or local memory); its process's threads are
 * scheduled over them. The run loop gives the core furthest behind in simulated time, of any
 * component, a turn of a few thousand instructions and checks limits between turns, never inside
 * the hot loop.
 */
public final class Machine {
    private final Config config;
    private final StatsRegistry stats = new StatsRegistry();
    /** The sections the guest's region-of-interest marks cut out of the statistics. */
    private final StatsSections sections = new StatsSections(stats);
    private final Clock cpuClock;
    /**
     * The CPU components, one per process, in topology order (one but on the split machine with
     * several); {@link #cores}, {@link #process}, {@link #coreTime}, {@link #excache} and
     * {@link #missPath} are those of the one whose core has the turn.
     */
    private final List<Processor> processors = new ArrayList<>();
    private Hart[] cores;
    /** The core whose turn it is. */
    private Hart hart;
    private CoreTime coreTime;
    /** Instructions per turn, and what is left of the current turn (0: no core has the turn). */
    private final long slice;
    private long turnLeft;
    private LinuxProcess process;
    private final EventQueue events = new EventQueue();
    private Fabric fabric;
    /** The storage monitors, one per storage component, in topology order; empty but on the split layout. */
    private final List<StorageMonitor> storageMonitors = new ArrayList<>();
    private List<String> storageNames = List.of();
    private ExCache excache;
    private ExCacheMissPath missPath;
    /** The process's virtual memory at the memory side, for inspection (the debugger's page table view). */
    private VirtualMemory virtualMemory;
    /** The memory side's pages wherever they are held, for inspection. */
    private MemorySideView memorySide;
    private final List<MemoryMonitor> memoryMonitors = new ArrayList<>();
    private GlobalMemoryManager memoryManager;
    private long hostNanos;
    private final Consumer<MessageRecord> trace;
    private EventSink sink;
    private boolean traceInstructions;
    /** The index of the CPU component that has the turn. */
    private int selected;
    /** Host memory for guest pages: frames, local pages and ExCache slots all take from it. */
    private HostMemoryBudget hostBudget;
    /** The Linux baseline's swap path (layout swap); null otherwise. */
    private SwapMachine swap;
    /**
     * Set by another thread (a signal handler) to end the run at the next turn boundary with this
     * status; read once per turn, so the interpreter's loop never sees it. 0: run on.
     */
    private volatile int interruptStatus;
    /** Why the run was interrupted; written before {@link #interruptStatus}, which publishes it. */
    private String interruptReason;

    /** One CPU component: its cores, the process it runs and, on the split machine, its ExCache and miss path. */
    private static final class Processor {
        /** Its place in topology order, which traces report. */
        final int index;
        final String name;
        final Hart[] cores;
        /** Its statistics: the machine's own with one CPU component, else a part named after it. */
        final StatsRegistry stats;
        CoreTime coreTime;
        LinuxProcess process;
        ExCache excache;
        ExCacheMissPath missPath;
        VirtualMemory virtualMemory;
        MemorySideView memorySide;

        Processor(int index, String name, int cores, StatsRegistry stats) {
            this.index = index;
            this.name = name;
            this.cores = new Hart[cores];
            this.stats = stats;
        }
    }

    private Machine(Config config, List<ProcessSpec> specs, Consumer<MessageRecord> trace) {
        this.config = config;
        this.trace = trace;
        this.cpuClock = new Clock(config.getLong(MachineKeys.CPU_FREQUENCY));
        int count = config.getInt(MachineKeys.CPU_CORES);
        this.slice = config.getLong(MachineKeys.SIM_SLICE);
        this.hostBudget = ResourceLimits.budget(config);
        ProcessSpec spec = specs.get(0);
        if (config.getChoice(MachineKeys.MACHINE_LAYOUT).equals("split")) {
            buildSplit(config, specs, count);
        } else {
            if (specs.size() > 1) {
                throw new UserConfigException("several processes run on the split machine only (profile legoos)");
            }
            Processor p = new Processor(0, "cpu", count, stats);
            processors.add(p);
            if (config.getChoice(MachineKeys.MACHINE_LAYOUT).equals("swap")) {
                p.coreTime = new CoreTime(cpuClock);
                swap = SwapMachine.build(config, spec, stats, p.coreTime, hostBudget, events);
                p.process = swap.process();
            } else {
                p.process = LinuxProcess.load(spec, stats, this::coreTicks, hostBudget, ResourceLimits.process(config));
            }
            for (int i = 0; i < count; i++) {
                p.cores[i] = new Hart(i, p.process.memory());
            }
        }
        for (Processor p : processors) {
            select(p);
            turn(0);
            attach(config);
        }
        select(processors.get(0));
        turn(0);
        registerStats();
        for (Processor p : processors) {
            p.process.setStatsMarks(sections);
        }
    }

    /** The CPU component {@code p} has the turn: its cores, process, ExCache and time are the ones used. */
    private void select(Processor p) {
        selected = p.index;
        cores = p.cores;
        process = p.process;
        coreTime = p.coreTime;
        excache = p.excache;
        missPath = p.missPath;
    }

    /** Puts the selected component's process on its cores, with its scheduler's waits and the cores' timing. */
    private void attach(Config config) {
        process.attach(cores, cpuClock, config.getLong(MachineKeys.SCHED_QUANTUM),
                config.getLong(MachineKeys.SCHED_SWITCH));
        if (coreTime != null) {
            Scheduler threads = process.scheduler();
            threads.setYieldOnMiss(config.getBoolean(MachineKeys.SCHED_YIELD_ON_MISS));
            coreTime.setMissWaits(new CoreTime.MissWaits() {
                @Override
                public boolean maySleep(Hart h) {
                    return threads.maySleep(h);
                }

                @Override
                public Object sleep(Hart h) {
                    return threads.sleepOnPage(h);
                }

                @Override
                public void wake(Object thread, long tick) {
                    threads.pageArrived((GuestThread) thread, tick);
                }

                @Override
                public boolean mayWaitForReply(Hart h) {
                    return threads.mayWaitForReply(h);
                }

                @Override
                public Object sleepOnReply(Hart h) {
                    return threads.sleepOnReply(h);
                }

                @Override
                public long retired(int core) {
                    return threads.core(core).instret();
                }
            });
        }
        for (Hart h : cores) {
            h.setJit(config.getBoolean(MachineKeys.CPU_JIT));
            h.setJitThreshold(config.getInt(MachineKeys.CPU_JIT_THRESHOLD));
        }
        if (config.getBoolean(MachineKeys.CPU_TIMING)) {
            for (Hart h : cores) {
                h.setTiming(coreTiming(config, cpuClock));
            }
            if (swap != null) {
                SwapMachine.giveTlbs(config, cpuClock, cores);
            }
        }
        if (swap != null) {
            swap.attachCores(cores, process.scheduler(), coreTime, cpuClock);
        }
    }

    /** Gives core {@code c} the turn: time, misses and remote calls are charged to it. */
    private void turn(int c) {
        hart = cores[c];
        if (coreTime != null) {
            coreTime.attach(hart);
        }
    }

    /** A core's timing model from the configuration's core-timing keys, DRAM latency in {@code clock}'s cycles. */
    public static CoreTiming coreTiming(Config c, Clock cpuClock) {
        int[] latencies = TimingParams.latencies(c.getInt(MachineKeys.LAT_ALU), c.getInt(MachineKeys.LAT_BRANCH),
                c.getInt(MachineKeys.LAT_STORE), c.getInt(MachineKeys.LAT_MUL), c.getInt(MachineKeys.LAT_DIV),
                c.getInt(MachineKeys.LAT_AMO), c.getInt(MachineKeys.LAT_FADD), c.getInt(MachineKeys.LAT_FMUL),
                c.getInt(MachineKeys.LAT_FMA), c.getInt(MachineKeys.LAT_FDIV), c.getInt(MachineKeys.LAT_FSQRT),
                c.getInt(MachineKeys.LAT_FCVT), c.getInt(MachineKeys.LAT_FMISC), c.getInt(MachineKeys.LAT_SYSTEM));
        int l1 = c.getInt(MachineKeys.L1_LATENCY);
        int l2 = c.getInt(MachineKeys.L2_LATENCY);
        if (l1 < 1 || l2 < l1) {
            throw new UserConfigException("need 1 <= l1d.latency <= l2.latency, got " + l1 + " and " + l2);
        }
        try {
            return new CoreTiming(new TimingParams(latencies, l1, l2,
                    cpuClock.ticksToCycles(c.getLong(MachineKeys.DRAM_LATENCY)), c.getLong(MachineKeys.L1I_SIZE),
                    c.getInt(MachineKeys.L1I_WAYS), c.getLong(MachineKeys.L1D_SIZE), c.getInt(MachineKeys.L1D_WAYS),
                    c.getLong(MachineKeys.L2_SIZE), c.getInt(MachineKeys.L2_WAYS), (int) c.getLong(MachineKeys.CACHE_LINE),
                    c.getChoice(MachineKeys.BPRED_KIND).equals("gshare"), c.getInt(MachineKeys.BPRED_BTB),
                    c.getInt(MachineKeys.BPRED_TABLE), c.getInt(MachineKeys.BPRED_HISTORY), c.getInt(MachineKeys.BPRED_RAS),
                    c.getInt(MachineKeys.BPRED_MISPREDICT), c.getInt(MachineKeys.BPRED_TAKEN),
                    c.getInt(MachineKeys.SYSCALL_CYCLES)));
        } catch (IllegalArgumentException e) {
            throw new UserConfigException(e.getMessage());
        }
    }

    /**
     * The split machine from the profile's topology: the CPU components, memory components and
     * storage components on one switch, process k of {@code specs} on CPU component k.
     */
    private void buildSplit(Config c, List<ProcessSpec> specs, int coreCount) {
        Topology topology;
        try {
            topology = Topology.of(c);
        } catch (dev.splitsim.core.config.ConfigException e) {
            throw new UserConfigException(e.getMessage());
        }
        if (specs.size() != topology.cpu().size()) {
            throw new UserConfigException("topology.cpu names " + topology.cpu().size() + " CPU component"
                    + (topology.cpu().size() == 1 ? "" : "s") + " but " + specs.size() + " process"
                    + (specs.size() == 1 ? "" : "es") + " run: each CPU component runs one (add --process)");
        }
        ProcessSpec spec = specs.get(0);
        fabric = new Fabric(fabricParams(c), events, nicParams(c), rpcParams(c));
        fabric.setTrace(trace);
        int[] cpuNodes = new int[specs.size()];
        for (int k = 0; k < cpuNodes.length; k++) {
            cpuNodes[k] = fabric.addNode(topology.cpu().get(k));
        }
        boolean pmem = c.getChoice(MachineKeys.MEMORY_KIND).equals("pmem");
        MemoryTiming mt = new MemoryTiming(c.getLong(MachineKeys.MEMORY_DISPATCH), c.getLong(MachineKeys.MEMORY_TLB_LOOKUP),
                c.getLong(MachineKeys.MEMORY_WALK_LEVEL),
                c.getLong(pmem ? MachineKeys.PMEM_READ : MachineKeys.MEMORY_READ),
                c.getLong(pmem ? MachineKeys.PMEM_WRITE : MachineKeys.MEMORY_WRITE),
                pmem ? c.getLong(MachineKeys.PMEM_PERSIST) : 0);
        int tlbEntries = c.getInt(MachineKeys.MEMORY_TLB_ENTRIES);
        int workers = c.getInt(MachineKeys.MEMORY_WORKERS);
        if (Integer.bitCount(tlbEntries) != 1) {
            throw new UserConfigException("memory.tlb_entries must be a power of two, got " + tlbEntries);
        }
        List<MemoryComponent> components = new ArrayList<>();
        for (String name : topology.memory()) {
            components.add(new MemoryComponent(components.size(), name, fabric.addNode(name),
                    c.getLong(MachineKeys.MEMORY_SIZE), tlbEntries, mt, workers, hostBudget));
        }
        int[] storageNodes = new int[topology.storage().size()];
        for (int i = 0; i < storageNodes.length; i++) {
            storageNodes[i] = fabric.addNode(topology.storage().get(i));
        }
        memoryManager = new GlobalMemoryManager(components, c.getChoice(MachineKeys.MEMORY_PLACEMENT));
        SplitTiming st = new SplitTiming(c.getLong(MachineKeys.EXCACHE_TRAP), c.getLong(MachineKeys.EXCACHE_FILL),
                c.getLong(MachineKeys.EXCACHE_ZERO_FILL_TIME), c.getBoolean(MachineKeys.EXCACHE_ZERO_FILL),
                c.getBoolean(MachineKeys.EXCACHE_PIGGYBACK));
        StorageNamespace namespace = new StorageNamespace(topology.storage(), storageNodes);
        // Each program is read once, for every storage component to hold; an unreadable one is
        // null here, and the loader reports it with its own one-line message.
        byte[][] programs = new byte[specs.size()][];
        for (int k = 0; k < specs.size(); k++) {
            programs[k] = programBytes(specs.get(k));
        }
        for (int k = 0; k < specs.size(); k++) {
            namespace.holdsProgram(pidOf(k), LinuxProcess.exePath(specs.get(k)));
        }
        storageNames = topology.storage();
        for (int i = 0; i < storageNodes.length; i++) {
            String name = topology.storage().get(i);
            BlockDevice ssd;
            try {
                ssd = new BlockDevice(name + ".ssd", c.getLong(MachineKeys.STORAGE_READ),
                        c.getLong(MachineKeys.STORAGE_WRITE), c.getLong(MachineKeys.STORAGE_BANDWIDTH));
            } catch (IllegalArgumentException e) {
                throw new UserConfigException(e.getMessage());
            }
            // Every component serves the same tree (the namespace map sends each only its own paths).
            StorageMonitor monitor = StorageMonitor.onFabric(spec.root(), fabric, storageNodes[i], ssd,
                    c.getLong(MachineKeys.STORAGE_DISPATCH));
            monitor.limitFileSize(c.getLong(MachineKeys.FILES_MAX_SIZE));
            if (programs[0] != null) {
                // /proc/self/exe is the emulator's on every component; execve reads the holder's copy.
                monitor.holdProgram(programs[0]);
            }
            for (int k = 1; k < specs.size(); k++) {
                monitor.holdProgram(pidOf(k), programs[k] == null ? new byte[0] : programs[k]);
            }
            storageMonitors.add(monitor);
        }
        for (MemoryComponent mc : components) {
            MemoryMonitor monitor = new MemoryMonitor(mc, fabric, memoryManager);
            memoryMonitors.add(monitor);
            monitor.useStorage(namespace);
        }
        for (int k = 0; k < specs.size(); k++) {
            String name = topology.cpu().get(k);
            StatsRegistry own = specs.size() == 1 ? stats : new StatsRegistry();
            if (own != stats) {
                stats.include(name, own);
            }
            Processor p = new Processor(k, name, coreCount, own);
            processors.add(p);
            buildProcessor(c, p, specs.get(k), pidOf(k), cpuNodes[k], components, namespace, st);
            for (int i = 0; i < coreCount; i++) {
                p.cores[i] = new Hart(i, p.excache);
            }
        }
        virtualMemory = processors.get(0).virtualMemory;
        memorySide = processors.get(0).memorySide;
    }

    /** The bytes of {@code spec}'s program, or null when it cannot be read. */
    private static byte[] programBytes(ProcessSpec spec) {
        try {
            return dev.splitsim.core.elf.ElfFile.readBytes(spec.program());
        } catch (RuntimeException e) {
            return null;
        }
    }

    /**
     * The id of the process on CPU component {@code k}: 1 for the first, then far enough apart
     * that one process's thread ids, which count up from its own, never reach the next's.
     */
    static int pidOf(int k) {
        return LinuxProcess.PID + k * PID_STRIDE;
    }

    /** How far apart the processes' ids are. */
    static final int PID_STRIDE = 1 << 16;

    /** One CPU component of the split machine: its ExCache, miss path and remote calls, and process {@code pid} on them. */
    private void buildProcessor(Config c, Processor p, ProcessSpec spec, int pid, int cpuNode,
            List<MemoryComponent> components, StorageNamespace namespace, SplitTiming st) {
        CoreTime time = new CoreTime(cpuClock);
        p.coreTime = time;
        // The process's virtual memory lives with the memory monitors (its home one serves the calls on it).
        MemoryComponent home = memoryManager.home(pid);
        p.virtualMemory = memoryMonitors.get(home.index()).host(pid);
        p.memorySide = new MemorySideView(pid, p.virtualMemory, memoryManager);
        RpcClient rpc = new RpcClient(fabric, cpuNode);
        AddressSpace space = new AddressSpace(null);
        ExCacheMissPath missPath = new ExCacheMissPath(rpc, memoryManager, space, time, st);
        p.missPath = missPath;
        missPath.setInspector(p.memorySide);
        ExCache excache;
        try {
            excache = new ExCache(c.getLong(MachineKeys.EXCACHE_SIZE), c.getLong(MachineKeys.EXCACHE_LINE),
                    c.getInt(MachineKeys.EXCACHE_WAYS), c.getChoice(MachineKeys.EXCACHE_POLICY),
                    c.getLong(MachineKeys.SIM_SEED), missPath);
        } catch (IllegalArgumentException e) {
            throw new UserConfigException(e.getMessage());
        }
        p.excache = excache;
        excache.setAddressSpace(pid);
        excache.chargeSlotsTo(hostBudget);
        missPath.setCache(excache);
        if (c.getChoice(MachineKeys.EXCACHE_FETCH).equals("one-sided")) {
            missPath.setOneSided(oneSidedFetch(c, cpuNode, components, excache));
        }
        space.setCpuView(excache, missPath);
        RemoteCalls remote = new RemoteCalls(rpc, namespace, memoryManager, pid, time);
        MemorySideView view = p.memorySide;
        p.process = LinuxProcess.load(spec, pid, p.stats, time::now, excache, space, remote, remote, view::pagesStored,
                ResourceLimits.process(c));
    }

    /** The verbs the one-sided fills use: the CPU's ExCache slots, each memory component's physical memory. */
    private OneSidedFetch oneSidedFetch(Config c, int cpuNode, List<MemoryComponent> components, ExCache excache) {
        int n = components.size();
        int[] nodes = new int[n];
        dev.splitsim.fabric.verbs.RegionMemory[] memories = new dev.splitsim.fabric.verbs.RegionMemory[n];
        long[] capacities = new long[n];
        for (int i = 0; i < n; i++) {
            nodes[i] = components.get(i).node();
            memories[i] = components.get(i).nicView();
            capacities[i] = components.get(i).capacityBytes();
        }
        long slotBytes = (long) excache.lines() * excache.pagesPerLine() * dev.splitsim.cpu.mem.PageProvider.PAGE_SIZE;
        return new OneSidedFetch(new dev.splitsim.fabric.verbs.Verbs(fabric, verbsParams(c)), cpuNode, slotBytes,
                nodes, memories, capacities, c.getInt(MachineKeys.EXCACHE_TRANSLATIONS));
    }

    /** The fabric's timing from the configuration's {@code fabric.*} keys. */
    public static FabricParams fabricParams(Config c) {
        try {
            return new FabricParams(c.getLong(MachineKeys.FABRIC_POST), c.getLong(MachineKeys.FABRIC_NIC),
                    c.getLong(MachineKeys.FABRIC_COMPLETION), c.getLong(MachineKeys.FABRIC_RPC),
                    c.getLong(MachineKeys.FABRIC_RING_DMA), c.getLong(MachineKeys.FABRIC_REGION_DMA),
                    c.getLong(MachineKeys.FABRIC_PCIE_READ), c.getLong(MachineKeys.FABRIC_RESPONDER_READ),
                    (int) Math.min(Integer.MAX_VALUE, c.getLong(MachineKeys.FABRIC_INLINE)), c.getLong(MachineKeys.FABRIC_LINK),
                    c.getLong(MachineKeys.FABRIC_PROPAGATION), c.getLong(MachineKeys.FABRIC_SWITCH));
        } catch (IllegalArgumentException e) {
            throw new UserConfigException(e.getMessage());
        }
    }

    /** What each NIC caches of its connections, and what a miss costs, from the {@code fabric.nic_*} keys. */
    public static NicParams nicParams(Config c) {
        return new NicParams(c.getInt(MachineKeys.FABRIC_QP_CACHE), c.getInt(MachineKeys.FABRIC_MR_CACHE),
                c.getLong(MachineKeys.FABRIC_CACHE_FETCH));
    }

    /** The split kernel's RPC transport: {@code fabric.rpc} and its pollers, receives and timeouts. */
    public static RpcParams rpcParams(Config c) {
        return new RpcParams(RpcStyle.of(c.getChoice(MachineKeys.FABRIC_RPC_STYLE)), c.getInt(MachineKeys.FABRIC_POLLERS),
                c.getInt(MachineKeys.FABRIC_RECEIVE_DEPTH), c.getInt(MachineKeys.FABRIC_SRQ_DEPTH),
                c.getLong(MachineKeys.FABRIC_RNR_DELAY), c.getLong(MachineKeys.FABRIC_RPC_TIMEOUT),
                (int) Math.min(Integer.MAX_VALUE, c.getLong(MachineKeys.FABRIC_MTU)));
    }

    /** The verbs layer's own parameters (receiver-not-ready retries, datagram MTU) from the configuration. */
    public static VerbsParams verbsParams(Config c) {
        try {
            return new VerbsParams(c.getLong(MachineKeys.FABRIC_RNR_DELAY), c.getInt(MachineKeys.FABRIC_RNR_RETRY),
                    (int) Math.min(Integer.MAX_VALUE, c.getLong(MachineKeys.FABRIC_MTU)));
        } catch (IllegalArgumentException e) {
            throw new UserConfigException(e.getMessage());
        }
    }

    /** A configuration that cannot build a machine; the CLI prints its message. */
    public static final class UserConfigException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UserConfigException(String message) {
            super(message, null, false, false);
        }
    }

    public Fabric fabric() {
        return fabric;
    }

    /** The Linux baseline's pages and swap (layout swap), for tests; null on the other layouts. */
    public dev.splitsim.kernel.swap.SwapPages swapPages() {
        return swap == null ? null : swap.pages();
    }

    /** The first CPU component's ExCache (the only one but with several processes); null off the split layout. */
    public ExCache excache() {
        return processors.get(0).excache;
    }

    /** The memory side's areas and pages of the process, for inspection and tests; never used by the CPU side. */
    public VirtualMemory virtualMemory() {
        if (swap != null) {
            return swap.virtualMemory();
        }
        return virtualMemory != null ? virtualMemory : (VirtualMemory) process.memory();
    }

    /** The memory side's pages at their owners, for inspection and tests; null on the all-local machine. */
    public MemorySideView memorySide() {
        return memorySide;
    }

    /** The storage monitors, one per storage component in topology order, for tests; empty but on the split layout. */
    public List<StorageMonitor> storageMonitors() {
        return List.copyOf(storageMonitors);
    }

    /** The memory monitors, one per memory component, for tests; empty on the all-local machine. */
    public List<MemoryMonitor> memoryMonitors() {
        return List.copyOf(memoryMonitors);
    }

    /** The first CPU component's miss path; null off the split layout. */
    public ExCacheMissPath missPath() {
        return processors.get(0).missPath;
    }

    public GlobalMemoryManager memoryManager() {
        return memoryManager;
    }

    /** Where component {@code k}'s cores take memory from: its ExCache on the split layout, local pages otherwise. */
    private dev.splitsim.cpu.mem.PageProvider provider(int k) {
        Processor p = processors.get(k);
        return p.excache != null ? p.excache : p.process.memory();
    }

    /**
     * Reads the first process's memory for the debugger without cost or change of state; false when
     * a byte of the range is not mapped.
     */
    public boolean peek(long address, byte[] into, int length) {
        return peek(0, address, into, length);
    }

    /** {@link #peek(long, byte[], int)} of the process on CPU component {@code k}. */
    public boolean peek(int k, long address, byte[] into, int length) {
        dev.splitsim.cpu.mem.PageProvider from = provider(k);
        for (int i = 0; i < length; i++) {
            long a = address + i;
            byte[] page = from.peek(a >>> dev.splitsim.cpu.mem.PageProvider.PAGE_SHIFT);
            if (page == null) {
                return false;
            }
            into[i] = page[(int) a & (dev.splitsim.cpu.mem.PageProvider.PAGE_SIZE - 1)];
        }
        return true;
    }

    /**
     * Writes the first process's memory for the debugger as a store of the guest would (a miss is
     * served and charged as one); false when a byte of the range is not writable.
     */
    public boolean poke(long address, byte[] from, int length) {
        dev.splitsim.cpu.mem.PageProvider to = provider(0);
        for (int i = 0; i < length; i++) {
            long a = address + i;
            long vpage = a >>> dev.splitsim.cpu.mem.PageProvider.PAGE_SHIFT;
            byte[] page = to.page(vpage, dev.splitsim.cpu.mem.PageProvider.WRITE);
            if (page == null) {
                return false;
            }
            page[(int) a & (dev.splitsim.cpu.mem.PageProvider.PAGE_SIZE - 1)] = from[i];
            flushPage(vpage);
        }
        return true;
    }

    /** Drops the first component's decoded instructions and translations of one page (the debugger wrote it). */
    public void flushPage(long vpage) {
        for (Hart h : processors.get(0).cores) {
            h.flushPage(vpage);
        }
    }

    public static Machine load(Config config, ProcessSpec spec) {
        return new Machine(config, List.of(spec), null);
    }

    /**
     * A machine running {@code specs}, process k on CPU component k of {@code topology.cpu} (several
     * on the split layout only); the first is the one {@link #process} and the exit status are of.
     */
    public static Machine load(Config config, List<ProcessSpec> specs) {
        return new Machine(config, specs, null);
    }

    /** A machine whose fabric messages, from the first one on, go to {@code trace} (split layout only). */
    public static Machine load(Config config, ProcessSpec spec, Consumer<MessageRecord> trace) {
        return new Machine(config, List.of(spec), trace);
    }

    /**
     * A machine whose events of the kinds in {@code categories} ({@link TraceCategories}) go to
     * {@code sink} from the first one on; fabric messages and misses exist on the split layout only.
     */
    public static Machine load(Config config, ProcessSpec spec, EventSink sink, int categories) {
        return load(config, List.of(spec), sink, categories);
    }

    /**
     * {@link #load(Config, List)} with events traced to {@code sink}: the fabric's of every
     * component, and the misses, system calls and instructions of every CPU component, each
     * reported with the component's index in topology order.
     */
    public static Machine load(Config config, List<ProcessSpec> specs, EventSink sink, int categories) {
        Machine m = new Machine(config, specs, (categories & TraceCategories.FABRIC) != 0 ? sink::message : null);
        m.sink = sink;
        for (Processor p : m.processors) {
            int k = p.index;
            if (p.missPath != null && (categories & TraceCategories.EXCACHE) != 0) {
                p.missPath.setMissTrace(r -> sink.miss(k, r));
            }
            if ((categories & TraceCategories.SYSCALL) != 0) {
                p.process.setSyscallTrace(r -> sink.syscall(k, r));
            }
        }
        m.traceInstructions = (categories & TraceCategories.INSN) != 0;
        return m;
    }

    /**
     * Runs one instruction (or takes one trap) on the core whose turn it is; reports it to the sink
     * when instructions are traced. When every thread is blocked for ever, the process is stopped.
     */
    public void step() {
        try {
            stepGuarded();
        } catch (GuestMemoryExhausted e) {
            process.outOfMemory(hart, e);
        } catch (RuntimeException | Error e) {
            throw InternalFailure.at(e, hart.pc);
        }
    }

    private void stepGuarded() {
        if (turnLeft > 0 && process.finished()) {
            // The process that had the turn has ended: another component's core takes it.
            turnLeft = 0;
        }
        if (!ensureTurn() || process.finished()) {
            return;
        }
        events.runUntil(coreTicks());
        stepCurrent();
        turnLeft--;
        endTurnIfDone();
    }

    /**
     * Makes sure a core has the turn: picks the next one when none has; false (and the process
     * stopped) on a deadlock. A turn lasts {@code sim.slice_instructions} whether it is run at once
     * or stepped, so stepping several cores does not break their LR/SC pairs.
     */
    private boolean ensureTurn() {
        if (turnLeft > 0) {
            return true;
        }
        int c;
        while (true) {
            c = pickAcrossComponents();
            if (c == Scheduler.RUN_EVENTS) {
                // Every thread sleeps on a fill or a reply: time moves to the next event.
                events.runNext();
            } else if (c >= 0 && events.nextTick() <= process.scheduler().nowTicks(c)) {
                // What happened on the fabric up to the chosen core's time happens first, one event
                // at a time: one may wake a thread on a core further behind, which then goes first.
                events.runNext();
            } else {
                break;
            }
        }
        if (c < 0) {
            process.stop(deadlock());
            return false;
        }
        turn(c);
        process.scheduler().beginTurn(c);
        turnLeft = slice;
        return true;
    }

    /**
     * Selects the CPU component whose core runs next and returns that core, as one scheduler's
     * pick would: of the components whose process still runs, the core furthest behind in time
     * (the first component's on a tie); {@link Scheduler#RUN_EVENTS} when every thread of every
     * process waits for an event; -1, with the deadlocked component selected, when a process can
     * never run again.
     */
    private int pickAcrossComponents() {
        if (processors.size() == 1) {
            return process.scheduler().pick(events.nextTick());
        }
        Processor best = null;
        int bestCore = -1;
        long bestTick = Long.MAX_VALUE;
        boolean waiting = false;
        for (Processor p : processors) {
            if (p.process.finished()) {
                continue;
            }
            int c = p.process.scheduler().pick(events.nextTick());
            if (c == Scheduler.RUN_EVENTS) {
                waiting = true;
            } else if (c < 0) {
                select(p);
                return -1;
            } else if (p.process.scheduler().nowTicks(c) < bestTick) {
                best = p;
                bestCore = c;
                bestTick = p.process.scheduler().nowTicks(c);
            }
        }
        if (best != null) {
            select(best);
            return bestCore;
        }
        return waiting ? Scheduler.RUN_EVENTS : -1;
    }

    /** Whether every process has ended. */
    public boolean allFinished() {
        for (Processor p : processors) {
            if (!p.process.finished()) {
                return false;
            }
        }
        return true;
    }

    private void endTurnIfDone() {
        if (turnLeft <= 0 || !process.scheduler().running(hart)) {
            turnLeft = 0;
            process.scheduler().endTurn(hart.id);
        }
    }

    private void stepCurrent() {
        long pc = hart.pc;
        long retired = hart.instret();
        long bits = traceInstructions ? hart.instructionBitsAt(pc) : 0;
        hart.run(1);
        if (traceInstructions && hart.instret() > retired) {
            sink.instruction(selected, hart.id, pc, bits, coreTicks());
        }
    }

    /**
     * How many instructions the current core may run before it could pass the next event's time,
     * or the time at which another core runs again what a fill or a reply woke it for.
     */
    private long instructionsBeforeNextEvent() {
        long now = coreTicks();
        long next = events.nextTick();
        long beforeEvent = next == Long.MAX_VALUE ? Long.MAX_VALUE
                : next <= now ? 0 : Math.max(1, cpuClock.ticksToCycles(next - now));
        long rerun = process.scheduler().nextRerunTick(hart.id);
        if (rerun == Long.MAX_VALUE) {
            return beforeEvent;
        }
        // At least one instruction: a core level with the woken one may hold the turn by its number.
        return Math.min(beforeEvent, rerun <= now ? 1 : Math.max(1, cpuClock.ticksToCycles(rerun - now)));
    }

    private String deadlock() {
        return "deadlock: every thread is blocked for ever (" + String.join("; ", process.scheduler().describeBlocked())
                + ")";
    }

    /** Simulated time on the core whose turn it is, in ticks: what its program reads as the time. */
    private long coreTicks() {
        return hart == null ? 0 : cpuClock.cyclesToTicks(hart.cycles());
    }

    /** Simulated time so far, in ticks (picoseconds): the time of the core furthest ahead. */
    public long nowTicks() {
        long t = 0;
        for (Processor p : processors) {
            for (Hart h : p.cores) {
                t = Math.max(t, cpuClock.cyclesToTicks(h.cycles()));
            }
        }
        return t;
    }

    /** The cores of the (first) CPU component. */
    public Hart[] cores() {
        return processors.get(0).cores.clone();
    }

    /** Instructions retired on every core of every CPU component. */
    public long instructions() {
        long n = 0;
        for (Processor p : processors) {
            n += sum(p.cores, Hart::instret);
        }
        return n;
    }

    /** Cycles of every core of every CPU component, summed. */
    public long cycles() {
        long n = 0;
        for (Processor p : processors) {
            n += sum(p.cores, Hart::cycles);
        }
        return n;
    }

    /** How many CPU components (processes) the machine has. */
    public int processCount() {
        return processors.size();
    }

    /** The name of CPU component {@code k}, in topology order. */
    public String processorName(int k) {
        return processors.get(k).name;
    }

    /** CPU component {@code k}'s ExCache; null off the split layout. */
    public ExCache excache(int k) {
        return processors.get(k).excache;
    }

    /** CPU component {@code k}'s miss path; null off the split layout. */
    public ExCacheMissPath missPath(int k) {
        return processors.get(k).missPath;
    }

    /** CPU component {@code k}'s cores. */
    public Hart[] cores(int k) {
        return processors.get(k).cores.clone();
    }

    /** The index of the CPU component whose core ran last (has the turn): the one {@link #hart} is of. */
    public int selectedComponent() {
        return selected;
    }

    /** The memory side's areas and pages of the process on CPU component {@code k}, for inspection. */
    public VirtualMemory virtualMemory(int k) {
        return k == 0 ? virtualMemory() : processors.get(k).virtualMemory;
    }

    /** The process on CPU component {@code k}, in topology order. */
    public LinuxProcess process(int k) {
        return processors.get(k).process;
    }

    public StatsRegistry stats() {
        return stats;
    }

    public StatsSections sections() {
        return sections;
    }

    public Config config() {
        return config;
    }

    public Hart hart() {
        return hart;
    }

    /** The first CPU component's process: the only one, or the one whose exit status is the run's. */
    public LinuxProcess process() {
        return processors.get(0).process;
    }

    /**
     * Runs until the guest ends or a limit stops it. Whatever escapes the simulator on the way is an
     * {@link InternalFailure} at the guest pc of the moment.
     */
    public RunResult run(RunLimits limits) {
        try {
            while (true) {
                try {
                    return runGuarded(limits);
                } catch (GuestMemoryExhausted e) {
                    // The guest ends for want of memory; what remains of the run (its ending) goes on as usual.
                    process.outOfMemory(hart, e);
                }
            }
        } catch (RuntimeException | Error e) {
            throw InternalFailure.at(e, hart.pc);
        }
    }

    /**
     * Asks a running {@link #run} from another thread to end at the next turn boundary, as if a limit
     * stopped it, with {@code status} and the line {@code reason}; the caller then writes its
     * statistics as after any run. Nothing changes for a run that is not asked.
     */
    public void interrupt(String reason, int status) {
        interruptReason = reason;
        interruptStatus = status;
    }

    private RunResult runGuarded(RunLimits limits) {
        long start = System.nanoTime();
        try {
            while (!allFinished()) {
                int interrupted = interruptStatus;
                if (interrupted != 0) {
                    return new RunResult(RunResult.Outcome.INTERRUPTED, interrupted, "splitsim: " + interruptReason
                            + " after " + instructions() + " instructions at pc=0x" + Long.toHexString(hart.pc));
                }
                if (!ensureTurn()) {
                    return new RunResult(RunResult.Outcome.STOPPED, RunResult.LIMIT_STATUS,
                            "splitsim: " + process.stopMessage());
                }
                if (process.finished()) {
                    // A timer's or another thread's signal ended the process as the turn began.
                    turnLeft = 0;
                    continue;
                }
                long budget = turnLeft;
                if (limits.maxInstructions() > 0) {
                    long left = limits.maxInstructions() - instructions();
                    if (left <= 0) {
                        return new RunResult(RunResult.Outcome.INSTRUCTION_LIMIT, RunResult.LIMIT_STATUS,
                                "splitsim: stopped after " + instructions() + " instructions (--max-instructions "
                                        + limits.maxInstructions() + ") at pc=0x" + Long.toHexString(hart.pc));
                    }
                    budget = Math.min(budget, left);
                }
                // The turn ends before the core passes the next event (an instruction takes a cycle
                // at least), so what arrives meanwhile is seen in time order.
                long beforeEvent = instructionsBeforeNextEvent();
                boolean eventBound = beforeEvent < budget;
                budget = Math.min(budget, beforeEvent);
                long steps = 0;
                if (traceInstructions) {
                    for (; steps < budget && !process.finished() && process.scheduler().running(hart); steps++) {
                        stepCurrent();
                    }
                } else {
                    steps = hart.run(budget);
                }
                turnLeft -= steps;
                if (eventBound) {
                    turnLeft = 0;
                }
                endTurnIfDone();
                if (limits.maxHostNanos() > 0 && System.nanoTime() - start > limits.maxHostNanos()) {
                    return new RunResult(RunResult.Outcome.TIME_LIMIT, RunResult.LIMIT_STATUS,
                            String.format("splitsim: stopped after %.1f s of host time (--max-time) at pc=0x%x",
                                    (System.nanoTime() - start) / 1e9, hart.pc));
                }
                if (process.stopMessage() != null) {
                    return new RunResult(RunResult.Outcome.STOPPED, 1, "splitsim: " + process.stopMessage());
                }
            }
        } finally {
            hostNanos += System.nanoTime() - start;
        }
        return ending();
    }

    /**
     * The run's outcome and status are the first process's; a guest fault of any process is a line
     * of the message, the further ones named by their CPU component.
     */
    private RunResult ending() {
        LinuxProcess first = processors.get(0).process;
        StringBuilder faults = new StringBuilder();
        for (Processor p : processors) {
            GuestFault f = p.process.fault();
            if (f != null) {
                String line = describe(f);
                if (p != processors.get(0)) {
                    line = line.replaceFirst("^splitsim: ", "splitsim: " + p.name + ": ");
                }
                faults.append(faults.length() == 0 ? "" : "\n").append(line);
            }
        }
        String message = faults.length() == 0 ? null : faults.toString();
        if (first.fault() != null) {
            return new RunResult(RunResult.Outcome.FAULT, first.exitStatus(), message);
        }
        return new RunResult(RunResult.Outcome.EXITED, first.exitStatus(), message);
    }

    private String describe(GuestFault f) {
        String text = Disassembler.disassemble(f.pc(), f.instruction()).replace('\t', ' ');
        String other = f.reason().startsWith("illegal instruction")
                ? dev.splitsim.cpu.isa.OtherExtensions.describe(f.instruction() & 0xffffffffL) : null;
        if (other != null) {
            // A program built for more than RV64GC: say what to leave out of -march.
            text += "; " + other + ", which splitsim does not implement: build with -march=rv64gc";
        }
        return String.format("splitsim: guest fault: %s at pc=0x%x addr=0x%x (%s)", f.reason(), f.pc(), f.address(),
                text);
    }

    public double hostSeconds() {
        return hostNanos / 1e9;
    }

    private void registerStats() {
        StatGroup sim = stats.group("sim", "the simulation as a whole");
        sim.formula("seconds", "s", "simulated time (the core furthest ahead)", () -> Clock.ticksToSeconds(nowTicks()));
        sim.reading("ticks", "ps", "simulated time in ticks", this::nowTicks);
        sim.reading("events", "events", "events run on the machine's event queue", events::fired);
        sim.reading("late_events", "events", "events run at a tick before one already run (a wait that ran the queue ahead of the other cores)",
                events::late);
        // With several CPU components each one's statistics are a part named after it (pcomp1.cpu.instructions).
        for (Processor p : processors) {
            registerProcessorStats(p);
        }
        if (processors.get(0).excache != null) {
            for (Processor p : processors) {
                p.excache.registerStats(p.stats);
                p.missPath.registerStats(p.stats);
            }
            fabric.registerStats(stats);
            registerStorageStats();
            StatGroup ev = stats.group("events", "the event queue");
            ev.reading("fired", "events", "events run", events::fired);
            memoryManager.registerStats(stats);
            for (Processor p : processors) {
                ExCacheMissPath misses = p.missPath;
                for (Hart h : p.cores) {
                    p.stats.group("cpu" + h.id, null).reading("excache_misses", "misses",
                            "ExCache misses taken on core " + h.id, () -> misses.missesOnCore(h.id));
                }
            }
        }
        if (swap != null) {
            swap.registerStats(stats, cores);
        }
        StatGroup host = stats.group("host", "the host running the simulation");
        host.formula("seconds", "s", "host wall-clock time spent running the guest", this::hostSeconds);
        host.formula("mips", "MIPS", "guest instructions per host second, in millions",
                () -> hostNanos == 0 ? 0 : instructions() / (hostNanos / 1e3));
    }

    /** A CPU component's cores, threads and core timing, into its own statistics. */
    private static void registerProcessorStats(Processor p) {
        Hart[] of = p.cores;
        Scheduler scheduler = p.process.scheduler();
        StatGroup cpu = p.stats.group("cpu", "the CPU component's cores, summed");
        cpu.reading("cores", "cores", "cores of the CPU component", () -> of.length);
        registerCoreStats(cpu, of);
        for (Hart h : of) {
            registerCoreStats(p.stats.group("cpu" + h.id, "core " + h.id), new Hart[] {h});
        }
        StatGroup threads = p.stats.group("threads", "the process's threads");
        threads.reading("created", "threads", "threads the process had, the main thread included",
                scheduler::threadsCreated);
        threads.reading("context_switches", "switches", "threads put onto a core", scheduler::contextSwitches);
        threads.reading("miss_yields", "misses", "ExCache misses during which the thread gave its core to another",
                scheduler::missYields);
        if (of[0].timing() != null) {
            CoreTiming[] timings = new CoreTiming[of.length];
            for (int i = 0; i < of.length; i++) {
                timings[i] = of[i].timing();
            }
            CoreTiming.registerStats(p.stats, timings);
        }
    }

    /**
     * The storage components' requests and device traffic, summed; with several, each also under
     * its name ({@code storage.scomp1.requests}), so one component's statistics keep their names.
     */
    private void registerStorageStats() {
        List<StorageMonitor> all = storageMonitors;
        StatGroup sg = stats.group("storage", all.size() == 1 ? "the storage component" : "the storage components, summed");
        sg.reading("requests", "requests", "requests served by the storage monitor",
                () -> all.stream().mapToLong(StorageMonitor::requests).sum());
        sg.reading("device_reads", "B", "bytes read from the storage device",
                () -> all.stream().mapToLong(m -> m.device().bytesRead()).sum());
        sg.reading("device_writes", "B", "bytes written to the storage device",
                () -> all.stream().mapToLong(m -> m.device().bytesWritten()).sum());
        sg.reading("device_busy_ps", "ps", "time the storage device was busy",
                () -> all.stream().mapToLong(m -> m.device().busyTicks()).sum());
        if (all.size() == 1) {
            return;
        }
        for (int i = 0; i < all.size(); i++) {
            StorageMonitor m = all.get(i);
            String n = storageNames.get(i) + ".";
            sg.reading(n + "requests", "requests", "requests served by " + storageNames.get(i) + "'s storage monitor",
                    m::requests);
            sg.reading(n + "device_reads", "B", "bytes read from " + storageNames.get(i) + "'s device",
                    () -> m.device().bytesRead());
            sg.reading(n + "device_writes", "B", "bytes written to " + storageNames.get(i) + "'s device",
                    () -> m.device().bytesWritten());
            sg.reading(n + "device_busy_ps", "ps", "time " + storageNames.get(i) + "'s device was busy",
                    () -> m.device().busyTicks());
        }
    }

    /** Instructions, cycles, IPC and stall cycles by cause of {@code of}, summed, into {@code g}. */
    public static void registerCoreStats(StatGroup g, Hart[] of) {
        g.reading("instructions", "insts", "instructions retired", () -> sum(of, Hart::instret));
        g.reading("cycles", "cycles", "core cycles", () -> sum(of, Hart::cycles));
        g.formula("ipc", "insts/cycle", "instructions per cycle", () -> {
            long c = sum(of, Hart::cycles);
            return c == 0 ? 0 : (double) sum(of, Hart::instret) / c;
        });
        g.reading("base_cycles", "cycles", "cycles in which an instruction issued", () -> sum(of, Hart::baseCycles));
        for (int i = 0; i < StallCause.NAMES.length; i++) {
            int cause = i;
            g.reading("stall_cycles." + StallCause.NAMES[i], "cycles", StallCause.DESCRIPTIONS[i],
                    () -> sum(of, h -> h.stallCycles(cause)));
        }
    }

    private static long sum(Hart[] of, java.util.function.ToLongFunction<Hart> f) {
        long total = 0;
        for (Hart h : of) {
            total += f.applyAsLong(h);
        }
        return total;
    }
}
