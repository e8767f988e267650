package dev.splitsim.kernel;

import static dev.splitsim.kernel.SyscallNames.*;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.core.stats.Counter;
import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.core.stats.StatsRegistry;
import dev.splitsim.cpu.exec.Hart;
import dev.splitsim.cpu.exec.UserTrapHandler;
import dev.splitsim.core.time.Clock;
import dev.splitsim.kernel.thread.GuestThread;
import dev.splitsim.kernel.thread.Scheduler;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.fabric.msg.MessageType;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.function.LongSupplier;

/**
 * One Linux process under the process monitor: its address space, files, threads, and the system
 * calls and faults of the cores its threads run on.
 */
public final class LinuxProcess implements UserTrapHandler {
    private static final int MAX_FILES = 1024;
    private static final int AT_FDCWD = -100;
    private static final long BRK_LIMIT = 1L << 30;
    /** CLOCK_REALTIME starts here (2026-01-01T00:00:00Z), so runs are reproducible. */
    private static final long REALTIME_EPOCH_SECONDS = 1_767_225_600L;
    private static final int SIGILL = 4;
    private static final int SIGTRAP = 5;
    private static final int SIGBUS = 7;
    private static final int SIGSEGV = 11;
    private static final int ETIMEDOUT = 110;
    private static final long CLONE_VM = 0x100, CLONE_THREAD = 0x10000, CLONE_SETTLS = 0x80000,
            CLONE_PARENT_SETTID = 0x100000, CLONE_CHILD_CLEARTID = 0x200000, CLONE_CHILD_SETTID = 0x1000000;
    private static final int FUTEX_WAIT = 0, FUTEX_WAKE = 1, FUTEX_REQUEUE = 3, FUTEX_CMP_REQUEUE = 4,
            FUTEX_WAKE_OP = 5, FUTEX_WAIT_BITSET = 9, FUTEX_WAKE_BITSET = 10;
    private static final int FUTEX_CLOCK_REALTIME = 256;
    private static final int FUTEX_BITSET_ALL = -1;

    private final ProcessSpec spec;
    /** The process id, also the address-space id of its ExCache lines. */
    public static final int PID = 1;

    private final AddressSpace memory;
    private final RemoteServices remote;
    /** Where a static-pie executable is loaded: its symbols are relative to this. */
    public static final long PIE_BASE = ProcessLoader.PIE_BASE;
    private final LongSupplier nowTicks;
    private java.util.function.Consumer<SyscallRecord> syscallTrace;
    private final StatGroup syscallStats;
    private final Map<Integer, Counter> counters = new HashMap<>();
    private final Set<Integer> unknown = new HashSet<>();
    private final OpenFile[] files = new OpenFile[MAX_FILES];
    private final Sandbox sandbox;
    private final SplittableRandom random;
    private final ProcessLoader.Image image;
    private long brkStart;
    private long brkTop;
    private long mmapNext = ProcessLoader.MMAP_BASE;
    /** The core whose system call or fault is being served. */
    private Hart hart;
    private Scheduler scheduler;
    private final byte[] word = new byte[4];
    private boolean finished;
    private int exitStatus;
    private GuestFault fault;
    private String stopMessage;

    private LinuxProcess(ProcessSpec spec, StatsRegistry stats, LongSupplier nowTicks, AddressSpace memory,
            RemoteServices remote) {
        this.spec = spec;
        this.memory = memory;
        this.remote = remote;
        this.nowTicks = nowTicks;
        this.syscallStats = stats.group("syscalls", "system calls served by the process monitor, by name");
        ElfFile elf = ElfFile.read(spec.program());
        try {
            this.sandbox = new Sandbox(spec.root());
        } catch (IOException e) {
            throw new LoadException("cannot use " + spec.root() + " as the guest's root folder: " + e.getMessage());
        }
        this.random = new SplittableRandom(spec.seed());
        this.image = ProcessLoader.load(elf, memory, spec.argv(), spec.env(), spec.name(), spec.seed());
        long strings = 0;
        for (String a : spec.argv()) {
            strings += a.length() + 1;
        }
        for (String e : spec.env()) {
            strings += e.length() + 1;
        }
        remote.execve(elf.bytes().length, strings + spec.name().length() + 1);
        this.brkStart = image.brk();
        this.brkTop = image.brk();
        files[0] = OpenFile.input(spec.stdin(), spec.stdinTty());
        files[1] = OpenFile.output(spec.stdout(), spec.stdoutTty());
        files[2] = OpenFile.output(spec.stderr(), spec.stderrTty());
        StatGroup mem = stats.group("process", "the guest process");
        mem.reading("pages_touched", "pages", "pages of memory the guest has touched", memory::pagesTouched);
    }

    /** Loads the ELF of {@code spec}, builds its address space and initial stack; throws {@link LoadException}. */
    public static LinuxProcess load(ProcessSpec spec, StatsRegistry stats, LongSupplier nowTicks) {
        return new LinuxProcess(spec, stats, nowTicks, new AddressSpace(), RemoteServices.LOCAL);
    }

    /**
     * Loads the process into {@code memory} (the split machine's address space at the memory
     * components), reaching the other components through {@code remote}.
     */
    public static LinuxProcess load(ProcessSpec spec, StatsRegistry stats, LongSupplier nowTicks, AddressSpace memory,
            RemoteServices remote) {
        return new LinuxProcess(spec, stats, nowTicks, memory, remote);
    }

    /** The process's memory as the hart sees it. */
    public PageProvider memory() {
        return memory;
    }

