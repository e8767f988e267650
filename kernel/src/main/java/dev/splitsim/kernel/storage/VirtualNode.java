package dev.splitsim.kernel.storage;

import java.util.ArrayList;
import java.util.List;

/**
 * The names under /dev and /proc that the emulator provides itself, never host files. The storage
 * monitor resolves them with every other path (so "/dev/../dev/null" and a relative name from the
 * working folder work) and answers what needs the file system: stat, listing the folders, and the
 * executable's bytes behind /proc/self/exe. An open of any other node is answered with the node's
 * name in the reply, and the process monitor on the CPU component serves it there: the devices
 * hold no bytes in storage, the standard streams are the CPU side's console, and
 * /proc/self/maps is made from the process monitor's mirror of the areas.
 */
public enum VirtualNode {
    /** The root folder above /dev and /proc: not a node of its own, the sandbox folder is. */
    TOP(null, Kind.FOLDER),
    DEV(TOP, Kind.FOLDER),
    NULL(DEV, Kind.DEVICE),
    ZERO(DEV, Kind.DEVICE),
    FULL(DEV, Kind.DEVICE),
    RANDOM(DEV, Kind.DEVICE),
    URANDOM(DEV, Kind.DEVICE),
    STDIN(DEV, Kind.STREAM),
    STDOUT(DEV, Kind.STREAM),
    STDERR(DEV, Kind.STREAM),
    PROC(TOP, Kind.FOLDER),
    SELF(PROC, Kind.FOLDER),
    EXE(SELF, Kind.EXECUTABLE),
    MAPS(SELF, Kind.PROCESS_FILE);

    /** What a node is, which says who serves it and how stat shows it. */
    public enum Kind { FOLDER, DEVICE, STREAM, EXECUTABLE, PROCESS_FILE }

    private final VirtualNode parent;
    private final Kind kind;

    VirtualNode(VirtualNode parent, Kind kind) {
        this.parent = parent;
        this.kind = kind;
    }

    public VirtualNode parent() {
        return parent;
    }

    public Kind kind() {
        return kind;
    }

    public boolean isDirectory() {
        return kind == Kind.FOLDER;
    }

    /** Its name in its folder: the constant's name in lower case. */
    public String fileName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * A device's number as stat shows it (Linux's encoding: major in bits 8 and up): the memory
     * devices, major 1, null 3, zero 5, full 7, random 8, urandom 9; 0 for any other node.
     */
    public int deviceNumber() {
        switch (this) {
            case NULL: return 0x103;
            case ZERO: return 0x105;
            case FULL: return 0x107;
            case RANDOM: return 0x108;
            case URANDOM: return 0x109;
            default: return 0;
        }
    }

    /** The inode number stat shows: far from what a host file's key hashes to. */
    public long inode() {
        return 0x1000000L + ordinal();
    }

    /** Its absolute guest path, such as /proc/self/exe. */
    public String path() {
        return this == TOP ? "" : parent.path() + "/" + fileName();
    }

    /** The node called {@code name} in this folder, or null. */
    public VirtualNode child(String name) {
        for (VirtualNode n : values()) {
            if (n.parent == this && n.fileName().equals(name)) {
                return n;
            }
        }
        return null;
    }

    /** The names in this folder, in the order a listing gives them. */
    public List<VirtualNode> children() {
        List<VirtualNode> out = new ArrayList<>();
        for (VirtualNode n : values()) {
            if (n.parent == this) {
                out.add(n);
            }
        }
        out.sort((a, b) -> a.fileName().compareTo(b.fileName()));
        return out;
    }

    /** The node an open reply names, or null for a name no node has. */
    public static VirtualNode named(String name) {
        for (VirtualNode n : values()) {
            if (n != TOP && n.fileName().equals(name)) {
                return n;
            }
        }
        return null;
    }
}
