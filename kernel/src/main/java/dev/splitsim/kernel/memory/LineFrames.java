package dev.splitsim.kernel.memory;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/**
 * The translations a miss's reply carries when it asked for them (excache.fetch=one-sided): after
 * the line's {@code pages} pages of bytes, one 8-byte little-endian frame address a page, -1 for a
 * page the component holds no frame for. The memory monitor writes them, the miss path reads them.
 */
public final class LineFrames {
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
    private static final int PAGE_SIZE = 4096;

    private LineFrames() {}

    /** The reply's data length for a line of {@code pages} pages with their frames. */
    public static int bytes(int pages) {
        return pages * (PAGE_SIZE + Long.BYTES);
    }

    public static void put(byte[] data, int pages, int page, long frameAddress) {
        LONG.set(data, pages * PAGE_SIZE + page * Long.BYTES, frameAddress);
    }

    public static long get(byte[] data, int pages, int page) {
        return (long) LONG.get(data, pages * PAGE_SIZE + page * Long.BYTES);
    }
}
