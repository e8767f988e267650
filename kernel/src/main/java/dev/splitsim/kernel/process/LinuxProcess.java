package dev.splitsim.kernel.process;

import static dev.splitsim.kernel.process.SyscallNames.*;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.core.host.GuestMemoryExhausted;
import dev.splitsim.core.host.HostMemoryBudget;
import dev.splitsim.core.stats.Counter;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.core.time.Clock;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.exec.UserTrapHandler;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.kernel.Errno;
import dev.splitsim.kernel.memory.LocalMemory;
import dev.splitsim.kernel.memory.ProcessLoader;
import dev.splitsim.kernel.memory.VirtualMemory;
import dev.splitsim.kernel.storage.FileService;
import dev.splitsim.kernel.storage.StorageMonitor;
import dev.splitsim.kernel.thread.GuestThread;
import dev.splitsim.kernel.thread.Scheduler;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * One Linux process under the process monitor: its address space, threads and process-level state,
 * and the system call table that hands each call by number to its group (files, memory, threads,
 * time, signals, system information), plus the faults of the cores its threads run on.
 */
public final class LinuxProcess implements UserTrapHandler {
    private static final int SIGILL = SignalCalls.SIGILL;
    private static final int SIGTRAP = SignalCalls.SIGTRAP;
    private static final int SIGBUS = SignalCalls.SIGBUS;
    private static final int SIGSEGV = SignalCalls.SIGSEGV;
    private static final int SIGXFSZ = SignalCalls.SIGXFSZ;

    /**
     * The first process's id, the only one on a machine that runs one; a process's id is also the
     * address-space id of its ExCache lines and of its page table at the memory components.
     */
    public static final int PID = 1;
    /** Where a static-pie executable is loaded: its symbols are relative to this. */
    public static final long PIE_BASE = ProcessLoader.PIE_BASE;

