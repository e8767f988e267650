package dev.splitsim.devices.block;

import dev.splitsim.core.event.Resource;

/**
 * A block device (an NVMe SSD, a ramdisk) with a fixed access latency per request and a transfer
 * rate, serving one request at a time in arrival order. It says when a request completes; the
 * bytes themselves are kept by its owner (the storage monitor's files, later swap).
 */
public final class BlockDevice {
    private final String name;
    private final long readTicks;
    private final long writeTicks;
    private final long bitsPerSecond;
    private final Resource queue;
    private long bytesRead;
    private long bytesWritten;
    private long requests;

    public BlockDevice(String name, long readTicks, long writeTicks, long bitsPerSecond) {
        if (bitsPerSecond <= 0 || readTicks < 0 || writeTicks < 0) {
            throw new IllegalArgumentException(name + ": latencies must not be negative and the bandwidth must be positive");
        }
        this.name = name;
        this.readTicks = readTicks;
        this.writeTicks = writeTicks;
        this.bitsPerSecond = bitsPerSecond;
        this.queue = new Resource(name);
    }

    public String name() {
        return name;
    }

    /** A request of {@code bytes} reaching the device at {@code tick}; returns when it completes. */
    public long access(long tick, long bytes, boolean write) {
        long service = (write ? writeTicks : readTicks) + (long) Math.ceil(bytes * 8.0 * 1e12 / bitsPerSecond);
        long start = queue.serve(tick, service);
        requests++;
        if (write) {
            bytesWritten += bytes;
        } else {
            bytesRead += bytes;
        }
        return start + service;
    }

    public long requests() {
        return requests;
    }

    public long bytesRead() {
        return bytesRead;
    }

    public long bytesWritten() {
        return bytesWritten;
    }

    public long busyTicks() {
        return queue.busyTicks();
    }

    public long waitTicks() {
        return queue.waitTicks();
    }
}
