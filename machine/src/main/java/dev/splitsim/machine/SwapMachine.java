package dev.splitsim.machine;

import dev.splitsim.core.config.Config;
import dev.splitsim.core.event.EventQueue;
import dev.splitsim.core.host.HostMemoryBudget;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.core.time.Clock;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.timing.StallCause;
import dev.splitsim.devices.block.BlockDevice;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.verbs.Verbs;
import dev.splitsim.kernel.memory.VirtualMemory;
import dev.splitsim.kernel.process.LinuxProcess;
import dev.splitsim.kernel.process.ProcessSpec;
import dev.splitsim.kernel.remote.CoreTime;
import dev.splitsim.kernel.swap.BlockSwapDevice;
import dev.splitsim.kernel.swap.OtherCores;
import dev.splitsim.kernel.swap.RdmaSwapDevice;
import dev.splitsim.kernel.swap.SwapDevice;
import dev.splitsim.kernel.swap.SwapMemory;
import dev.splitsim.kernel.swap.SwapPages;
import dev.splitsim.kernel.swap.SwapSpace;
import dev.splitsim.kernel.swap.SwapTiming;
import dev.splitsim.kernel.thread.Scheduler;
import dev.splitsim.machine.config.MachineKeys;

/**
 * The Linux baselines of the LegoOS comparison (layout {@code swap}): one machine whose process
 * has {@code linux.memory} of memory, the rest of its pages in a swap area on a block device (an
 * SSD, a ramdisk) or, with InfiniSwap, in a remote machine's memory over the fabric. Its cores
 * translate through a data TLB and pay the page-table walk; the split machine does neither.
 */
final class SwapMachine {
    /** Sv39: three levels of page table. */
    private static final int WALK_LEVELS = 3;

    private final SwapPages pages;
    private final LinuxProcess process;
    private final Fabric fabric;
    private final VirtualMemory vm;

    private SwapMachine(SwapPages pages, VirtualMemory vm, LinuxProcess process, Fabric fabric) {
        this.pages = pages;
        this.vm = vm;
        this.process = process;
        this.fabric = fabric;
    }

    static SwapMachine build(Config c, ProcessSpec spec, StatsRegistry stats, CoreTime time, HostMemoryBudget budget,
            EventQueue events) {
        try {
            SwapTiming timing = new SwapTiming(c.getLong(MachineKeys.LINUX_TRAP), c.getLong(MachineKeys.LINUX_HANDLER),
                    c.getLong(MachineKeys.LINUX_ZERO), c.getLong(MachineKeys.LINUX_LOOKUP),
                    c.getLong(MachineKeys.LINUX_CACHE_ADD), c.getLong(MachineKeys.LINUX_BLOCK),
                    c.getLong(MachineKeys.LINUX_WAKE), c.getLong(MachineKeys.LINUX_SCAN),
                    c.getLong(MachineKeys.LINUX_RECLAIM),
                    c.getLong(MachineKeys.LINUX_SHOOTDOWN), c.getLong(MachineKeys.LINUX_IPI),
                    c.getInt(MachineKeys.SWAP_CLUSTER), c.getInt(MachineKeys.LINUX_RECLAIM_BATCH));
            long swapBytes = c.getLong(MachineKeys.SWAP_SIZE);
            SwapSpace space = new SwapSpace(budget);
            Fabric fabric = null;
            SwapDevice device;
            if (c.getChoice(MachineKeys.SWAP_DEVICE).equals("infiniswap")) {
                fabric = new Fabric(Machine.fabricParams(c), events);
                int here = fabric.addNode("linux0");
                int there = fabric.addNode("remote0");
                int maxPages = Math.max(timing.cluster(), timing.reclaimBatch());
                device = new RdmaSwapDevice(new Verbs(fabric, Machine.verbsParams(c)), here, there, space, swapBytes,
                        maxPages, c.getLong(MachineKeys.INFINISWAP_DRIVER));
            } else {
                device = new BlockSwapDevice(new BlockDevice("swap", c.getLong(MachineKeys.SWAP_READ),
                        c.getLong(MachineKeys.SWAP_WRITE), c.getLong(MachineKeys.SWAP_BANDWIDTH),
                        c.getInt(MachineKeys.SWAP_PARALLEL)), space);
            }
            long frames = c.getLong(MachineKeys.LINUX_MEMORY) / HostMemoryBudget.PAGE_BYTES;
            SwapPages pages = new SwapPages(frames, swapBytes, timing, device, time, budget);
            VirtualMemory vm = new VirtualMemory(pages);
            SwapMemory view = new SwapMemory(vm, pages);
            LinuxProcess process = LinuxProcess.load(spec, stats, time::now, vm, view, ResourceLimits.process(c));
            return new SwapMachine(pages, vm, process, fabric);
        } catch (IllegalArgumentException e) {
            throw new Machine.UserConfigException(e.getMessage());
        }
    }

    LinuxProcess process() {
        return process;
    }

    VirtualMemory virtualMemory() {
        return vm;
    }

    SwapPages pages() {
        return pages;
    }

    /**
     * Shootdowns reach the cores that run a thread of the process now, other than the one whose
     * turn it is (the reclaiming one): each is charged its IPI handlers and has its TLBs flushed.
     */
    void attachCores(Hart[] cores, Scheduler threads, CoreTime time, Clock clock) {
        pages.setOtherCores(new OtherCores() {
            @Override
            public int running() {
                int n = 0;
                for (Hart h : cores) {
                    if (h.id != time.core() && threads.current(h) != null) {
                        n++;
                    }
                }
                return n;
            }

            @Override
            public void interrupt(long ticks) {
                long cycles = clock.ticksToCycles(ticks);
                for (Hart h : cores) {
                    if (h.id != time.core() && threads.current(h) != null) {
                        h.addCycles(StallCause.TLB_SHOOTDOWN, cycles);
                        h.flushTranslations();
                        if (h.timing() != null) {
                            h.timing().flushDataTlb();
                        }
                    }
                }
            }
        });
    }

    /** The data TLB of every core, the walk costed as its three levels. */
    static void giveTlbs(Config c, Clock clock, Hart[] cores) {
        int entries = c.getInt(MachineKeys.TLB_ENTRIES);
        int ways = c.getInt(MachineKeys.TLB_WAYS);
        long walk = WALK_LEVELS * clock.ticksToCycles(c.getLong(MachineKeys.TLB_WALK_LEVEL));
        try {
            for (Hart h : cores) {
                h.timing().setDataTlb(entries, ways, walk);
            }
        } catch (IllegalArgumentException e) {
            throw new Machine.UserConfigException("tlb.entries / tlb.ways must be a power of two number of sets, got "
                    + entries + " entries in " + ways + " ways");
        }
    }

    void registerStats(StatsRegistry stats, Hart[] cores) {
        pages.registerStats(stats.group("swap", "the Linux machine's page faults, reclaim and swap device"));
        StatGroup tlb = stats.group("tlb", "the cores' data TLBs, summed");
        tlb.reading("misses", "accesses", "loads and stores whose page missed the TLB (a page-table walk)", () -> {
            long n = 0;
            for (Hart h : cores) {
                n += h.timing() == null ? 0 : h.timing().tlbMisses();
            }
            return n;
        });
        if (fabric != null) {
            fabric.registerStats(stats);
        }
    }
}
