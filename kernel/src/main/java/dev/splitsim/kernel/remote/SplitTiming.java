package dev.splitsim.kernel.remote;

/**
 * Costs of the process monitor's miss path, in ticks.
 *
 * @param trapTicks entering the process monitor on an ExCache miss and returning to the guest
 * @param fillTicks installing a line whose bytes the NIC has written into the slot
 * @param zeroFillTicks zeroing a line locally on an anonymous first touch
 * @param zeroFill whether first touches are zero-filled locally (no network trip)
 * @param piggyback whether a dirty victim bound for the miss's memory component rides on the miss
 */
public record SplitTiming(long trapTicks, long fillTicks, long zeroFillTicks, boolean zeroFill, boolean piggyback) {
}
