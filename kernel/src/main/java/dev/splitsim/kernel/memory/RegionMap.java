package dev.splitsim.kernel.memory;

/**
 * The global memory manager's region map as the process monitor consults it: which fabric node
 * owns the 1 GiB region of an address (placing it on first use) and which is a process's home.
 * It is all the CPU component knows of where memory lives.
 */
public interface RegionMap {
    int ownerNode(long vaddr);

    int homeNode(int pid);
}
