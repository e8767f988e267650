package dev.splitsim.kernel.storage;

import dev.splitsim.core.event.Resource;
import dev.splitsim.devices.block.BlockDevice;
import dev.splitsim.fabric.msg.MessageType;
import dev.splitsim.fabric.net.Fabric;
import dev.splitsim.fabric.net.Message;
import dev.splitsim.fabric.net.Receiver;

/**
 * The storage monitor of the storage component: it takes file requests from process monitors
 * (P2S_*) and program reads from memory monitors (M2S_READ) off the node's ring, one polling
 * thread, and answers after its dispatch and the block device's time. Reads return as many bytes
 * as asked; the program read returns the whole program.
 */
public final class StorageMonitor implements Receiver {
    private final Fabric fabric;
    private final int node;
    private final BlockDevice device;
    private final long dispatchTicks;
    private final Resource worker;
    private byte[] program = new byte[0];
    private long requests;

    public StorageMonitor(Fabric fabric, int node, BlockDevice device, long dispatchTicks) {
        this.fabric = fabric;
        this.node = node;
        this.device = device;
        this.dispatchTicks = dispatchTicks;
        this.worker = new Resource(fabric.nodeName(node) + ".storage_monitor");
        fabric.attach(node, this);
    }

    /** The program image execve reads (the file the run was started with). */
    public void holdProgram(byte[] bytes) {
        program = bytes.clone();
    }

    public BlockDevice device() {
        return device;
    }

    public long requests() {
        return requests;
    }

    @Override
    public void receive(Message m, long tick) {
        requests++;
        MessageType t = m.type();
        long start = worker.serve(tick, dispatchTicks);
        long done = start + dispatchTicks;
        Message reply = fabric.replyTo(m);
        reply.set("result", 0);
        switch (t) {
            case M2S_READ: {
                byte[] out = reply.data(program.length);
                System.arraycopy(program, 0, out, 0, program.length);
                done = device.access(done, program.length, false);
                break;
            }
            case P2S_READ:
                reply.data((int) m.get("length"));
                done = device.access(done, m.get("length"), false);
                break;
            case P2S_WRITE:
                done = device.access(done, m.dataLength(), true);
                break;
            case P2S_STAT:
            case P2S_READDIR:
            case P2S_NAMESPACE:
                reply.data((int) m.get("length"));
                break;
            default:
                break;
        }
        fabric.post(reply, done);
        fabric.handled(m, 0, start, done);
    }
}