    /** The process's virtual memory areas and pages. */
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
        cores[0].x[2] = image.sp();
        cores[0].pc = image.entry();
        scheduler = new Scheduler(cores, clock, quantumTicks, switchTicks, PID);
        scheduler.startMain();
    }

    /** The process's threads and the cores they run on. */
    public Scheduler scheduler() {
        return scheduler;
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

    @Override
    public void exception(Hart h, int cause, long tval) {
        hart = h;
        String reason;
        int signal;
        switch (cause) {
            case 1: case 12: reason = "segmentation fault (instruction fetch from a non-executable address)";
                signal = SIGSEGV; break;
            case 5: case 13: reason = "segmentation fault (load from " + what(tval, AddressSpace.PROT_READ) + ")";
                signal = SIGSEGV; break;
            case 7: case 15: reason = "segmentation fault (store to " + what(tval, AddressSpace.PROT_WRITE) + ")";
                signal = SIGSEGV; break;
            case 2: reason = "illegal instruction"; signal = SIGILL; break;
            case 0: case 4: case 6: reason = "bus error (misaligned atomic access)"; signal = SIGBUS; break;
            case 3: reason = "breakpoint (ebreak)"; signal = SIGTRAP; break;
            default: reason = "exception " + cause; signal = SIGSEGV; break;
        }
        long bits = h.instructionBitsAt(h.pc);
        fault = new GuestFault(reason, h.pc, cause == 2 ? h.pc : tval, (int) bits, signal);
        terminate(128 + signal);
    }

    private String what(long address, int needed) {
        AddressSpace.Area a = memory.areaAt(address);
        if (a == null) {
            return "unmapped address";
        }
        return needed == AddressSpace.PROT_WRITE ? "read-only memory" : "memory without read permission";
    }

    private void terminate(int status) {
        exitStatus = status;
        finished = true;
        spec.stdout().flush();
        spec.stderr().flush();
        hart.stop();
    }

    /** Every system call from now on goes to {@code sink}; null stops it. */
    public void setSyscallTrace(java.util.function.Consumer<SyscallRecord> sink) {
        this.syscallTrace = sink;
    }

    /** Whether system calls are traced, i.e. whether they build records at all. */
    public boolean tracingSyscalls() {
        return syscallTrace != null;
    }

    @Override
    public void ecall(Hart h) {
        hart = h;
        long[] x = h.x;
        int n = (int) x[17];
        count(n);
        long startTick = syscallTrace == null ? 0 : nowTicks.getAsLong();
        long[] args = syscallTrace == null ? null : new long[] {x[10], x[11], x[12], x[13], x[14], x[15]};
        long r;
        boolean hostFile = isHostFile((int) x[10]);
        scheduler.setInKernel(true);
        try {
            r = dispatch(n, x[10], x[11], x[12], x[13], x[14], x[15]);
        } catch (IOException e) {
            r = -Errno.EIO;
        }
        if (remote != RemoteServices.LOCAL) {
            chargeRemote(n, hostFile, x[11], x[12], r);
        }
        scheduler.setInKernel(false);
        if (!finished && stopMessage == null) {
            x[10] = r;
        }
        if (syscallTrace != null) {
            syscallTrace.accept(new SyscallRecord(h.id, h.pc, startTick, nowTicks.getAsLong(), n, SyscallNames.name(n),
                    args, r));
        }
    }

    private boolean isHostFile(int fd) {
        OpenFile f = file(fd);
        return f != null && f.channel != null;
    }

    /**
     * In the split machine, the calls that leave the CPU component: virtual memory to the home
     * memory component, files to the storage monitor (the console stays on the CPU component).
     */
    private void chargeRemote(int n, boolean hostFile, long a1, long a2, long r) {
        long done = Math.max(0, r);
        switch (n) {
            case BRK: remote.memoryCall(MessageType.P2M_BRK, 0); break;
            case MMAP: remote.memoryCall(MessageType.P2M_MMAP, hostFile ? 64 : 0); break;
            case MUNMAP: remote.memoryCall(MessageType.P2M_MUNMAP, 0); break;
            case MPROTECT: remote.memoryCall(MessageType.P2M_MPROTECT, 0); break;
            case MREMAP: remote.memoryCall(MessageType.P2M_MREMAP, 0); break;
            case OPENAT: remote.storageCall(MessageType.P2S_OPEN, 64, 0, 0, false); break;
            case CLOSE: if (hostFile) { remote.storageCall(MessageType.P2S_CLOSE, 0, 0, 0, false); } break;
            case READ: case READV: case PREAD64:
                if (hostFile) {
                    remote.storageCall(MessageType.P2S_READ, 0, done, done, false);
                }
                break;
            case WRITE: case WRITEV: case PWRITE64:
                if (hostFile) {
                    remote.storageCall(MessageType.P2S_WRITE, done, 0, done, true);
                }
                break;
            case FSTAT: if (hostFile) { remote.storageCall(MessageType.P2S_STAT, 0, 128, 0, false); } break;
            case NEWFSTATAT: case STATX: remote.storageCall(MessageType.P2S_STAT, 64, 256, 0, false); break;
            case GETDENTS64: if (hostFile) { remote.storageCall(MessageType.P2S_READDIR, 0, done, 0, false); } break;
            case UNLINKAT: case MKDIRAT: case RENAMEAT: case RENAMEAT2: case READLINKAT: case FACCESSAT:
            case FACCESSAT2: case CHDIR:
                remote.storageCall(MessageType.P2S_NAMESPACE, 64, 8, 0, false);
                break;
            default: break;
        }
    }

    private void count(int n) {
        Counter c = counters.get(n);
        if (c == null) {
            c = syscallStats.counter(SyscallNames.name(n), "calls", "calls of " + SyscallNames.name(n));
            counters.put(n, c);
        }
        c.inc();
    }

    private long dispatch(int n, long a0, long a1, long a2, long a3, long a4, long a5) throws IOException {
        switch (n) {
            case READ: return read((int) a0, a1, a2);
            case WRITE: return write((int) a0, a1, a2);
            case READV: return vector((int) a0, a1, (int) a2, false);
            case WRITEV: return vector((int) a0, a1, (int) a2, true);
            case PREAD64: return positioned((int) a0, a1, a2, a3, false);
            case PWRITE64: return positioned((int) a0, a1, a2, a3, true);
            case OPENAT: return openat((int) a0, a1, (int) a2);
            case CLOSE: return close((int) a0);
            case LSEEK: return lseek((int) a0, a1, (int) a2);
            case FSTAT: return fstat((int) a0, a1);
            case NEWFSTATAT: return fstatat((int) a0, a1, a2, (int) a3);
            case EXIT: return exitThread((int) a0 & 0xff);
            case EXIT_GROUP: terminate((int) a0 & 0xff); return 0;
            case BRK: return brk(a0);
            case MMAP: return mmap(a0, a1, (int) a2, (int) a3, (int) a4, a5);
            case MUNMAP: return munmap(a0, a1);
            case MPROTECT: return memory.protect(a0, a1, (int) a2 & 7) ? 0 : -Errno.ENOMEM;
            case MREMAP: return mremap(a0, a1, a2, (int) a3);
            case MADVISE: return 0;
            case UNAME: return uname(a0);
            case GETPID: return PID;
            case GETTID: return thread().tid;
            case SET_TID_ADDRESS: thread().clearChildTid = a0; return thread().tid;
            case CLONE: return clone(a0, a1, a2, a3, a4);
            case CLONE3: return -Errno.ENOSYS;
            case RISCV_FLUSH_ICACHE: scheduler.flushInstructions(); return 0;
            case GETPPID: return 0;
            case GETUID: case GETEUID: case GETGID: case GETEGID: return 0;
            case SET_ROBUST_LIST: return 0;
            case PRLIMIT64: return prlimit((int) a1, a3);
            case GETRLIMIT: return prlimit((int) a0, a1);
            case GETRANDOM: return getrandom(a0, a1);
            case CLOCK_GETTIME: return clockGettime((int) a0, a1);
            case GETTIMEOFDAY: return gettimeofday(a0);
            case CLOCK_GETRES: return putLongs(a1, 0, 1);
            case READLINKAT: return readlinkat(a1, a2, a3);
            case IOCTL: return ioctl((int) a0, a1, a2);
            case RT_SIGACTION: return a2 != 0 ? zero(a2, 32) : 0;
            case RT_SIGPROCMASK: return a2 != 0 ? zero(a2, 8) : 0;
            case SIGALTSTACK: return a1 != 0 ? zero(a1, 24) : 0;
            case UNLINKAT: return unlinkat(a1, (int) a2);
            case MKDIRAT: return mkdirat(a1);
            case RENAMEAT: case RENAMEAT2: return renameat(a1, a3);
            case FACCESSAT: case FACCESSAT2: return faccessat(a1);
            case GETCWD: return getcwd(a0, a1);
            case CHDIR: return chdir(a0);
            case NANOSLEEP: return sleep(0, 0, a0);
            case CLOCK_NANOSLEEP: return sleep((int) a0, (int) a1, a2);
            case SCHED_YIELD: scheduler.yield(hart); return 0;
            case SCHED_GETAFFINITY: return affinity(a1, a2);
            case SYSINFO: return sysinfo(a0);
            case GETRUSAGE: return getrusage((int) a0, a1);
            case FCNTL: return fcntl((int) a0, (int) a1, a2);
            case DUP: return dup((int) a0, 0);
            case DUP3: return dup3((int) a0, (int) a1);
            case FUTEX: return futex(a0, (int) a1, (int) a2, a3, a4, (int) a5);
            case TGKILL: terminate(128 + (int) a2); return 0;
            case GETDENTS64: return getdents((int) a0, a1, a2);
            case RSEQ: return -Errno.ENOSYS;
            case STATX: return statx((int) a0, a1, (int) a2, a4);
            default: return unsupported(n);
        }
    }

    private long unsupported(int n) {
        unknown.add(n);
        if (spec.strictSyscalls()) {
            stopMessage = "unsupported system call " + SyscallNames.name(n) + " (" + n + ") at pc=0x"
                    + Long.toHexString(hart.pc);
            hart.stop();
        }
        return -Errno.ENOSYS;
    }

    private OpenFile file(int fd) {
        return fd >= 0 && fd < MAX_FILES ? files[fd] : null;
    }

    private long read(int fd, long buf, long len) throws IOException {
        OpenFile f = file(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        byte[] tmp = new byte[(int) Math.min(Math.max(len, 0), 1 << 20)];
        int got = f.read(tmp, tmp.length);
        if (got > 0 && !memory.write(buf, tmp, 0, got)) {
            return -Errno.EFAULT;
        }
        return got;
    }

    private long write(int fd, long buf, long len) throws IOException {
        OpenFile f = file(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (len < 0 || len > (1 << 30)) {
            return -Errno.EINVAL;
        }
        byte[] tmp = new byte[(int) len];
        if (!memory.read(buf, tmp, 0, tmp.length)) {
            return -Errno.EFAULT;
        }
        return f.write(tmp, tmp.length);
    }

    private long vector(int fd, long iov, int count, boolean out) throws IOException {
        long total = 0;
        for (int i = 0; i < count; i++) {
            long base = peekLong(iov + 16L * i);
            long len = peekLong(iov + 16L * i + 8);
            if (len == 0) {
                continue;
            }
            long r = out ? write(fd, base, len) : read(fd, base, len);
            if (r < 0) {
                return total > 0 ? total : r;
            }
            total += r;
            if (r < len) {
                break;
            }
        }
        return total;
    }

    private long positioned(int fd, long buf, long len, long offset, boolean out) throws IOException {
        OpenFile f = file(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (f.isStream()) {
            return -Errno.ESPIPE;
        }
        long saved = f.channel.position();
        f.channel.position(offset);
        long r = out ? write(fd, buf, len) : read(fd, buf, len);
        f.channel.position(saved);
        return r;
    }

    private long peekLong(long address) {
        byte[] b = new byte[8];
        if (!memory.read(address, b, 0, 8)) {
            return 0;
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).getLong();
    }

    private String string(long address) {
        StringBuilder sb = new StringBuilder();
        byte[] one = new byte[1];
        java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
        for (int i = 0; i < 4096; i++) {
            if (!memory.read(address + i, one, 0, 1)) {
                return null;
            }
            if (one[0] == 0) {
                return bytes.toString(StandardCharsets.UTF_8);
            }
            bytes.write(one[0]);
        }
        return sb.toString();
    }

    private long putLongs(long address, long... values) {
        ByteBuffer b = ByteBuffer.allocate(8 * values.length).order(ByteOrder.LITTLE_ENDIAN);
        for (long v : values) {
            b.putLong(v);
        }
        return memory.write(address, b.array(), 0, b.capacity()) ? 0 : -Errno.EFAULT;
    }

    private long zero(long address, int length) {
        return memory.write(address, new byte[length], 0, length) ? 0 : -Errno.EFAULT;
    }

    private int freeFd(int from) {
        for (int fd = from; fd < MAX_FILES; fd++) {
            if (files[fd] == null) {
                return fd;
            }
        }
        return -1;
    }

    private long openat(int dirfd, long pathAddr, int flags) throws IOException {
        String guest = string(pathAddr);
        if (guest == null) {
            return -Errno.EFAULT;
        }
        Path p = sandbox.resolve(guest);
        if (p == null) {
            return -Errno.EACCES;
        }
        int fd = freeFd(3);
        if (fd < 0) {
            return -24; // EMFILE
        }
        if (Files.isDirectory(p)) {
            if ((flags & 3) != 0) {
                return -Errno.EISDIR;
            }
            files[fd] = OpenFile.file(null, p, false);
            return fd;
        }
        if ((flags & 0x10000) != 0) {
            return -Errno.ENOTDIR;
        }
        List<OpenOption> options = new ArrayList<>();
        int mode = flags & 3;
        options.add(StandardOpenOption.READ);
        if (mode != 0) {
            options.add(StandardOpenOption.WRITE);
        }
        if ((flags & 0x40) != 0) {
            options.add((flags & 0x80) != 0 ? StandardOpenOption.CREATE_NEW : StandardOpenOption.CREATE);
        }
        if ((flags & 0x200) != 0 && mode != 0) {
            options.add(StandardOpenOption.TRUNCATE_EXISTING);
        }
        try {
            FileChannel ch = FileChannel.open(p, options.toArray(new OpenOption[0]));
            files[fd] = OpenFile.file(ch, p, (flags & 0x400) != 0);
            return fd;
        } catch (NoSuchFileException e) {
            return -Errno.ENOENT;
        } catch (FileAlreadyExistsException e) {
            return -Errno.EEXIST;
        } catch (java.nio.file.AccessDeniedException e) {
            return -Errno.EACCES;
        }
    }

    private long close(int fd) throws IOException {
        OpenFile f = file(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        files[fd] = null;
        for (OpenFile other : files) {
            if (other == f) {
                return 0;
            }
        }
        f.close();
        return 0;
    }

    private long lseek(int fd, long offset, int whence) throws IOException {
        OpenFile f = file(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (f.isStream() || f.channel == null) {
            return -Errno.ESPIPE;
        }
        long base = whence == 0 ? 0 : whence == 1 ? f.channel.position() : whence == 2 ? f.channel.size() : -1;
        if (base < 0 || base + offset < 0) {
            return -Errno.EINVAL;
        }
        f.channel.position(base + offset);
        return base + offset;
    }

    private long fstat(int fd, long buf) throws IOException {
        OpenFile f = file(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (f.path == null) {
            // Standard streams: a terminal is a character device, anything else a pipe.
            return writeStat(buf, f.terminal ? 0020620 : 0010600, 0, 0, 1024);
        }
        return statPath(f.path, buf);
    }

    private long fstatat(int dirfd, long pathAddr, long buf, int flags) throws IOException {
        String guest = string(pathAddr);
        if (guest == null) {
            return -Errno.EFAULT;
        }
        if (guest.isEmpty() && (flags & 0x1000) != 0) {
            return fstat(dirfd, buf);
        }
        Path p = sandbox.resolve(guest);
        return p == null ? -Errno.EACCES : statPath(p, buf);
    }

    private long statPath(Path p, long buf) throws IOException {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(p, BasicFileAttributes.class);
        } catch (NoSuchFileException e) {
            return -Errno.ENOENT;
        }
        int mode = a.isDirectory() ? 0040755 : 0100644;
        long ino = a.fileKey() != null ? a.fileKey().hashCode() & 0xffffffL : 1;
        return writeStat(buf, mode, a.size(), a.lastModifiedTime().toMillis() / 1000, ino);
    }

    private long writeStat(long buf, int mode, long size, long mtime, long ino) {
        ByteBuffer b = ByteBuffer.allocate(128).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, 1).putLong(8, ino).putInt(16, mode).putInt(20, 1).putLong(48, size).putInt(56, 4096)
                .putLong(64, (size + 511) / 512).putLong(72, mtime).putLong(88, mtime).putLong(104, mtime);
        return memory.write(buf, b.array(), 0, 128) ? 0 : -Errno.EFAULT;
    }

    /** statx fills the subset of struct statx that stat has, and says so in stx_mask. */
    private long statx(int dirfd, long pathAddr, int flags, long buf) throws IOException {
        String guest = string(pathAddr);
        if (guest == null) {
            return -Errno.EFAULT;
        }
        Path p;
        int mode;
        long size = 0;
        long mtime = 0;
        if (guest.isEmpty() && (flags & 0x1000) != 0) {
            OpenFile f = file(dirfd);
            if (f == null) {
                return -Errno.EBADF;
            }
            p = f.path;
            mode = f.terminal ? 0020620 : 0010600;
        } else {
            p = sandbox.resolve(guest);
            if (p == null) {
                return -Errno.EACCES;
            }
            mode = 0;
        }
        if (p != null) {
            BasicFileAttributes a;
            try {
                a = Files.readAttributes(p, BasicFileAttributes.class);
            } catch (NoSuchFileException e) {
                return -Errno.ENOENT;
            }
            mode = a.isDirectory() ? 0040755 : 0100644;
            size = a.size();
            mtime = a.lastModifiedTime().toMillis() / 1000;
        }
        ByteBuffer b = ByteBuffer.allocate(256).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(0, 0x7ff).putInt(4, 4096).putInt(16, 1).putShort(28, (short) mode).putLong(32, 1)
                .putLong(40, size).putLong(48, (size + 511) / 512).putLong(64, mtime).putLong(96, mtime)
                .putLong(112, mtime);
        return memory.write(buf, b.array(), 0, 256) ? 0 : -Errno.EFAULT;
    }

    private long brk(long requested) {
        if (requested < brkStart || requested > brkStart + BRK_LIMIT) {
            return brkTop;
        }
        long oldEnd = AddressSpace.pageUp(brkTop);
        long newEnd = AddressSpace.pageUp(requested);
        if (newEnd > oldEnd) {
            if (!memory.free(oldEnd, newEnd)) {
                return brkTop;
            }
            memory.map(oldEnd, newEnd - oldEnd, AddressSpace.PROT_READ | AddressSpace.PROT_WRITE, "[heap]");
        } else if (newEnd < oldEnd) {
            memory.unmap(newEnd, oldEnd - newEnd);
        }
        brkTop = requested;
        return brkTop;
    }

    private long mmap(long addr, long length, int prot, int flags, int fd, long offset) throws IOException {
        if (length <= 0 || (offset & (PageProvider.PAGE_SIZE - 1)) != 0) {
            return -Errno.EINVAL;
        }
        long size = AddressSpace.pageUp(length);
        boolean fixed = (flags & 0x10) != 0;
        boolean anonymous = (flags & 0x20) != 0;
        OpenFile f = anonymous ? null : file(fd);
        if (!anonymous && (f == null || f.channel == null)) {
            return -Errno.EBADF;
        }
        long start;
        if (fixed) {
            if ((addr & (PageProvider.PAGE_SIZE - 1)) != 0) {
                return -Errno.EINVAL;
            }
            start = addr;
        } else {
            start = findFree(size);
        }
        memory.map(start, size, prot & 7, anonymous ? "[anon]" : f.path.getFileName().toString());
        if (!anonymous) {
            long fileSize = f.channel.size();
            long n = Math.max(0, Math.min(length, fileSize - offset));
            byte[] data = new byte[(int) n];
            f.channel.read(ByteBuffer.wrap(data), offset);
            memory.poke(start, data, 0, data.length);
        }
        return start;
    }

    private long findFree(long size) {
        long at = mmapNext;
        while (!memory.free(at, at + size)) {
            at += PageProvider.PAGE_SIZE;
        }
        mmapNext = at + size;
        return at;
    }

    private long munmap(long addr, long length) {
        if ((addr & (PageProvider.PAGE_SIZE - 1)) != 0 || length <= 0) {
            return -Errno.EINVAL;
        }
        memory.unmap(addr, length);
        return 0;
    }

    private long mremap(long old, long oldLen, long newLen, int flags) {
        long oldSize = AddressSpace.pageUp(oldLen);
        long newSize = AddressSpace.pageUp(newLen);
        AddressSpace.Area area = memory.areaAt(old);
        if (area == null || (old & (PageProvider.PAGE_SIZE - 1)) != 0 || newLen <= 0) {
            return -Errno.EINVAL;
        }
        if (newSize <= oldSize) {
            if (newSize < oldSize) {
                memory.unmap(old + newSize, oldSize - newSize);
            }
            return old;
        }
        if (memory.free(old + oldSize, old + newSize)) {
            memory.map(old + oldSize, newSize - oldSize, area.prot, area.name);
            return old;
        }
        if ((flags & 1) == 0) {
            return -Errno.ENOMEM;
        }
        long target = findFree(newSize);
        memory.map(target, newSize, area.prot, area.name);
        byte[] copy = new byte[PageProvider.PAGE_SIZE];
        for (long off = 0; off < oldSize; off += PageProvider.PAGE_SIZE) {
            if (memory.read(old + off, copy, 0, copy.length)) {
                memory.poke(target + off, copy, 0, copy.length);
            }
        }
        memory.unmap(old, oldSize);
        return target;
    }

    private long uname(long buf) {
        String[] fields = {"Linux", "splitsim", "6.1.0", "#1 SMP splitsim", "riscv64", "(none)"};
        byte[] out = new byte[65 * 6];
        for (int i = 0; i < fields.length; i++) {
            byte[] s = fields[i].getBytes(StandardCharsets.US_ASCII);
            System.arraycopy(s, 0, out, 65 * i, s.length);
        }
        return memory.write(buf, out, 0, out.length) ? 0 : -Errno.EFAULT;
    }

    private long prlimit(int resource, long old) {
        if (old == 0) {
            return 0;
        }
        long infinity = -1L;
        return resource == 3 ? putLongs(old, ProcessLoader.STACK_SIZE, infinity) : putLongs(old, infinity, infinity);
    }

    private GuestThread thread() {
        return scheduler.current(hart);
    }

    /** Simulated time on the core making the system call. */
    private long now() {
        return scheduler.nowTicks(hart.id);
    }

    /** Threads only (CLONE_VM | CLONE_THREAD, as pthread_create asks); a fork-like clone is unsupported. */
    private long clone(long flags, long stack, long parentTid, long tls, long childTid) {
        if ((flags & (CLONE_VM | CLONE_THREAD)) != (CLONE_VM | CLONE_THREAD)) {
            return unsupported(CLONE);
        }
        GuestThread child = scheduler.spawn(hart, hart.pc + 4);
        Scheduler.setRegister(child, 10, 0);
        if (stack != 0) {
            Scheduler.setRegister(child, 2, stack);
        }
        if ((flags & CLONE_SETTLS) != 0) {
            Scheduler.setRegister(child, 4, tls);
        }
        if ((flags & CLONE_PARENT_SETTID) != 0) {
            putInt(parentTid, child.tid);
        }
        if ((flags & CLONE_CHILD_SETTID) != 0) {
            putInt(childTid, child.tid);
        }
        if ((flags & CLONE_CHILD_CLEARTID) != 0) {
            child.clearChildTid = childTid;
        }
        scheduler.start(child);
        return child.tid;
    }

    /** exit: one thread ends (its clear_child_tid word is zeroed and woken); the last one ends the process. */
    private long exitThread(int status) {
        GuestThread t = thread();
        if (scheduler.liveThreads() == 1) {
            terminate(status);
            return 0;
        }
        if (t.clearChildTid != 0 && putInt(t.clearChildTid, 0)) {
            scheduler.wakeFutex(t.clearChildTid, 1, FUTEX_BITSET_ALL, now());
        }
        scheduler.exit(hart);
        return 0;
    }

    /**
     * The futex operations glibc's mutexes, condition variables, barriers and joins use. The private
     * flag changes nothing: a process has one address space.
     */
    private long futex(long address, int op, int val, long timeout, long address2, int val3) {
        int cmd = op & 0x7f;
        long now = now();
        switch (cmd) {
            case FUTEX_WAIT: case FUTEX_WAIT_BITSET: {
                int bitset = cmd == FUTEX_WAIT ? FUTEX_BITSET_ALL : val3;
                if (bitset == 0 || (address & 3) != 0) {
                    return -Errno.EINVAL;
                }
                if (!readWord(address)) {
                    return -Errno.EFAULT;
                }
                if (wordValue() != val) {
                    return -Errno.EAGAIN;
                }
                long deadline = Scheduler.NEVER;
                if (timeout != 0) {
                    long ns = timespecNanos(timeout);
                    if (ns < 0) {
                        return ns;
                    }
                    deadline = cmd == FUTEX_WAIT ? after(now, ns)
                            : absoluteTick((op & FUTEX_CLOCK_REALTIME) != 0 ? 0 : 1, ns);
                    if (deadline <= now) {
                        return -ETIMEDOUT;
                    }
                }
                hart.pc += 4;
                scheduler.blockOnFutex(hart, address, bitset, deadline, -ETIMEDOUT);
                return 0;
            }
            case FUTEX_WAKE:
                return scheduler.wakeFutex(address, val, FUTEX_BITSET_ALL, now);
            case FUTEX_WAKE_BITSET:
                return val3 == 0 ? -Errno.EINVAL : scheduler.wakeFutex(address, val, val3, now);
            case FUTEX_REQUEUE: case FUTEX_CMP_REQUEUE: {
                if (cmd == FUTEX_CMP_REQUEUE) {
                    if (!readWord(address)) {
                        return -Errno.EFAULT;
                    }
                    if (wordValue() != val3) {
                        return -Errno.EAGAIN;
                    }
                }
                int woken = scheduler.wakeFutex(address, val, FUTEX_BITSET_ALL, now);
                // The requeue limit travels in the timeout argument's register.
                int limit = (int) Math.min(Math.max(timeout, 0), Integer.MAX_VALUE);
                return woken + scheduler.futexes().requeue(address, address2, limit);
            }
            case FUTEX_WAKE_OP:
                return wakeOp(address, val, (int) timeout, address2, val3, now);
            default:
                return -Errno.ENOSYS;
        }
    }

    /** FUTEX_WAKE_OP: update the second word, wake on the first, and on the second if its old value passes the test. */
    private long wakeOp(long address, int val, int val2, long address2, int encoded, long now) {
        if (!readWord(address2)) {
            return -Errno.EFAULT;
        }
        int old = wordValue();
        int oparg = (encoded << 8) >> 20;
        int cmparg = (encoded << 20) >> 20;
        if ((encoded & (8 << 28)) != 0) {
            oparg = 1 << (oparg & 31);
        }
        int updated;
        switch ((encoded >>> 28) & 7) {
            case 0: updated = oparg; break;
            case 1: updated = old + oparg; break;
            case 2: updated = old | oparg; break;
            case 3: updated = old & ~oparg; break;
            case 4: updated = old ^ oparg; break;
            default: return -Errno.ENOSYS;
        }
        if (!putInt(address2, updated)) {
            return -Errno.EFAULT;
        }
        int woken = scheduler.wakeFutex(address, val, FUTEX_BITSET_ALL, now);
        boolean pass;
        switch ((encoded >>> 24) & 15) {
            case 0: pass = old == cmparg; break;
            case 1: pass = old != cmparg; break;
            case 2: pass = old < cmparg; break;
            case 3: pass = old <= cmparg; break;
            case 4: pass = old > cmparg; break;
            case 5: pass = old >= cmparg; break;
            default: return -Errno.ENOSYS;
        }
        return pass ? woken + scheduler.wakeFutex(address2, val2, FUTEX_BITSET_ALL, now) : woken;
    }

    /** nanosleep and clock_nanosleep: the thread gives up its core until the deadline in simulated time. */
    private long sleep(int clock, int flags, long request) {
        long ns = timespecNanos(request);
        if (ns < 0) {
            return ns;
        }
        long now = now();
        long deadline = (flags & 1) != 0 ? absoluteTick(clock, ns) : after(now, ns);
        if (deadline <= now) {
            return 0;
        }
        hart.pc += 4;
        scheduler.block(hart, deadline, 0);
        return 0;
    }

    /** The tick {@code ns} nanoseconds after {@code tick}, saturating. */
    private static long after(long tick, long ns) {
        return ns >= (Scheduler.NEVER - tick) / 1000 ? Scheduler.NEVER - 1 : tick + ns * 1000;
    }

    /** The tick at which clock {@code clock} (0 realtime, else monotonic) reads {@code ns}. */
    private static long absoluteTick(int clock, long ns) {
        long sinceStart = clock == 0 ? ns - REALTIME_EPOCH_SECONDS * 1_000_000_000L : ns;
        return sinceStart <= 0 ? 0 : after(0, sinceStart);
    }

    /** A struct timespec in nanoseconds, or a negative errno. */
    private long timespecNanos(long address) {
        byte[] b = new byte[16];
        if (!memory.read(address, b, 0, 16)) {
            return -Errno.EFAULT;
        }
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        long sec = bb.getLong();
        long nsec = bb.getLong();
        if (sec < 0 || nsec < 0 || nsec >= 1_000_000_000L) {
            return -Errno.EINVAL;
        }
        return sec >= Long.MAX_VALUE / 1_000_000_000L ? Long.MAX_VALUE : sec * 1_000_000_000L + nsec;
    }

    private boolean readWord(long address) {
        return memory.read(address, word, 0, 4);
    }

    private int wordValue() {
        return (word[0] & 0xff) | (word[1] & 0xff) << 8 | (word[2] & 0xff) << 16 | (word[3] & 0xff) << 24;
    }

    private boolean putInt(long address, int value) {
        byte[] b = {(byte) value, (byte) (value >>> 8), (byte) (value >>> 16), (byte) (value >>> 24)};
        return memory.write(address, b, 0, 4);
    }

    /** sched_getaffinity: every configured core. */
    private long affinity(long size, long mask) {
        if (size < 8 || (size & 7) != 0) {
            return -Errno.EINVAL;
        }
        int n = scheduler.cores();
        return putLongs(mask, n >= 64 ? -1L : (1L << n) - 1) == 0 ? 8 : -Errno.EFAULT;
    }

    private long getrandom(long buf, long len) {
        byte[] out = new byte[(int) Math.min(Math.max(len, 0), 1 << 20)];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) random.nextInt(256);
        }
        return memory.write(buf, out, 0, out.length) ? out.length : -Errno.EFAULT;
    }

    private long nowNanos() {
        return nowTicks.getAsLong() / 1000;
    }

    private long clockGettime(int clock, long ts) {
        long ns = nowNanos();
        long realtime = clock == 0 ? REALTIME_EPOCH_SECONDS : 0;
        return putLongs(ts, realtime + ns / 1_000_000_000L, ns % 1_000_000_000L);
    }

    private long gettimeofday(long tv) {
        if (tv == 0) {
            return 0;
        }
        long ns = nowNanos();
        return putLongs(tv, REALTIME_EPOCH_SECONDS + ns / 1_000_000_000L, (ns % 1_000_000_000L) / 1000);
    }

    private long readlinkat(long pathAddr, long buf, long size) {
        String guest = string(pathAddr);
        if (guest == null) {
            return -Errno.EFAULT;
        }
        if (!guest.equals("/proc/self/exe")) {
            return -Errno.EINVAL;
        }
        byte[] name = exePath().getBytes(StandardCharsets.UTF_8);
        int n = (int) Math.min(name.length, size);
        return memory.write(buf, name, 0, n) ? n : -Errno.EFAULT;
    }

    /** The executable as the guest sees it: its path inside the sandbox, else "/" and its file name. */
    private String exePath() {
        Path program = spec.program().toAbsolutePath().normalize();
        Path root = spec.root().toAbsolutePath().normalize();
        if (program.startsWith(root)) {
            return "/" + root.relativize(program).toString().replace('\\', '/');
        }
        return "/" + program.getFileName();
    }

    private long ioctl(int fd, long request, long arg) {
        OpenFile f = file(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        if (request == 0x5401 || request == 0x5413) {
            if (!f.terminal) {
                return -Errno.ENOTTY;
            }
            return request == 0x5413 ? putLongs(arg, (80L << 16) | 24) : zero(arg, 60);
        }
        return -Errno.ENOTTY;
    }

    private long unlinkat(long pathAddr, int flags) throws IOException {
        Path p = guestPath(pathAddr);
        if (p == null) {
            return -Errno.EACCES;
        }
        boolean dir = Files.isDirectory(p);
        if (dir != ((flags & 0x200) != 0)) {
            return dir ? -Errno.EISDIR : -Errno.ENOTDIR;
        }
        try {
            Files.delete(p);
            return 0;
        } catch (NoSuchFileException e) {
            return -Errno.ENOENT;
        } catch (DirectoryNotEmptyException e) {
            return -Errno.ENOTEMPTY;
        }
    }

    private long mkdirat(long pathAddr) throws IOException {
        Path p = guestPath(pathAddr);
        if (p == null) {
            return -Errno.EACCES;
        }
        try {
            Files.createDirectory(p);
            return 0;
        } catch (FileAlreadyExistsException e) {
            return -Errno.EEXIST;
        } catch (NoSuchFileException e) {
            return -Errno.ENOENT;
        }
    }

    private long renameat(long fromAddr, long toAddr) throws IOException {
        Path from = guestPath(fromAddr);
        Path to = guestPath(toAddr);
        if (from == null || to == null) {
            return -Errno.EACCES;
        }
        try {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
            return 0;
        } catch (NoSuchFileException e) {
            return -Errno.ENOENT;
        }
    }

    private long faccessat(long pathAddr) {
        Path p = guestPath(pathAddr);
        if (p == null) {
            return -Errno.EACCES;
        }
        return Files.exists(p) ? 0 : -Errno.ENOENT;
    }

    private Path guestPath(long address) {
        String guest = string(address);
        return guest == null ? null : sandbox.resolve(guest);
    }

    private long getcwd(long buf, long size) {
        byte[] cwd = (sandbox.cwd() + "\0").getBytes(StandardCharsets.UTF_8);
        if (size < cwd.length) {
            return -34; // ERANGE
        }
        return memory.write(buf, cwd, 0, cwd.length) ? cwd.length : -Errno.EFAULT;
    }

    private long chdir(long pathAddr) {
        String guest = string(pathAddr);
        if (guest == null) {
            return -Errno.EFAULT;
        }
        Path p = sandbox.resolve(guest);
        if (p == null || !Files.isDirectory(p)) {
            return -Errno.ENOENT;
        }
        sandbox.chdir(guest);
        return 0;
    }

    private long sysinfo(long buf) {
        ByteBuffer b = ByteBuffer.allocate(112).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, nowNanos() / 1_000_000_000L).putLong(32, 1L << 32).putLong(40, 1L << 31).putInt(104, 1);
        return memory.write(buf, b.array(), 0, 112) ? 0 : -Errno.EFAULT;
    }

    /** All simulated time so far counts as user time; the machine has no other resource figures. */
    private long getrusage(int who, long buf) {
        if (who != 0 && who != -1 && who != 1) {
            return -Errno.EINVAL;
        }
        long ns = who == -1 ? 0 : nowNanos();
        ByteBuffer b = ByteBuffer.allocate(144).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0, ns / 1_000_000_000L).putLong(8, ns % 1_000_000_000L / 1000);
        return memory.write(buf, b.array(), 0, 144) ? 0 : -Errno.EFAULT;
    }

    private long fcntl(int fd, int cmd, long arg) {
        OpenFile f = file(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        switch (cmd) {
            case 0: case 1030: return dup(fd, (int) arg);
            case 1: case 2: case 4: return 0;
            case 3: return fd == 0 ? 0 : fd <= 2 ? 1 : 2;
            default: return -Errno.EINVAL;
        }
    }

    private long dup(int fd, int from) {
        OpenFile f = file(fd);
        if (f == null) {
            return -Errno.EBADF;
        }
        int to = freeFd(Math.max(from, 0));
        if (to < 0) {
            return -24;
        }
        files[to] = f;
        return to;
    }

    private long dup3(int fd, int to) throws IOException {
        OpenFile f = file(fd);
        if (f == null || to < 0 || to >= MAX_FILES || to == fd) {
            return f == null ? -Errno.EBADF : -Errno.EINVAL;
        }
        if (files[to] != null) {
            close(to);
        }
        files[to] = f;
        return to;
    }

    private long getdents(int fd, long buf, long size) throws IOException {
        OpenFile f = file(fd);
        if (f == null || f.path == null || f.channel != null) {
            return f == null ? -Errno.EBADF : -Errno.ENOTDIR;
        }
        if (f.consumed) {
            return 0;
        }
        List<String> names = new ArrayList<>(List.of(".", ".."));
        try (var s = Files.list(f.path)) {
            s.map(p -> p.getFileName().toString()).sorted().forEach(names::add);
        }
        ByteBuffer b = ByteBuffer.allocate((int) Math.min(size, 1 << 20)).order(ByteOrder.LITTLE_ENDIAN);
        long ino = 1;
        for (String name : names) {
            byte[] nb = name.getBytes(StandardCharsets.UTF_8);
            int reclen = (19 + nb.length + 1 + 7) & ~7;
            if (b.position() + reclen > b.capacity()) {
                return b.position() == 0 ? -Errno.EINVAL : flushDents(buf, b);
            }
            int at = b.position();
            boolean dir = name.equals(".") || name.equals("..") || Files.isDirectory(f.path.resolve(name));
            b.putLong(at, ino++).putLong(at + 8, ino).putShort(at + 16, (short) reclen).put(at + 18, (byte) (dir ? 4 : 8));
            for (int i = 0; i < nb.length; i++) {
                b.put(at + 19 + i, nb[i]);
            }
            b.position(at + reclen);
        }
        f.consumed = true;
        return flushDents(buf, b);
    }

    private long flushDents(long buf, ByteBuffer b) {
        int n = b.position();
        return memory.write(buf, b.array(), 0, n) ? n : -Errno.EFAULT;
    }
}