    private final ProcessSpec spec;
    private final int pid;
    /** What the harts read memory through: the ExCache on the split machine, the pages themselves locally. */
    private final PageProvider cpuMemory;
    private final AddressSpace memory;
    /** Pages of a call's buffer brought in ahead of it: a few lines, not more than the ExCache may hold. */
    private static final int BROUGHT_IN_PAGES = 8;
    /** Threads whose ecall slept on a fill of its buffer and has not run again yet. */
    private final java.util.Set<GuestThread> linesWaitedFor =
            java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>());
    private final LongSupplier nowTicks;
    private Consumer<SyscallRecord> syscallTrace;
    private StatsMarks statsMarks;
    private final StatGroup syscallStats;
    private final Counter reruns;
    private final Map<Integer, Counter> counters = new HashMap<>();
    /** Calls of each unsupported system call, by number: syscalls.unsupported.NAME. */
    private final Map<Integer, Counter> unsupportedCounters = new HashMap<>();
    private final long entry;
    private final long initialSp;
    private final FileCalls files;
    private final MemoryCalls memoryCalls;
    private final TimeCalls time;
    private final ThreadCalls threads;
    private final SignalCalls signals;
    private final InfoCalls info;
    private final GuestMemory guest;
    private final ProcMaps maps;
    /** The core whose system call or fault is being served. */
    private Hart hart;
    private Scheduler scheduler;
    private boolean finished;
    private int exitStatus;
    private GuestFault fault;
    private String stopMessage;
    /** rt_sigreturn put every register back: the system call's result must not overwrite a0. */
    private boolean registersRestored;
    private final ProcessLimits limits;
    /** The memory monitor's end; also what keeps a system call's replies while its thread sleeps on one. */
    private final RemoteServices remote;

    private LinuxProcess(ProcessSpec spec, int pid, StatsRegistry stats, LongSupplier nowTicks, PageProvider cpuMemory,
            AddressSpace memory, RemoteServices remote, FileService fileService, LongSupplier pagesTouched,
            ProcessLimits limits) {
        this.spec = spec;
        this.pid = pid;
        this.limits = limits;
        this.cpuMemory = cpuMemory;
        this.memory = memory;
        this.nowTicks = nowTicks;
        this.syscallStats = stats.group("syscalls", "system calls served by the process monitor, by name");
        // The process monitor checks the executable before the memory monitor builds its image.
        String unfit = ProcessLoader.unfit(ElfFile.read(spec.program()));
        if (unfit == null) {
            unfit = ProcessLoader.argumentsTooLarge(spec.argv(), spec.env(), spec.name());
        }
        if (unfit != null) {
            throw new LoadException(spec.program() + ": " + unfit);
        }
        long r;
        try {
            r = remote.execve(spec.name(), spec.argv(), spec.env(), spec.seed());
        } catch (GuestMemoryExhausted e) {
            throw new LoadException(spec.program() + ": does not fit in memory: " + e.getMessage());
        }
        if (r < 0) {
            throw new LoadException(spec.program() + ": execve failed (errno " + -r + ")");
        }
        memory.apply(remote.records());
        this.entry = remote.entry();
        this.initialSp = remote.stackPointer();
        this.guest = new GuestMemory(memory);
        Entropy entropy = new Entropy(spec.seed());
        this.maps = new ProcMaps(ElfFile.read(spec.program()), FileCalls.exePath(spec));
        this.files = new FileCalls(pid, this, guest, fileService, spec, new LocalFiles(guest, entropy),
                this::renderMaps);
        this.memoryCalls = new MemoryCalls(memory, remote, files, remote.brkStart(), maps);
        this.remote = remote;
        this.time = new TimeCalls(this, guest, nowTicks, spec.epochSeconds());
        this.signals = new SignalCalls(this, guest);
        this.threads = new ThreadCalls(this, guest, time, signals);
        this.info = new InfoCalls(guest, entropy, limits);
        StatGroup mem = stats.group("process", "the guest process");
        mem.reading("pages_touched", "pages", "pages of memory the guest has touched", pagesTouched);
        this.reruns = mem.counter("syscall_reruns", "calls",
                "system calls run again after their thread slept on a reply from another component");
    }

    /**
     * Loads the ELF of {@code spec}, builds its address space and initial stack, with its files at
     * an in-process storage monitor over {@code spec.root()} and its memory at an in-process memory
     * monitor; throws {@link LoadException}.
     */
    public static LinuxProcess load(ProcessSpec spec, StatsRegistry stats, LongSupplier nowTicks) {
        return load(spec, stats, nowTicks, HostMemoryBudget.unlimited(), ProcessLimits.NONE);
    }

    /** The all-local process with its pages in {@code budget}, within {@code limits}. */
    public static LinuxProcess load(ProcessSpec spec, StatsRegistry stats, LongSupplier nowTicks,
            HostMemoryBudget budget, ProcessLimits limits) {
        VirtualMemory vm = new VirtualMemory(new VirtualMemory.LocalPages(budget));
        return load(spec, stats, nowTicks, vm, vm, limits);
    }

    /**
     * A monolithic process whose memory monitor runs {@code vm} in-process, its cores and system
     * calls seeing the pages through {@code view} (the pages themselves, or a machine's swap path).
     */
    public static LinuxProcess load(ProcessSpec spec, StatsRegistry stats, LongSupplier nowTicks, VirtualMemory vm,
            PageProvider view, ProcessLimits limits) {
        byte[] program = ElfFile.read(spec.program()).bytes();
        StorageMonitor storage = StorageMonitor.inProcess(spec.root());
        storage.limitFileSize(limits.maxFileSize());
        storage.holdProgram(program);
        LocalMemory monitor = new LocalMemory(PID, vm, storage, program);
        return new LinuxProcess(spec, PID, stats, nowTicks, view, new AddressSpace(view), monitor, storage,
                vm::pagesTouched, limits);
    }

    /**
     * Loads process {@code pid} on the split machine: the harts see memory through {@code cpuMemory}
     * (the ExCache), the process monitor keeps {@code memory}'s mirror of the areas, and reaches the
     * memory monitor through {@code remote} and the storage monitor through {@code storage}.
     */
    public static LinuxProcess load(ProcessSpec spec, int pid, StatsRegistry stats, LongSupplier nowTicks,
            PageProvider cpuMemory, AddressSpace memory, RemoteServices remote, FileService storage,
            LongSupplier pagesTouched, ProcessLimits limits) {
        return new LinuxProcess(spec, pid, stats, nowTicks, cpuMemory, memory, remote, storage, pagesTouched, limits);
    }

    /** The process id, also its address space's id. */
    public int pid() {
        return pid;
    }

    /** The guest path of {@code spec}'s program: inside the sandbox its path there, else "/" and its file name. */
    public static String exePath(ProcessSpec spec) {
        return FileCalls.exePath(spec);
    }

    /** The process's memory as the hart sees it. */
    public PageProvider memory() {
        return cpuMemory;
    }

    /** /proc/self/maps now: the mirror's areas, with the names the process monitor knows. */
    private byte[] renderMaps() {
        return maps.render(memory.areas(), memoryCalls.brkStart(), memoryCalls.brkTop());
    }

    /** The process monitor's side of the process's memory: the mirror of its areas. */
    public AddressSpace addressSpace() {
        return memory;
    }

    /**
     * Puts the main thread on core 0 at the entry point, makes this process the trap handler of
     * every core, and schedules threads over them with {@code quantumTicks} per turn when others
     * wait and {@code switchTicks} per context switch.
     */
    public void attach(Hart[] cores, Clock clock, long quantumTicks, long switchTicks) {
        this.hart = cores[0];
        for (Hart h : cores) {
            h.setPrivilege(Hart.PRIV_U);
            h.setMisalignedAccessAllowed(true);
            h.setTimeSource(nowTicks);
            h.setUserTrapHandler(this);
        }
        cores[0].x[2] = initialSp;
        cores[0].pc = entry;
        scheduler = new Scheduler(cores, clock, quantumTicks, switchTicks, pid);
        scheduler.startMain();
        // A thread about to run user code on its core takes the signals that wait for it.
        scheduler.setTurnHook(h -> {
            hart = h;
            // A thread whose call has yet to run again takes its signals when the call is done.
            if (!remote.inCall(scheduler.current(h))) {
                inKernel(() -> signals.deliver(h));
            }
        });
        scheduler.setAlarms(signals.timers());
    }

    /** The process's threads and the cores they run on. */
    public Scheduler scheduler() {
        return scheduler;
    }

    /** The core whose system call or fault is being served. */
    Hart hart() {
        return hart;
    }

    boolean isOpen(int fd) {
        return files.isOpen(fd);
    }

    TimeCalls timeCalls() {
        return time;
    }

    /** Simulated time on the core making the system call. */
    long now() {
        return scheduler.nowTicks(hart.id);
    }

    public boolean finished() {
        return finished;
    }

    /** Non-null when the process monitor stopped the run (e.g. an unsupported syscall with --strict-syscalls). */
    public String stopMessage() {
        return stopMessage;
    }

    /** Stops the run from outside the guest (every thread is blocked for ever); see {@link #stopMessage}. */
    public void stop(String message) {
        stopMessage = message;
    }

    /** Non-null when a signal killed the guest. */
    public GuestFault fault() {
        return fault;
    }

    /** The guest's exit status, or 128 + signal after a fault. */
    public int exitStatus() {
        return exitStatus;
    }

    /** Runs {@code work} as the kernel's: its copies to and from guest memory wait for the lines they need. */
    private void inKernel(Runnable work) {
        scheduler.setInKernel(true);
        try {
            work.run();
        } finally {
            scheduler.setInKernel(false);
        }
    }

    @Override
    public void exception(Hart h, int cause, long tval) {
        hart = h;
        inKernel(() -> fault(h, cause, tval));
    }

    /** A fault of the thread on {@code h}: a sigreturn, a signal for its handler, or the end of the process. */
    private void fault(Hart h, int cause, long tval) {
        if ((cause == 1 || cause == 12) && h.pc == SignalCalls.SIGRETURN_ADDRESS) {
            // A handler returned: its frame is below sp.
            if (signals.sigreturn(h)) {
                signals.deliver(h);
                return;
            }
        }
        String reason;
        int signal;
        int code;
        long address = tval;
        switch (cause) {
            case 1: case 12: reason = "segmentation fault (instruction fetch from a non-executable address)";
                signal = SIGSEGV; code = segvCode(tval); break;
            case 5: case 13: reason = "segmentation fault (load from " + what(tval, AddressSpace.PROT_READ) + ")";
                signal = SIGSEGV; code = segvCode(tval); break;
            case 7: case 15: reason = "segmentation fault (store to " + what(tval, AddressSpace.PROT_WRITE) + ")";
                signal = SIGSEGV; code = segvCode(tval); break;
            case 2: reason = "illegal instruction"; signal = SIGILL; code = SignalCalls.ILL_ILLOPC; address = h.pc; break;
            case 0: case 4: case 6: reason = "bus error (misaligned atomic access)"; signal = SIGBUS;
                code = SignalCalls.BUS_ADRALN; break;
            case 3: reason = "breakpoint (ebreak)"; signal = SIGTRAP; code = SignalCalls.TRAP_BRKPT; address = h.pc; break;
            default: reason = "exception " + cause; signal = SIGSEGV; code = SignalCalls.SI_KERNEL; break;
        }
        // A handler the guest installed (and does not block) takes the fault; the frame resumes at the instruction.
        if (signals.caught(signal) && signals.deliverFault(h, signal, SignalCalls.faultInfo(signal, code, address))) {
            return;
        }
        long bits = h.instructionBitsAt(h.pc);
        fault = new GuestFault(reason, h.pc, cause == 2 ? h.pc : tval, (int) bits, signal);
        terminate(128 + signal);
    }

    /** SEGV_MAPERR for an address no area holds, SEGV_ACCERR for one without the permission. */
    private int segvCode(long address) {
        return memory.areaAt(address) == null ? SignalCalls.SEGV_MAPERR : SignalCalls.SEGV_ACCERR;
    }

    /**
     * The guest touched a page no memory could hold: the process ends with SIGBUS at the
     * instruction that needed it, as a process does whose page cannot be provided.
     */
    public void outOfMemory(Hart h, GuestMemoryExhausted e) {
        if (finished) {
            return;
        }
        hart = h;
        try {
            kill("bus error (out of memory: " + e.getMessage() + ")", h.pc, 0, SIGBUS);
        } catch (GuestMemoryExhausted again) {
            // Closing the files needed memory too: the process has ended all the same.
            h.stop();
        }
    }

    /** The process ends with {@code signal}, as a fault at {@code pc} would end it. */
    void kill(String reason, long pc, long address, int signal) {
        fault = new GuestFault(reason, pc, address, (int) hart.instructionBitsAt(pc), signal);
        terminate(128 + signal);
    }

    ProcessLimits limits() {
        return limits;
    }

    /**
     * A write found no room below a size limit ({@code key} names it): as in Linux, the call fails
     * with EFBIG and the thread gets SIGXFSZ, whose default action ends the process (reported as a
     * fault); ignored, or caught by a handler of the guest's, the program goes on.
     */
    long fileSizeExceeded(String key) {
        switch (signals.disposition(SIGXFSZ)) {
            case IGNORED:
                return -Errno.EFBIG;
            case CAUGHT:
                signals.sendToThread(scheduler.current(hart),
                        SignalCalls.info(SIGXFSZ, SignalCalls.SI_USER, 0, 0, 0), null);
                return -Errno.EFBIG;
            default:
                kill("file size limit exceeded (" + key + ")", hart.pc, 0, SIGXFSZ);
                return 0;
        }
    }

    private String what(long address, int needed) {
        dev.splitsim.kernel.memory.Areas.Area a = memory.areaAt(address);
        if (a == null) {
            return "unmapped address";
        }
        return needed == AddressSpace.PROT_WRITE ? "read-only memory" : "memory without read permission";
    }

    /** The process ends with {@code status}: its output is flushed and its stored files closed. */
    void terminate(int status) {
        // What the call has done cannot be done twice: the files close waiting on the spot.
        remote.endCall();
        exitStatus = status;
        finished = true;
        spec.stdout().flush();
        spec.stderr().flush();
        files.closeAll();
        hart.stop();
    }

    /** What the guest's statistics calls do; without it they are unsupported, as under Linux. */
    public void setStatsMarks(StatsMarks marks) {
        this.statsMarks = marks;
    }

    /**
     * The guest's region-of-interest call: {@code op} 0 resets the statistics, 1 dumps them as a
     * section named by the string at {@code name} (0: no name), 2 dumps and resets.
     */
    private long statsMark(long op, long name) {
        if (statsMarks == null) {
            return unsupported(SPLITSIM_STATS);
        }
        if (op < StatsMarks.RESET || op > StatsMarks.DUMP_RESET) {
            return -Errno.EINVAL;
        }
        String section = "";
        if (op != StatsMarks.RESET && name != 0) {
            byte[] text = new byte[GuestMemory.PATH_MAX];
            int n = guest.string(name, text);
            if (n < 0) {
                return n;
            }
            section = new String(text, 0, n, java.nio.charset.StandardCharsets.UTF_8);
        }
        if (op != StatsMarks.RESET) {
            statsMarks.dump(section);
        }
        if (op != StatsMarks.DUMP) {
            statsMarks.reset();
        }
        return 0;
    }

    /** Every system call from now on goes to {@code sink}; null stops it. */
    public void setSyscallTrace(Consumer<SyscallRecord> sink) {
        this.syscallTrace = sink;
    }

    /** Whether system calls are traced, i.e. whether they build records at all. */
    public boolean tracingSyscalls() {
        return syscallTrace != null;
    }

    @Override
    public void ecall(Hart h) {
        hart = h;
        long at = h.pc;
        long[] x = h.x;
        int n = (int) x[17];
        GuestThread caller = scheduler.current(h);
        // The entry is charged once a call, however often its ecall runs again.
        boolean broughtIn = caller != null && linesWaitedFor.remove(caller);
        if (broughtIn) {
            h.reenterSystemCall();
        }
        if (!bringInBuffer(h, caller, n)) {
            throw h.retryWhenWoken();
        }
        long tick = nowTicks.getAsLong();
        boolean again = remote.beginCall(caller, tick);
        long startTick = again ? remote.callStartTick() : tick;
        if (again && !broughtIn) {
            h.reenterSystemCall();
        }
        if (again) {
            reruns.inc();
        } else {
            count(n);
        }
        long[] args = syscallTrace == null ? null : new long[] {x[10], x[11], x[12], x[13], x[14], x[15]};
        long r;
        scheduler.setInKernel(true);
        try {
            r = dispatch(n, x[10], x[11], x[12], x[13], x[14], x[15]);
        } catch (IOException e) {
            r = -Errno.EIO;
        } finally {
            // Also when the thread now sleeps on a reply: the ecall runs again when it is in.
            scheduler.setInKernel(false);
        }
        remote.endCall();
        if (!finished && stopMessage == null && !registersRestored) {
            x[10] = r;
        }
        registersRestored = false;
        GuestThread t = scheduler.current(h);
        if (!finished && stopMessage == null && t != null) {
            if (t.state() == GuestThread.State.BLOCKED) {
                inKernel(() -> signals.checkWait(t));
            } else if (scheduler.running(h) && h.pc == at) {
                // The call is done: a handler's frame resumes after the ecall (its frame written
                // by the kernel, which waits for the lines it needs).
                h.pc += 4;
                inKernel(() -> signals.deliver(h));
            }
        }
        if (syscallTrace != null) {
            syscallTrace.accept(new SyscallRecord(h.id, at, startTick, nowTicks.getAsLong(), n, SyscallNames.name(n),
                    args, r));
        }
    }

    /**
     * Brings the user buffer call {@code n} copies first ({@link CallBuffers}) into the ExCache
     * while the thread may still sleep on a fill; false when it now sleeps on one, the ecall not
     * begun (it runs again, its entry not charged twice, when the line is in).
     */
    private boolean bringInBuffer(Hart h, GuestThread caller, int n) {
        if (caller == null || !CallBuffers.known(n) || !scheduler.maySleep(h)) {
            return true;
        }
        if (memory.bringIn(CallBuffers.address(n, h.x), CallBuffers.length(n, h.x), CallBuffers.access(n),
                BROUGHT_IN_PAGES)) {
            return true;
        }
        linesWaitedFor.add(caller);
        return false;
    }

    private void count(int n) {
        Counter c = counters.get(n);
        if (c == null) {
            c = syscallStats.counter(SyscallNames.name(n), "calls", "calls of " + SyscallNames.name(n));
            counters.put(n, c);
        }
        c.inc();
    }

    /** The system call table: Linux RISC-V numbers to their groups, arguments cast as the kernel takes them. */
    private long dispatch(int n, long a0, long a1, long a2, long a3, long a4, long a5) throws IOException {
        switch (n) {
            case READ: return files.read((int) a0, a1, a2);
            case WRITE: return files.write((int) a0, a1, a2);
            case READV: return files.vector((int) a0, a1, a2, false);
            case WRITEV: return files.vector((int) a0, a1, a2, true);
            case PREAD64: return files.pread((int) a0, a1, a2, a3);
            case PWRITE64: return files.pwrite((int) a0, a1, a2, a3);
            case OPENAT: return files.openat((int) a0, a1, (int) a2, (int) a3);
            case CLOSE: return files.close((int) a0);
            case LSEEK: return files.lseek((int) a0, a1, (int) a2);
            case FSTAT: return files.fstat((int) a0, a1);
            case NEWFSTATAT: return files.fstatat((int) a0, a1, a2, (int) a3);
            case STATX: return files.statx((int) a0, a1, (int) a2, a4);
            case GETDENTS64: return files.getdents((int) a0, a1, a2);
            case READLINKAT: return files.readlinkat((int) a0, a1, a2, a3);
            case IOCTL: return files.ioctl((int) a0, a1, a2);
            case UNLINKAT: return files.unlinkat((int) a0, a1, (int) a2);
            case MKDIRAT: return files.mkdirat((int) a0, a1, (int) a2);
            case RENAMEAT: case RENAMEAT2: return files.renameat((int) a0, a1, (int) a2, a3);
            case FACCESSAT: case FACCESSAT2: return files.faccessat((int) a0, a1, (int) a2);
            case GETCWD: return files.getcwd(a0, a1);
            case CHDIR: return files.chdir(a0);
            case FCHDIR: return files.fchdir((int) a0);
            case FCNTL: return files.fcntl((int) a0, (int) a1, a2);
            case DUP: return files.dup((int) a0, 0);
            case DUP3: return files.dup3((int) a0, (int) a1);
            case BRK: return memoryCalls.brk(a0);
            case MMAP: return memoryCalls.mmap(a0, a1, (int) a2, (int) a3, (int) a4, a5);
            case MUNMAP: return memoryCalls.munmap(a0, a1);
            case MPROTECT: return memoryCalls.mprotect(a0, a1, (int) a2);
            case MREMAP: return memoryCalls.mremap(a0, a1, a2, (int) a3);
            case MADVISE: return memoryCalls.madvise();
            case EXIT: return threads.exitThread((int) a0 & 0xff);
            case EXIT_GROUP: terminate((int) a0 & 0xff); return 0;
            case CLONE: return threads.clone(a0, a1, a2, a3, a4);
            case CLONE3: return -Errno.ENOSYS;
            case GETTID: return threads.gettid();
            case SET_TID_ADDRESS: return threads.setTidAddress(a0);
            case SET_ROBUST_LIST: return 0;
            case RSEQ: return -Errno.ENOSYS;
            case FUTEX: return threads.futex(a0, (int) a1, (int) a2, a3, a4, (int) a5);
            case SCHED_YIELD: return threads.yield();
            case SCHED_GETAFFINITY: return threads.affinity(a1, a2);
            case RISCV_FLUSH_ICACHE: return threads.flushInstructions();
            case CLOCK_GETTIME: return time.clockGettime((int) a0, a1);
            case CLOCK_GETRES: return time.clockGetres(a1);
            case GETTIMEOFDAY: return time.gettimeofday(a0);
            case NANOSLEEP: return time.sleep(0, 0, a0, a1, signals);
            case CLOCK_NANOSLEEP: return time.sleep((int) a0, (int) a1, a2, a3, signals);
            case SYSINFO: return time.sysinfo(a0);
            case GETRUSAGE: return time.getrusage((int) a0, a1);
            case RT_SIGACTION: return signals.sigaction((int) a0, a1, a2, a3);
            case RT_SIGPROCMASK: return signals.sigprocmask((int) a0, a1, a2, a3);
            case RT_SIGPENDING: return signals.sigpending(a0, a1);
            case RT_SIGSUSPEND: return signals.sigsuspend(a0, a1);
            case RT_SIGTIMEDWAIT: return signals.sigtimedwait(a0, a1, a2, a3);
            case RT_SIGRETURN: return sigreturn();
            case SIGALTSTACK: return signals.sigaltstack(a0, a1);
            case KILL: return signals.kill((int) a0, (int) a1);
            case TKILL: return signals.tgkill(-1, (int) a0, (int) a1);
            case TGKILL: return signals.tgkill((int) a0, (int) a1, (int) a2);
            case RT_SIGQUEUEINFO: return signals.sigqueueinfo((int) a0, 0, (int) a1, a2);
            case RT_TGSIGQUEUEINFO: return signals.sigqueueinfo((int) a0, (int) a1, (int) a2, a3);
            case SETITIMER: return signals.timers().setitimer(guest, now(), (int) a0, a1, a2);
            case GETITIMER: return signals.timers().getitimer(guest, now(), (int) a0, a1);
            case TIMER_CREATE: return signals.timers().create(guest, scheduler, (int) a0, a1, a2);
            case TIMER_SETTIME: return signals.timers().settime(guest, time, now(), (int) a0, (int) a1, a2, a3);
            case TIMER_GETTIME: return signals.timers().gettime(guest, now(), (int) a0, a1);
            case TIMER_GETOVERRUN: return signals.timers().overrun((int) a0);
            case TIMER_DELETE: return signals.timers().delete((int) a0);
            case PPOLL: return time.ppoll(a0, a1, a2, a3, a4, signals);
            case UNAME: return info.uname(a0);
            case GETRANDOM: return info.getrandom(a0, a1);
            case PRLIMIT64: return info.prlimit((int) a1, a2, a3);
            case GETRLIMIT: return info.prlimit((int) a0, 0, a1);
            case GETPID: return pid;
            case GETPPID: return 0;
            case GETUID: case GETEUID: case GETGID: case GETEGID: return 0;
            case SPLITSIM_STATS: return statsMark(a0, a1);
            default: return unsupported(n);
        }
    }

    /** rt_sigreturn made as a system call: the frame at sp puts every register back. */
    private long sigreturn() {
        if (!signals.sigreturn(hart)) {
            fault = new GuestFault("segmentation fault (bad signal frame)", hart.pc, hart.x[2],
                    (int) hart.instructionBitsAt(hart.pc), SIGSEGV);
            terminate(128 + SIGSEGV);
            return 0;
        }
        registersRestored = true;
        return 0;
    }

    /** An unknown call is -ENOSYS, counted by its name, or with --strict-syscalls stops the run. */
    long unsupported(int n) {
        Counter c = unsupportedCounters.get(n);
        if (c == null) {
            String name = SyscallNames.name(n);
            c = syscallStats.counter("unsupported." + name, "calls",
                    "calls of " + name + " answered -ENOSYS: the process monitor does not implement it");
            unsupportedCounters.put(n, c);
        }
        c.inc();
        if (spec.strictSyscalls()) {
            stopMessage = "unsupported system call " + SyscallNames.name(n) + " (" + n + ") at pc=0x"
                    + Long.toHexString(hart.pc);
            hart.stop();
        }
        return -Errno.ENOSYS;
    }
}
