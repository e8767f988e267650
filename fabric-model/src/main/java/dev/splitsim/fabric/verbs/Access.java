package dev.splitsim.fabric.verbs;

/** What a registered region lets the local NIC and remote peers do, as a bit set of these flags. */
public final class Access {
    private Access() {}

    /** The local NIC may write the region: needed to receive into it or to land READ and atomic results. */
    public static final int LOCAL_WRITE = 1;
    public static final int REMOTE_READ = 2;
    public static final int REMOTE_WRITE = 4;
    public static final int REMOTE_ATOMIC = 8;
    public static final int ALL = LOCAL_WRITE | REMOTE_READ | REMOTE_WRITE | REMOTE_ATOMIC;
}
