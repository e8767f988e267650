package dev.splitsim.devices.block;

import dev.splitsim.core.event.Resource;

/**
 * A block device (an NVMe SSD, a ramdisk) with a fixed access latency per request and a transfer
 * rate. It serves up to {@code units} requests at once, each on the unit free soonest, in arrival
 * order: an NVMe SSD spreads concurrent requests over its flash channels and dies, so a second
 * request does not wait out the first one's latency; one unit is a device that serves one request
 * at a time. It says when a request completes; the bytes themselves are kept by its owner (the
 * storage monitor's files, swap).
 */
public final class BlockDevice {
    private final String name;
    private final long readTicks;
    private final long writeTicks;
    private final long bitsPerSecond;
    private final Resource[] units;
    private long bytesRead;
    private long bytesWritten;
    private long requests;

    /** A device that serves one request at a time. */
    public BlockDevice(String name, long readTicks, long writeTicks, long bitsPerSecond) {
        this(name, readTicks, writeTicks, bitsPerSecond, 1);
    }

    public BlockDevice(String name, long readTicks, long writeTicks, long bitsPerSecond, int units) {
        if (bitsPerSecond <= 0 || readTicks < 0 || writeTicks < 0) {
            throw new IllegalArgumentException(name + ": latencies must not be negative and the bandwidth must be positive");
        }
        if (units < 1) {
            throw new IllegalArgumentException(name + ": a device serves at least one request at a time, got " + units);
        }
        this.name = name;
        this.readTicks = readTicks;
        this.writeTicks = writeTicks;
        this.bitsPerSecond = bitsPerSecond;
        this.units = new Resource[units];
        for (int i = 0; i < units; i++) {
            this.units[i] = new Resource(name + "." + i);
        }
    }

    public String name() {
        return name;
    }

    /** A request of {@code bytes} reaching the device at {@code tick}; returns when it completes. */
    public long access(long tick, long bytes, boolean write) {
        long service = (write ? writeTicks : readTicks) + (long) Math.ceil(bytes * 8.0 * 1e12 / bitsPerSecond);
        long start = units[Resource.soonestFree(units)].serve(tick, service);
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

    /** Busy time summed over the units. */
    public long busyTicks() {
        long n = 0;
        for (Resource u : units) {
            n += u.busyTicks();
        }
        return n;
    }

    /** Time requests waited for a free unit. */
    public long waitTicks() {
        long n = 0;
        for (Resource u : units) {
            n += u.waitTicks();
        }
        return n;
    }
}
