package dev.splitsim.kernel.remote;

/**
 * Costs on the CPU and storage sides of the split machine, in ticks.
 *
 * @param trapTicks entering the process monitor on an ExCache miss and returning to the guest
 * @param fillTicks installing a line whose bytes the NIC has written into the slot
 * @param zeroFillTicks zeroing a line locally on an anonymous first touch
 * @param zeroFill whether first touches are zero-filled locally (no network trip)
 * @param piggyback whether a dirty victim bound for the miss's memory component rides on the miss
 * @param storageDispatchTicks the storage monitor handling one request
 * @param storageReadTicks the device's latency for a read
 * @param storageWriteTicks the device's latency for a write
 * @param storageBitsPerSecond the device's transfer rate
 */
public record SplitTiming(long trapTicks, long fillTicks, long zeroFillTicks, boolean zeroFill, boolean piggyback,
        long storageDispatchTicks, long storageReadTicks, long storageWriteTicks, long storageBitsPerSecond) {
}
