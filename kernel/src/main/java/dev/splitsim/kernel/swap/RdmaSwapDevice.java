package dev.splitsim.kernel.swap;

import dev.splitsim.core.stats.StatGroup;
import dev.splitsim.cpu.mem.PageProvider;
import dev.splitsim.fabric.verbs.Access;
import dev.splitsim.fabric.verbs.ByteArrayMemory;
import dev.splitsim.fabric.verbs.CompletionQueue;
import dev.splitsim.fabric.verbs.MemoryRegion;
import dev.splitsim.fabric.verbs.QueuePair;
import dev.splitsim.fabric.verbs.Transport;
import dev.splitsim.fabric.verbs.Verbs;
import dev.splitsim.fabric.verbs.VerbsDevice;
import dev.splitsim.fabric.verbs.WorkCompletion;

/**
 * InfiniSwap's block device: swap slots live in slabs of a remote machine's memory, read and
 * written with one-sided RDMA READ and WRITE, so the remote CPU does nothing. A request first
 * pays the driver's own work (mapping the request to its slab and a work request); pages travel
 * through a registered staging buffer on the local node, because a WRITE's bytes are gathered
 * when it is posted and a READ's land when its response arrives. The remote memory is the swap
 * area's only copy of a swapped page.
 */
public final class RdmaSwapDevice implements SwapDevice {
    private static final int PAGE = PageProvider.PAGE_SIZE;
    private static final int DEPTH = 64;

    private final SwapSpace remote;
    private final ByteArrayMemory staging;
    private final long driverTicks;
    private final QueuePair reads;
    private final QueuePair writes;
    private final MemoryRegion local;
    private final MemoryRegion slabs;
    private final CompletionQueue readDone;
    private final CompletionQueue writeDone;
    private final WorkCompletion completion = new WorkCompletion();
    private final long readBase;
    private final byte[] page = new byte[PAGE];
    private long requests;
    private long bytesRead;
    private long bytesWritten;
    private long readTicks;

    /**
     * The device on node {@code localNode}, its slabs in {@code remote} at node {@code remoteNode}
     * ({@code swapBytes} registered there); requests of at most {@code maxPages} pages.
     */
    public RdmaSwapDevice(Verbs verbs, int localNode, int remoteNode, SwapSpace remote, long swapBytes, int maxPages,
            long driverTicks) {
        this.remote = remote;
        this.driverTicks = driverTicks;
        // A ring of write buffers, one per write the send queue may hold, then the read buffer.
        this.readBase = (long) maxPages * PAGE * DEPTH;
        this.staging = new ByteArrayMemory(0, (int) (readBase + (long) maxPages * PAGE));
        VerbsDevice here = verbs.open(localNode, staging);
        VerbsDevice there = verbs.open(remoteNode, remote);
        local = here.register(0, readBase + (long) maxPages * PAGE, Access.LOCAL_WRITE);
        slabs = there.register(0, swapBytes, Access.REMOTE_READ | Access.REMOTE_WRITE);
        readDone = here.createCompletionQueue(DEPTH);
        writeDone = here.createCompletionQueue(DEPTH);
        reads = here.createQueuePair(Transport.RC, readDone, readDone, DEPTH, 1);
        writes = here.createQueuePair(Transport.RC, writeDone, writeDone, DEPTH, 1);
        CompletionQueue peer = there.createCompletionQueue(DEPTH);
        Verbs.connect(reads, there.createQueuePair(Transport.RC, peer, peer, DEPTH, 1));
        Verbs.connect(writes, there.createQueuePair(Transport.RC, peer, peer, DEPTH, 1));
        this.maxBytes = (long) maxPages * PAGE;
    }

    private final long maxBytes;
    /**
     * The last tick a work request was posted at, per connection. The cores run in turns and drift
     * apart by up to a turn, so a core behind in time may submit after one ahead of it; a reliable
     * connection's packets must leave in order (one posted earlier in time would overtake the
     * others and be dropped as out of sequence), so a request is posted no earlier than the last.
     */
    private long lastReadPost;
    private long lastWritePost;
    /** Writes posted and writes completed (a reliable connection completes them in order). */
    private long writesPosted;
    private long writesDone;
    /** The slots each write of the ring covers, by its index in the ring. */
    private final long[] writeSlot = new long[DEPTH];
    private final int[] writeCount = new int[DEPTH];

    @Override
    public long read(long tick, long slot, int count, byte[][] pages, int first) {
        int length = count * PAGE;
        long post = tick + driverTicks;
        // A page still being written out is in the swap cache until its WRITE completes; reading its
        // slot before then would overtake the WRITE's bytes, so the read waits for it.
        while (overlapsWriteInFlight(slot, count)) {
            writeDone.await(post, completion);
            checked();
            writesDone++;
            post = Math.max(post, completion.polledTick());
        }
        post = Math.max(post, lastReadPost);
        lastReadPost = post;
        if (!reads.postRead(requests, readBase, local.localKey(), length, slot * PAGE, slabs.remoteKey(), post)) {
            throw new IllegalStateException("swap read not accepted");
        }
        requests++;
        readDone.await(post, completion);
        if (!completion.ok()) {
            throw new IllegalStateException("swap read failed: " + completion.status());
        }
        for (int i = 0; i < count; i++) {
            staging.read(readBase + (long) i * PAGE, pages[first + i], 0, PAGE);
        }
        bytesRead += length;
        readTicks += completion.polledTick() - tick;
        return completion.polledTick();
    }

    @Override
    public void write(long tick, long slot, int count, byte[][] pages, int first) {
        // Completions of earlier writes are reaped; a full send queue waits for the oldest, so a
        // staging slot of the ring is reused only once the write that used it is done.
        while (writeDone.poll(tick, completion)) {
            checked();
            writesDone++;
        }
        while (writesPosted - writesDone >= DEPTH) {
            writeDone.await(tick, completion);
            checked();
            writesDone++;
        }
        int ring = (int) (writesPosted % DEPTH);
        long at = ring * maxBytes;
        writeSlot[ring] = slot;
        writeCount[ring] = count;
        writesPosted++;
        for (int i = 0; i < count; i++) {
            staging.write(at + (long) i * PAGE, pages[first + i], 0, PAGE);
        }
        long post = Math.max(tick + driverTicks, lastWritePost);
        lastWritePost = post;
        if (!writes.postWrite(requests, at, local.localKey(), count * PAGE, slot * PAGE, slabs.remoteKey(), post)) {
            throw new IllegalStateException("swap write not accepted");
        }
        requests++;
        bytesWritten += (long) count * PAGE;
    }

    private boolean overlapsWriteInFlight(long slot, int count) {
        for (long w = writesDone; w < writesPosted; w++) {
            int ring = (int) (w % DEPTH);
            if (writeSlot[ring] < slot + count && slot < writeSlot[ring] + writeCount[ring]) {
                return true;
            }
        }
        return false;
    }

    private void checked() {
        if (!completion.ok()) {
            throw new IllegalStateException("swap write failed: " + completion.status());
        }
    }

    @Override
    public SwapSpace space() {
        return remote;
    }

    @Override
    public void registerStats(StatGroup g) {
        g.reading("device_requests", "requests", "RDMA requests to the remote slabs", () -> requests);
        g.reading("device_reads", "B", "bytes read from remote memory", () -> bytesRead);
        g.reading("device_writes", "B", "bytes written to remote memory", () -> bytesWritten);
        g.reading("device_read_ps", "ps", "time from submitting a read to its completion being polled",
                () -> readTicks);
    }
}
