package dev.splitsim.kernel.storage;

import it.unimi.dsi.fastutil.ints.Int2ObjectOpenHashMap;

/**
 * What the storage monitor keeps for one process: its working folder and its open files by file
 * id. The process monitor maps its descriptors to these ids; dup'ed descriptors share one id, so
 * they share the position, as in Linux.
 */
final class ProcessFiles {
    String cwd = "/";
    /** Its program's bytes when it is not the monitor's one program (a further process of the run); null otherwise. */
    byte[] program;
    private final Int2ObjectOpenHashMap<HostFile> open = new Int2ObjectOpenHashMap<>();
    private int nextId;

    int add(HostFile f) {
        int id = nextId++;
        open.put(id, f);
        return id;
    }

    /** The open file of a request's id; null when the id names none (a stale or damaged id). */
    HostFile get(long id) {
        return id >= 0 && id <= Integer.MAX_VALUE ? open.get((int) id) : null;
    }

    HostFile remove(long id) {
        return id >= 0 && id <= Integer.MAX_VALUE ? open.remove((int) id) : null;
    }
}
