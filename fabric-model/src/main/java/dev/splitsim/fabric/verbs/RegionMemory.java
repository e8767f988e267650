package dev.splitsim.fabric.verbs;

/**
 * The bytes of one node as its NIC reaches them by DMA: whoever owns the node's memory (a memory
 * component's physical memory, a test's array) implements it. Addresses are the node's own; the
 * verbs layer checks them against registered regions before it calls in, so an implementation may
 * assume every range it is asked for was registered.
 */
public interface RegionMemory {
    void read(long address, byte[] into, int offset, int length);

    void write(long address, byte[] from, int offset, int length);
}
