package dev.splitsim.kernel.memory;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.cpu.mem.PageProvider;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Builds a new process image the way Linux's ELF loader does for a static executable: segments
 * mapped with their permissions, the program break after the last one, and the initial stack of
 * argc, argv, envp and the auxiliary vector. It runs at the memory monitor, into the process's
 * {@link VirtualMemory}.
 */
public final class ProcessLoader {
    private ProcessLoader() {}

    /** Static-pie executables are placed here; a fixed base keeps runs reproducible. */
    public static final long PIE_BASE = 0x10_0000_0000L;
    public static final long STACK_TOP = 0x3f_ffff_f000L;
    public static final long STACK_SIZE = 8L << 20;
    public static final long MMAP_BASE = 0x20_0000_0000L;

    private static final int AT_NULL = 0;
    private static final int AT_PHDR = 3;
    private static final int AT_PHENT = 4;
    private static final int AT_PHNUM = 5;
    private static final int AT_PAGESZ = 6;
    private static final int AT_BASE = 7;
    private static final int AT_FLAGS = 8;
    private static final int AT_ENTRY = 9;
    private static final int AT_UID = 11;
    private static final int AT_EUID = 12;
    private static final int AT_GID = 13;
    private static final int AT_EGID = 14;
    private static final int AT_HWCAP = 16;
    private static final int AT_CLKTCK = 17;
    private static final int AT_SECURE = 23;
    private static final int AT_RANDOM = 25;
    private static final int AT_EXECFN = 31;
    /** The single-letter extensions I, M, A, F, D, C as Linux reports them in AT_HWCAP. */
    private static final long HWCAP = (1L << ('i' - 'a')) | (1L << ('m' - 'a')) | (1L << ('a' - 'a'))
            | (1L << ('f' - 'a')) | (1L << ('d' - 'a')) | (1L << ('c' - 'a'));

    /** What the loader decided: where execution starts, the stack pointer, and the initial break. */
    public record Image(long entry, long sp, long brk) {}

    /**
     * Why {@code elf} cannot be loaded into a process, or null when it can: every loadable segment
     * must lie inside the user address space once placed (the file itself was checked for
     * segments inside it, without wrap or overlap, when it was parsed).
     */
    public static String unfit(ElfFile elf) {
        long bias = bias(elf);
        List<ElfFile.Segment> segs = elf.segments();
        for (int i = 0; i < segs.size(); i++) {
            ElfFile.Segment s = segs.get(i);
            // Compared before the bias is added, so that a high address cannot wrap into range.
            if (s.type() == ElfFile.PT_LOAD && s.memSize() > 0
                    && (Long.compareUnsigned(s.vaddr(), VirtualMemory.USER_END) >= 0
                    || Long.compareUnsigned(s.memSize(), VirtualMemory.USER_END) > 0
                    || !VirtualMemory.userRange(s.vaddr() + bias, VirtualMemory.pageUp(s.memSize())))) {
                return String.format("segment %d at 0x%x..+0x%x lies outside the user address space (below 0x%x)",
                        i, s.vaddr() + bias, s.memSize(), VirtualMemory.USER_END);
            }
        }
        if (stackTop(elf) < 0) {
            return "its segments leave no room for the stack";
        }
        return null;
    }

    /**
     * Why argv and the environment cannot go onto a new stack, or null: Linux allows them a
     * quarter of the stack limit (E2BIG beyond), which keeps the strings inside the stack area.
     */
    public static String argumentsTooLarge(List<String> argv, List<String> env, String execName) {
        long bytes = execName.length() + 1L;
        for (List<String> list : List.of(argv, env)) {
            for (String s : list) {
                bytes += s.getBytes(StandardCharsets.UTF_8).length + 1L + 8;
            }
        }
        return bytes > STACK_SIZE / 4 ? "arguments and environment of " + bytes + " bytes, more than a quarter of the "
                + (STACK_SIZE >> 20) + " MiB stack (E2BIG)" : null;
    }

    private static long bias(ElfFile elf) {
        return elf.type() == ElfFile.ET_DYN ? PIE_BASE : 0;
    }

    /**
     * Where the stack ends: at {@link #STACK_TOP} unless a segment reaches into the stack's
     * range, as a segment with a huge bss may; then at the top of the user space, where Linux puts
     * it anyway. -1 when a segment is in the way there too.
     */
    private static long stackTop(ElfFile elf) {
        long top = STACK_TOP;
        for (long candidate : new long[] {STACK_TOP, VirtualMemory.USER_END - PageProvider.PAGE_SIZE}) {
            top = candidate;
            for (ElfFile.Segment s : elf.segments()) {
                long start = s.vaddr() + bias(elf);
                if (s.type() == ElfFile.PT_LOAD && s.memSize() > 0 && start < candidate
                        && VirtualMemory.pageUp(start + s.memSize()) > candidate - STACK_SIZE) {
                    top = -1;
                    break;
                }
            }
            if (top > 0) {
                return top;
            }
        }
        return -1;
    }

