package dev.splitsim.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.core.elf.ElfFile;
import dev.splitsim.core.event.EventQueue;
import dev.splitsim.devices.block.BlockDevice;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.FabricParams;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.kernel.Errno;
import dev.splitsim.kernel.process.AddressSpace;
import dev.splitsim.kernel.storage.FileCall;
import dev.splitsim.kernel.storage.StorageMonitor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The memory monitor serves every virtual-memory call from the request's header fields and data
 * alone, and its replies describe the areas well enough that a mirror built only from them equals
 * the monitor's own. With several memory components every byte is read back with a miss sent to
 * the owner of its region, so what the home did to a peer's region must have reached the peer in
 * a message.
 */
final class MemoryMonitorTest {
    private static final Path HELLO = Path.of("..", "programs", "bin", "hello");
    private static final int PID = 1;
    private static final int PAGE = 4096;

    @TempDir
    Path tmp;

    private final EventQueue events = new EventQueue();
    private Fabric fabric;
    private int cpu;
    private int memoryNode;
    private GlobalMemoryManager manager;
    private VirtualMemory vm;
    private StorageMonitor storage;
    /** The CPU side's mirror, fed only with replies. */
    private final AddressSpace mirror = new AddressSpace(null);
    private final AreaRecords records = new AreaRecords();
    private Message reply;
    private byte[] replyData;
    private long result;
    private long entry;
    private long stackPointer;
    private long brk;

    /** A CPU node, {@code components} memory components and a storage component on one fabric. */
    private void build(int components) throws IOException {
        fabric = new Fabric(new FabricParams(100_000, 180_000, 100_000, 525_000, 64_000_000_000L, 20_000_000_000L,
                520_000, 1_100_000, 64, 40_000_000_000L, 10_000, 100_000), events);
        cpu = fabric.addNode("pcomp0");
        List<MemoryComponent> list = new java.util.ArrayList<>();
        for (int i = 0; i < components; i++) {
            list.add(new MemoryComponent(i, "mcomp" + i, fabric.addNode("mcomp" + i), 64L << 20, 64,
                    new MemoryTiming(200_000, 10_000, 30_000, 80_000, 80_000), 2));
        }
        int storageNode = fabric.addNode("scomp0");
        manager = new GlobalMemoryManager(list, "round-robin");
        memoryNode = manager.home(PID).node();
        for (MemoryComponent c : list) {
            MemoryMonitor monitor = new MemoryMonitor(c, fabric, manager);
            if (c == manager.home(PID)) {
                vm = monitor.host(PID);
            }
            monitor.useStorage(new dev.splitsim.kernel.storage.StorageNamespace(List.of("scomp0"),
                    new int[] {storageNode}));
        }
        Path root = Files.createDirectories(tmp.resolve("root" + components)).toRealPath();
        Files.write(root.resolve("data.bin"), pattern(70_000));
        storage = StorageMonitor.onFabric(root, fabric, storageNode,
                new BlockDevice("ssd", 10_000_000, 10_000_000, 8_000_000_000L), 100_000);
        storage.holdProgram(Files.readAllBytes(HELLO));
        fabric.attach(cpu, (m, tick) -> {
            reply = m;
            replyData = java.util.Arrays.copyOf(m.data(), m.dataLength());
            if (m.type() == MessageType.M2P_VM_REPLY || m.type() == MessageType.M2P_EXECVE_REPLY) {
                result = m.get("result");
                records.copyFrom(m.data(), m.dataLength());
            }
            if (m.type() == MessageType.M2P_EXECVE_REPLY) {
                entry = m.get("entry");
                stackPointer = m.get("sp");
                brk = m.get("brk");
            }
        });
    }

