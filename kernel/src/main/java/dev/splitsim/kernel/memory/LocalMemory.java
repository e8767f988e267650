package dev.splitsim.kernel.memory;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.kernel.Errno;
import dev.splitsim.kernel.process.RemoteServices;
import dev.splitsim.kernel.storage.FileCall;
import dev.splitsim.kernel.storage.FileService;
import java.util.List;

/**
 * The all-local machine's memory monitor: the same {@link VirtualMemory} the split machine's
 * memory monitors run, called in-process, with file mappings read from the in-process storage
 * monitor by the process's file id, as the split machine's monitor reads them with M2S_READ.
 */
public final class LocalMemory implements RemoteServices {
    private final int pid;
    private final VirtualMemory vm;
    private final FileService storage;
    private final byte[] program;
    private final FileCall read = new FileCall();
    private ProcessLoader.Image image;

    public LocalMemory(int pid, VirtualMemory vm, FileService storage, byte[] program) {
        this.pid = pid;
        this.vm = vm;
        this.storage = storage;
        this.program = program;
    }

    public VirtualMemory virtualMemory() {
        return vm;
    }

    @Override
    public long brk(long requested) {
        return vm.brk(requested);
    }

    @Override
    public long mmap(long addr, long length, int prot, int flags, long file, long offset, String name) {
        long r = vm.mmapCheck(length, offset, flags, file);
        if (r < 0) {
            return r;
        }
        if ((flags & VirtualMemory.MAP_ANONYMOUS) != 0) {
            return vm.mmapPlace(addr, length, prot, flags, name);
        }
        FileMapping m = new FileMapping(pid, file, addr, length, prot, flags, offset, name);
        while (true) {
            int n = m.nextLength();
            read.start(MessageType.P2S_READ).set("pid", pid).set("file", file).set("offset", m.nextOffset())
                    .set("length", n);
            storage.call(read);
            long result = m.arrived(vm, read.result(), read.replyData());
            if (result != FileMapping.MORE) {
                return result;
            }
        }
    }

    @Override
    public long munmap(long addr, long length) {
        return vm.munmap(addr, length);
    }

    @Override
    public long mprotect(long addr, long length, int prot) {
        return vm.mprotect(addr, length, prot);
    }

    @Override
    public long mremap(long old, long oldLen, long newLen, int flags) {
        return vm.mremap(old, oldLen, newLen, flags);
    }

    @Override
    public long execve(String execName, List<String> argv, List<String> env, long seed) {
        if (program == null) {
            return -Errno.ENOENT;
        }
        image = vm.exec(ElfFile.parse(program), argv, env, execName, seed);
        return 0;
    }

    @Override
    public long entry() {
        return image.entry();
    }

    @Override
    public long stackPointer() {
        return image.sp();
    }

    @Override
    public long brkStart() {
        return image.brk();
    }

    @Override
    public AreaRecords records() {
        return vm.records();
    }
}
