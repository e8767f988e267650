package dev.splitsim.fabric.verbs;

/** How a work request ended. Errors are completions, never exceptions: the requester polls them. */
public enum WorkStatus {
    SUCCESS,
    /** A local buffer outside its region, a wrong local key, or a region without local write access. */
    LOCAL_PROTECTION_ERROR,
    /** A datagram above the MTU, or a SEND larger than the receive buffer it landed in (at the receiver). */
    LOCAL_LENGTH_ERROR,
    /** The remote range lies outside every region, the remote key is wrong, or the region lacks the right. */
    REMOTE_ACCESS_ERROR,
    /** The responder could not carry the request out: a misaligned atomic, a SEND too large for the receive. */
    REMOTE_INVALID_REQUEST,
    /** The responder had no receive posted and stayed so through every retry. */
    RNR_RETRY_EXCEEDED,
    /** The queue pair had failed before this request could complete. */
    FLUSHED
}