    private static byte[] pattern(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 7 + 3);
        }
        return b;
    }

    private Message request(MessageType type) {
        return fabric.obtain(type, cpu, memoryNode).set("pid", PID);
    }

    /** Sends {@code m}, runs the fabric until its reply, applies the reply to the mirror; the result. */
    private long call(Message m) {
        reply = null;
        MessageType type = m.type();
        fabric.post(m, events.now());
        while (reply == null && events.runNext()) {
            // Until the answer is back.
        }
        // The request has gone back to the pool (and may be another message now).
        assertThat(reply).as("reply to " + type).isNotNull();
        assertThat(reply.type()).isEqualTo(type.reply());
        Message r = reply;
        if (r.type() == MessageType.M2P_VM_REPLY || r.type() == MessageType.M2P_EXECVE_REPLY) {
            mirror.apply(records);
        }
        fabric.handled(r, -1, events.now(), events.now());
        return result;
    }

    /** The page holding {@code vaddr} as a miss reads it from its region's owner. */
    private byte[] line(long vaddr) {
        Message m = fabric.obtain(MessageType.P2M_PCACHE_MISS, cpu, manager.owner(vaddr).node()).set("pid", PID)
                .set("vaddr", vaddr & -PAGE).set("length", PAGE).set("flags", 0);
        call(m);
        return replyData;
    }

    /** Writes one byte the way the CPU side does: a write-back of the whole page to its owner. */
    private void writeBack(long vaddr, byte value) {
        byte[] page = line(vaddr);
        page[(int) (vaddr % PAGE)] = value;
        Message m = fabric.obtain(MessageType.P2M_PCACHE_FLUSH, cpu, manager.owner(vaddr).node()).set("pid", PID)
                .set("vaddr", vaddr & -PAGE).set("length", PAGE);
        m.putData(page, 0, PAGE);
        call(m);
    }

    private long execve() {
        byte[] strings = ExecStrings.encode("hello", List.of("hello", "a"), List.of("X=1"));
        Message m = request(MessageType.P2M_EXECVE).set("argc", 2).set("envc", 1).set("name_length", 5)
                .set("seed", 7);
        m.putData(strings, 0, strings.length);
        return call(m);
    }

    private void assertMirrorMatches() {
        assertThat(mirror.areas().describe()).isEqualTo(vm.areas().describe()).isNotEmpty();
    }

    @ParameterizedTest(name = "{0} memory components")
    @ValueSource(ints = {1, 2, 3})
    void execveBuildsTheImageFromTheProgramsBytesAndTheRequestsStrings(int components) throws IOException {
        build(components);
        assertThat(execve()).isZero();
        ElfFile elf = ElfFile.read(HELLO);
        long bias = elf.type() == ElfFile.ET_DYN ? ProcessLoader.PIE_BASE : 0;
        assertThat(entry).isEqualTo(elf.entry() + bias);
        assertMirrorMatches();
        assertThat(vm.areas().areaAt(entry).prot() & VirtualMemory.PROT_EXEC).isNotZero();
        assertThat(vm.areas().areaAt(entry).file()).isTrue();
        assertThat(vm.areas().areaAt(ProcessLoader.STACK_TOP - 1).file()).isFalse();
        // argc, then argv[0] pointing at "hello" on the stack.
        byte[] top = line(stackPointer);
        assertThat(top[(int) (stackPointer % PAGE)]).isEqualTo((byte) 2);
        assertThat(vm.brkTop()).isEqualTo(brk).isPositive();
        // The image's pages in a peer's regions reached it in the update, acknowledged before the answer.
        assertThat(fabric.messages(MessageType.M2M_UPDATE)).isEqualTo(components - 1);
        assertThat(fabric.messages(MessageType.M2M_ACK)).isEqualTo(components - 1);
        if (components > 1) {
            assertThat(manager.owner(entry)).as("the code's region is a peer's").isNotSameAs(manager.home(PID));
        }
        byte[] code = line(entry);
        byte[] file = java.nio.file.Files.readAllBytes(HELLO);
        ElfFile.Segment text = elf.segments().stream()
                .filter(x -> x.type() == 1 && elf.entry() >= x.vaddr() && elf.entry() < x.vaddr() + x.fileSize())
                .findFirst().orElseThrow();
        long offset = elf.entry() - text.vaddr() + text.offset();
        assertThat(code[(int) (entry % PAGE)]).isEqualTo(file[(int) offset]);
    }

    @ParameterizedTest(name = "{0} memory components")
    @ValueSource(ints = {1, 2, 3})
    void brkMmapMprotectMremapMunmapAreServedFromTheirFields(int components) throws IOException {
        build(components);
        assertThat(execve()).isZero();
        long brk = vm.brkTop();
        assertThat(call(request(MessageType.P2M_BRK).set("brk", brk + 3 * PAGE + 5))).isEqualTo(brk + 3 * PAGE + 5);
        assertMirrorMatches();
        assertThat(call(request(MessageType.P2M_BRK).set("brk", brk + PAGE))).isEqualTo(brk + PAGE);
        assertMirrorMatches();

        long anon = VirtualMemory.MAP_ANONYMOUS | 2;
        long a = call(request(MessageType.P2M_MMAP).set("len", 2 * PAGE).set("prot", 3).set("flags", anon)
                .set("file", -1));
        assertThat(a).isEqualTo(ProcessLoader.MMAP_BASE);
        long b = call(request(MessageType.P2M_MMAP).set("len", PAGE).set("prot", 3).set("flags", anon).set("file", -1));
        assertThat(b).isEqualTo(a + 2 * PAGE);
        assertMirrorMatches();

        assertThat(call(request(MessageType.P2M_MPROTECT).set("addr", a).set("len", PAGE).set("prot", 1))).isZero();
        assertThat(mirror.areaAt(a).prot()).isEqualTo(1);
        assertThat(mirror.areaAt(a + PAGE).prot()).isEqualTo(3);
        assertMirrorMatches();
        assertThat(call(request(MessageType.P2M_MPROTECT).set("addr", a).set("len", 64 * PAGE).set("prot", 1)))
                .isEqualTo(-Errno.ENOMEM);

        // The area cannot grow where it is: it moves, and its bytes move with it at the memory side.
        writeBack(a + 10, (byte) 42);
        long moved = call(request(MessageType.P2M_MREMAP).set("old_addr", a).set("old_len", 2 * PAGE)
                .set("new_len", 8 * PAGE).set("flags", VirtualMemory.MREMAP_MAYMOVE));
        assertThat(moved).isNotEqualTo(a);
        assertThat(fabric.messages(MessageType.M2M_FETCH)).as("the old range's pages asked of every peer")
                .isEqualTo(components - 1);
        assertThat(line(moved)[10]).isEqualTo((byte) 42);
        assertThat(line(moved)[11]).isZero();
        assertThat(mirror.areaAt(a)).isNull();
        assertThat(records.attrs(records.count() - 1)).isEqualTo(AreaRecords.STORED);
        assertMirrorMatches();
        assertThat(call(request(MessageType.P2M_MREMAP).set("old_addr", b).set("old_len", PAGE)
                .set("new_len", 4 * PAGE).set("flags", 0))).isEqualTo(-Errno.ENOMEM);

        assertThat(call(request(MessageType.P2M_MUNMAP).set("addr", moved + PAGE).set("len", PAGE))).isZero();
        assertThat(mirror.areaAt(moved + PAGE)).isNull();
        assertThat(mirror.areaAt(moved)).isNotNull();
        assertMirrorMatches();
        assertThat(call(request(MessageType.P2M_MUNMAP).set("addr", moved + 1).set("len", PAGE)))
                .isEqualTo(-Errno.EINVAL);
    }

    @ParameterizedTest(name = "{0} memory components")
    @ValueSource(ints = {1, 2, 3})
    void aFileMappingsBytesComeFromTheStorageMonitorByTheProcesssFileId(int components) throws IOException {
        build(components);
        assertThat(execve()).isZero();
        FileCall open = new FileCall().start(MessageType.P2S_OPEN).set("pid", PID);
        byte[] path = "data.bin\0".getBytes(StandardCharsets.UTF_8);
        System.arraycopy(path, 0, open.data(path.length), 0, path.length);
        storage.call(open);
        long file = open.result();
        assertThat(file).isNotNegative();

        long readsBefore = fabric.messages(MessageType.M2S_READ);
        Message m = request(MessageType.P2M_MMAP).set("len", 20 * PAGE).set("prot", 1).set("flags", 2)
                .set("file", file);
        m.putData("data.bin".getBytes(StandardCharsets.UTF_8), 0, 8);
        long at = call(m);
        assertThat(at).isEqualTo(ProcessLoader.MMAP_BASE);
        // 70,000 bytes in two reads of at most 64 KiB.
        assertThat(fabric.messages(MessageType.M2S_READ) - readsBefore).isEqualTo(2);
        byte[] expected = pattern(70_000);
        for (int i = 0; i < 70_000; i += 997) {
            assertThat(line(at + i)[(int) ((at + i) % PAGE)]).as("byte %d", i).isEqualTo(expected[i]);
        }
        assertThat(line(at + 70_000)[(int) ((at + 70_000) % PAGE)]).isZero();
        assertThat(mirror.areaAt(at).file()).isTrue();
        assertMirrorMatches();

        assertThat(call(request(MessageType.P2M_MMAP).set("len", PAGE).set("prot", 1).set("flags", 2).set("file", -1)))
                .isEqualTo(-Errno.EBADF);
        assertThat(call(request(MessageType.P2M_MMAP).set("len", PAGE).set("prot", 1).set("flags", 2)
                .set("file", file + 5))).isEqualTo(-Errno.EBADF);
        assertThat(call(request(MessageType.P2M_MMAP).set("len", 0).set("prot", 1).set("flags", 2).set("file", file)))
                .isEqualTo(-Errno.EINVAL);
        assertMirrorMatches();
    }
}
