package dev.splitsim.kernel.storage;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/**
 * Which storage component holds a path: the namespace map, as the global memory manager's region
 * map says which memory component holds an address. The guest sees one tree; each name directly
 * below its root, with everything beneath it, belongs to the component numbered CRC-32 of the
 * name's UTF-8 bytes modulo the number of components (zlib's crc32, so a user can work it out),
 * and the root itself to the first. The name is the path's first one once made absolute from the
 * working folder and with "." and ".." folded as written: links are followed by the component the
 * path leads to, never across. With one component every path is its own.
 *
 * <p>An open file is known by its component and that component's id for it: {@link #fileId} puts
 * the component in the id's upper half, so the single component's ids are what its monitor gave.
 */
public final class StorageNamespace {
    private final int[] nodes;
    private final List<String> names;
    /** The component holding each process's program, whose image its execve reads, by pid. */
    private final it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap programComponents =
            new it.unimi.dsi.fastutil.ints.Int2IntOpenHashMap();

    /** Components {@code names} at fabric nodes {@code nodes}, in topology order. */
    public StorageNamespace(List<String> names, int[] nodes) {
        if (names.isEmpty() || names.size() != nodes.length) {
            throw new IllegalArgumentException("one node per storage component, at least one");
        }
        this.names = List.copyOf(names);
        this.nodes = nodes.clone();
    }

    public int components() {
        return nodes.length;
    }

    public int node(int component) {
        return nodes[component];
    }

    public String name(int component) {
        return names.get(component);
    }

    /** The component of the absolute guest path {@code path} (a relative one is taken from the root). */
    public int owner(String path) {
        return owner("/", path);
    }

    /** The component of guest path {@code path}, a relative one taken from the working folder {@code cwd}. */
    public int owner(String cwd, String path) {
        if (nodes.length == 1) {
            return 0;
        }
        String first = path.startsWith("/") ? firstName(path, null) : firstName(path, cwd);
        if (first == null) {
            return 0;
        }
        CRC32 crc = new CRC32();
        crc.update(first.getBytes(StandardCharsets.UTF_8));
        return (int) (crc.getValue() % nodes.length);
    }

    /**
     * The first name of {@code path} after {@code cwd} (null: from the root), "." and ".." folded
     * as written (".." at the root stays there); null for the root itself.
     */
    private static String firstName(String path, String cwd) {
        java.util.ArrayDeque<String> names = new java.util.ArrayDeque<>();
        if (cwd != null) {
            fold(names, cwd);
        }
        fold(names, path);
        return names.peekFirst();
    }

    private static void fold(java.util.ArrayDeque<String> names, String path) {
        for (String n : path.split("/")) {
            if (n.isEmpty() || n.equals(".")) {
                continue;
            }
            if (n.equals("..")) {
                names.pollLast();
            } else {
                names.addLast(n);
            }
        }
    }

    /** The component process {@code pid}'s program is read from (see {@link #holdsProgram}); the first by default. */
    public int programComponent(int pid) {
        return programComponents.get(pid);
    }

    /** Process {@code pid}'s program has the guest path {@code path}: its execve's image comes from the component holding it. */
    public void holdsProgram(int pid, String path) {
        programComponents.put(pid, owner(path));
    }

    /** The id by which the process monitor knows file {@code id} of component {@code component}. */
    public static long fileId(int component, long id) {
        return (long) component << 32 | id;
    }

    /** The component of a file id {@link #fileId} made. */
    public static int componentOf(long fileId) {
        return (int) (fileId >>> 32);
    }

    /** The id the file's own component knows it by. */
    public static long localId(long fileId) {
        return fileId & 0xffffffffL;
    }
}
