package dev.splitsim.fabric.verbs;

/** The responder's verdict in a response's syndrome field (after InfiniBand's AETH). */
final class Syndrome {
    private Syndrome() {}

    static final int ACK = 0;
    static final int RNR_NAK = 1;
    static final int REMOTE_ACCESS_ERROR = 2;
    static final int REMOTE_INVALID_REQUEST = 3;

    static WorkStatus status(long syndrome) {
        switch ((int) syndrome) {
            case ACK:
                return WorkStatus.SUCCESS;
            case REMOTE_ACCESS_ERROR:
                return WorkStatus.REMOTE_ACCESS_ERROR;
            case REMOTE_INVALID_REQUEST:
                return WorkStatus.REMOTE_INVALID_REQUEST;
            default:
                throw new IllegalArgumentException("syndrome " + syndrome + " is no final status");
        }
    }
}
