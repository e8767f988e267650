package dev.splitsim.fabric.verbs;

/**
 * One slot of a queue pair's send queue: a posted work request from the moment it is posted until its
 * completion is written. Slots are preallocated and reused in ring order; a slot's {@code sequence}
 * (the request's packet sequence number on a reliable connection) tells a late response from a
 * reused slot.
 */
final class SendWork {
    final QueuePair queuePair;
    long sequence = -1;
    long workRequestId;
    WorkOpcode opcode;
    long localAddress;
    int localKey;
    int length;
    long remoteAddress;
    int remoteKey;
    int immediate;
    long compare;
    long operand;
    int destinationNode;
    int destinationQueuePair;
    int rnrRetriesLeft;
    boolean done;
    WorkStatus status;
    long doneTick;

    SendWork(QueuePair queuePair) {
        this.queuePair = queuePair;
    }
}
