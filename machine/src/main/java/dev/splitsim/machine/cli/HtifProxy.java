package dev.splitsim.machine.cli;

import dev.splitsim.cpu.mem.FlatMemory;
import dev.splitsim.cpu.mem.PageProvider;
import java.io.PrintStream;

/**
 * The host's side of HTIF for a bare-metal program, served as Spike's front end serves it. A
 * nonzero word in {@code tohost} is a request: device (bits 63..56), command (55..48), payload.
 * <ul>
 *   <li>device 0, bit 0 set: the program ends with status {@code value >> 1};
 *   <li>device 0, bit 0 clear: the payload is the address of a block of 64-bit words (riscv-tests'
 *       {@code magic_mem}) holding a system call number and its arguments; the result replaces the
 *       number. {@code write} (64) to descriptors 1 and 2 and {@code exit} (93) are served;
 *   <li>device 1, command 1: the payload's low byte goes to the console.
 * </ul>
 * The host clears {@code tohost} and answers in {@code fromhost}, which the program waits on.
 */
final class HtifProxy {
    /** What {@link #serve} returns while the program runs on. */
    static final long RUNNING = -1;

    private static final int SYS_WRITE = 64;
    private static final int SYS_EXIT = 93;
    private static final long EBADF = 9;
    private static final long EFAULT = 14;
    private static final int DEVICE_CONSOLE = 1;
    private static final int CONSOLE_PUTCHAR = 1;

    private final FlatMemory ram;
    private final long tohost;
    private final long fromhost;
    private final PrintStream out;
    private final PrintStream err;
    private long calls;
    private long bytesWritten;

    /** {@code fromhost} is -1 when the program has none: then it may only exit. */
    HtifProxy(FlatMemory ram, long tohost, long fromhost, PrintStream out, PrintStream err) {
        this.ram = ram;
        this.tohost = tohost;
        this.fromhost = fromhost;
        this.out = out;
        this.err = err;
    }

    /** Requests served, exits excluded. */
    long calls() {
        return calls;
    }

    /** Bytes the program wrote to the console and to descriptors 1 and 2. */
    long bytesWritten() {
        return bytesWritten;
    }

    /**
     * Serves the request waiting in {@code tohost}, if any: {@link #RUNNING}, or the program's exit
     * status. A request splitsim does not serve is the program's mistake, told with {@code pc}.
     */
    long serve(long pc) {
        long value = ram.readLong(tohost);
        if (value == 0) {
            return RUNNING;
        }
        int device = (int) (value >>> 56);
        int command = (int) (value >>> 48) & 0xff;
        long payload = value << 16 >>> 16;
        if (device == 0 && command == 0 && (payload & 1) != 0) {
            return payload >>> 1;
        }
        if (fromhost < 0) {
            throw new UserError(String.format("HTIF request 0x%x at pc=0x%x, but the program has no 'fromhost' "
                    + "symbol to be answered in", value, pc));
        }
        ram.writeLong(tohost, 0);
        calls++;
        if (device == 0 && command == 0) {
            return systemCall(payload, pc);
        }
        if (device == DEVICE_CONSOLE && command == CONSOLE_PUTCHAR) {
            out.write((int) payload & 0xff);
            bytesWritten++;
            ram.writeLong(fromhost, (long) DEVICE_CONSOLE << 56 | (long) CONSOLE_PUTCHAR << 48);
            return RUNNING;
        }
        throw new UserError(String.format("unsupported HTIF request 0x%x (device %d, command %d) at pc=0x%x", value,
                device, command, pc));
    }

    private long systemCall(long block, long pc) {
        if (!ram.contains(block, 32)) {
            throw new UserError(String.format("HTIF system call block at 0x%x (pc=0x%x) is outside RAM", block, pc));
        }
        long number = ram.readLong(block);
        long a0 = ram.readLong(block + 8);
        long a1 = ram.readLong(block + 16);
        long a2 = ram.readLong(block + 24);
        long result;
        if (number == SYS_WRITE) {
            result = write(a0, a1, a2);
        } else if (number == SYS_EXIT) {
            return a0 & 0xff;
        } else {
            throw new UserError(String.format("unsupported HTIF system call %d at pc=0x%x (write and exit are served)",
                    number, pc));
        }
        ram.writeLong(block, result);
        ram.writeLong(fromhost, 1);
        return RUNNING;
    }

    private long write(long fd, long buffer, long length) {
        PrintStream to = fd == 1 ? out : fd == 2 ? err : null;
        if (to == null) {
            return -EBADF;
        }
        if (!ram.contains(buffer, length)) {
            return -EFAULT;
        }
        for (long a = buffer; a < buffer + length; a++) {
            byte[] page = ram.page(a >>> PageProvider.PAGE_SHIFT, PageProvider.READ);
            to.write(page[(int) a & (PageProvider.PAGE_SIZE - 1)]);
        }
        bytesWritten += length;
        return length;
    }
}