    /**
     * Maps the segments lazily: an area per segment, with only the file's bytes written, so a
     * segment's size costs nothing until its pages are touched. {@link #unfit} must have passed.
     */
    static Image load(ElfFile elf, VirtualMemory memory, List<String> argv, List<String> env, String execName,
            long seed) {
        String problem = unfit(elf);
        if (problem != null) {
            // The process monitor checked the same bytes before it asked for the image.
            throw new IllegalStateException("execve of an unfit program: " + problem);
        }
        long bias = bias(elf);
        long highest = 0;
        long phdr = -1;
        for (ElfFile.Segment s : elf.segments()) {
            if (s.type() == ElfFile.PT_PHDR) {
                phdr = s.vaddr() + bias;
            }
            if (s.type() != ElfFile.PT_LOAD || s.memSize() == 0) {
                continue;
            }
            long start = VirtualMemory.pageDown(s.vaddr() + bias);
            long end = VirtualMemory.pageUp(s.vaddr() + bias + s.memSize());
            int prot = ((s.flags() & ElfFile.PF_R) != 0 ? VirtualMemory.PROT_READ : 0)
                    | ((s.flags() & ElfFile.PF_W) != 0 ? VirtualMemory.PROT_WRITE : 0)
                    | ((s.flags() & ElfFile.PF_X) != 0 ? VirtualMemory.PROT_EXEC : 0);
            // As Linux does: the pages holding file bytes map the file, the rest of the bss is anonymous.
            long fileEnd = Math.max(start, Math.min(end, VirtualMemory.pageUp(s.vaddr() + bias + s.fileSize())));
            mapKeepingShared(memory, start, fileEnd, prot, true, "[elf]");
            mapKeepingShared(memory, fileEnd, end, prot, false, "[bss]");
            if (s.fileSize() > 0) {
                memory.load(s.vaddr() + bias, elf.bytes(), (int) s.offset(), (int) s.fileSize());
            }
            if (phdr < 0 && s.offset() <= elf.programHeaderOffset()
                    && elf.programHeaderOffset() - s.offset() < s.fileSize()) {
                phdr = s.vaddr() + bias + (elf.programHeaderOffset() - s.offset());
            }
            highest = Math.max(highest, end);
        }
        long top = stackTop(elf);
        memory.mapStack(top - STACK_SIZE, STACK_SIZE);
        long entry = elf.entry() + bias;
        long sp = buildStack(memory, top, argv, env, execName, seed, entry, Math.max(phdr, 0), elf);
        return new Image(entry, sp, highest);
    }

    /** Two segments may share a page at their boundary: the page gets both permissions, keeping its bytes. */
    private static void mapKeepingShared(VirtualMemory memory, long start, long end, int prot, boolean file,
            String name) {
        if (start >= end) {
            return;
        }
        long from = start;
        Areas.Area first = memory.areas().areaAt(start);
        if (first != null) {
            memory.areas().widen(first, prot);
            from = start + PageProvider.PAGE_SIZE;
        }
        if (from < end) {
            memory.mapArea(from, end - from, prot, file, name);
        }
    }

    private static long buildStack(VirtualMemory memory, long stackTop, List<String> argv, List<String> env,
            String execName, long seed, long entry, long phdr, ElfFile elf) {
        long top = stackTop;
        long[] argvAt = new long[argv.size()];
        long[] envAt = new long[env.size()];
        top = pushString(memory, top, execName);
        long execFnAt = top;
        for (int i = env.size() - 1; i >= 0; i--) {
            top = pushString(memory, top, env.get(i));
            envAt[i] = top;
        }
        for (int i = argv.size() - 1; i >= 0; i--) {
            top = pushString(memory, top, argv.get(i));
            argvAt[i] = top;
        }
        byte[] random = new byte[16];
        SplittableRandom rng = new SplittableRandom(seed ^ 0x5eed_a7a7_d0d0L);
        for (int i = 0; i < 16; i++) {
            random[i] = (byte) rng.nextInt(256);
        }
        top -= 16;
        memory.load(top, random, 0, 16);
        long randomAt = top;
        long[][] aux = {
            {AT_PHDR, phdr}, {AT_PHENT, elf.programHeaderSize()}, {AT_PHNUM, elf.segments().size()},
            {AT_PAGESZ, PageProvider.PAGE_SIZE}, {AT_BASE, 0}, {AT_FLAGS, 0}, {AT_ENTRY, entry},
            {AT_UID, 0}, {AT_EUID, 0}, {AT_GID, 0}, {AT_EGID, 0}, {AT_HWCAP, HWCAP}, {AT_CLKTCK, 100},
            {AT_SECURE, 0}, {AT_RANDOM, randomAt}, {AT_EXECFN, execFnAt}, {AT_NULL, 0}};
        int words = 1 + argv.size() + 1 + env.size() + 1 + aux.length * 2;
        long sp = (top - 8L * words) & ~15L;
        ByteBuffer b = ByteBuffer.allocate(8 * words).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(argv.size());
        for (long a : argvAt) {
            b.putLong(a);
        }
        b.putLong(0);
        for (long e : envAt) {
            b.putLong(e);
        }
        b.putLong(0);
        for (long[] pair : aux) {
            b.putLong(pair[0]).putLong(pair[1]);
        }
        memory.load(sp, b.array(), 0, b.capacity());
        return sp;
    }

    private static long pushString(VirtualMemory memory, long top, String s) {
        byte[] bytes = (s + "\0").getBytes(StandardCharsets.UTF_8);
        long at = top - bytes.length;
        memory.load(at, bytes, 0, bytes.length);
        return at;
    }
}
