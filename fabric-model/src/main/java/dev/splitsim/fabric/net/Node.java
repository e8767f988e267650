package dev.splitsim.fabric.net;

import dev.splitsim.core.event.Resource;

/**
 * A component's attachment to the fabric: its NIC's send and receive engines, its link to the
 * switch (one direction up, one down) and the polling thread that takes two-sided messages from
 * the NIC to the component's software (one per node: docs/reference.md, LegoOS transport). Each is a
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
    Receiver receiver;
    OneSidedTarget nicTarget;

    Node(int id, String name) {
        this.id = id;
        this.name = name;
        this.tx = new Resource(name + ".nic_tx");
        this.rx = new Resource(name + ".nic_rx");
        this.uplink = new Resource(name + ".uplink");
        this.downlink = new Resource(name + ".downlink");
        this.poller = new Resource(name + ".poller");
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
