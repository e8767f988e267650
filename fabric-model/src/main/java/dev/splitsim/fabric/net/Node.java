package dev.splitsim.fabric.net;

import dev.splitsim.core.event.Resource;
import it.unimi.dsi.fastutil.longs.Long2IntOpenHashMap;
import it.unimi.dsi.fastutil.longs.LongOpenHashSet;

/**
 * A component's attachment to the fabric: its NIC's send and receive engines, its link to the
 * switch (one direction up, one down) and the polling thread that takes two-sided messages from
 * the NIC to the component's software (one per node by default: docs/reference.md, LegoOS transport),
 * and the NIC's on-chip caches of connection state. Each engine, link direction and poller is a
 * {@link Resource}: one message at a time, first come first served.
 */
public final class Node {
    final int id;
    final String name;
    final Resource tx;
    final Resource rx;
    final Resource uplink;
    final Resource downlink;
    final Resource poller;
    /** Every polling thread, {@link #poller} first; a message takes the one free soonest. */
    final Resource[] pollers;
    final NicCache contexts;
    final NicCache translations;
    /** Receives posted and not yet consumed, per connection (or for the whole node, with a shared queue). */
    final Long2IntOpenHashMap receives = new Long2IntOpenHashMap();
    /** Connections and buffers this node has set up (their state then sits in its NIC's caches). */
    final LongOpenHashSet connected = new LongOpenHashSet();
    Receiver receiver;
    OneSidedTarget nicTarget;

    Node(int id, String name, int pollerCount, NicParams nic) {
        this.id = id;
        this.name = name;
        this.tx = new Resource(name + ".nic_tx");
        this.rx = new Resource(name + ".nic_rx");
        this.uplink = new Resource(name + ".uplink");
        this.downlink = new Resource(name + ".downlink");
        this.pollers = new Resource[pollerCount];
        for (int i = 0; i < pollerCount; i++) {
            pollers[i] = new Resource(name + ".poller" + (i == 0 ? "" : String.valueOf(i)));
        }
        this.poller = pollers[0];
        this.contexts = new NicCache(nic.queuePairContexts());
        this.translations = new NicCache(nic.regionTranslations());
        receives.defaultReturnValue(-1);
    }

    /** The polling thread free soonest, the lowest-numbered on a tie. */
    Resource freePoller() {
        return pollers[Resource.soonestFree(pollers)];
    }

    /** The NIC's cache of queue-pair contexts. */
    public NicCache contexts() {
        return contexts;
    }

    /** The NIC's cache of memory-region translations. */
    public NicCache translations() {
        return translations;
    }

    public int id() {
        return id;
    }

    public String name() {
        return name;
    }

    public Resource poller() {
        return poller;
    }

    public Resource uplink() {
        return uplink;
    }

    public Resource downlink() {
        return downlink;
    }
}
