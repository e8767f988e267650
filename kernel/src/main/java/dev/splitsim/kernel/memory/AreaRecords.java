package dev.splitsim.kernel.memory;

/**
 * The data of a memory monitor's reply to a virtual-memory call or execve: what the call did to
 * the process's areas, so the process monitor can keep its mirror of them without reading the
 * monitor's state. A sequence of 24-byte little-endian records {start u64, end u64, attrs u64}:
 * <ul>
 *   <li>{@link #CLEAR}: the mirror forgets every area in [start, end) (done first, in order);
 *   <li>{@link #AREA}: the area [start, end) now exists with permissions {@code attrs & 7}, its
 *       bytes from a file when {@link #FILE} is set, else anonymous (zero until written);
 *   <li>{@link #STORED}: the memory monitor wrote bytes into [start, end) itself (execve's image,
 *       pages moved by mremap), so the CPU side must not zero-fill lines there.
 * </ul>
 */
public final class AreaRecords {
    public static final int RECORD_BYTES = 24;
    public static final long AREA = 0;
    public static final long FILE = 1L << 3;
    public static final long CLEAR = 1L << 8;
    public static final long STORED = 1L << 9;

    /** What a reader of the records does with each, in order. */
    public interface Reader {
        void cleared(long start, long end);

        void area(long start, long end, int prot, boolean file);

        void stored(long start, long end);
    }

    private byte[] bytes = new byte[RECORD_BYTES * 8];
    private int length;

    public void reset() {
        length = 0;
    }

    public void add(long start, long end, long attrs) {
        if (length + RECORD_BYTES > bytes.length) {
            bytes = java.util.Arrays.copyOf(bytes, bytes.length * 2);
        }
        put(length, start);
        put(length + 8, end);
        put(length + 16, attrs);
        length += RECORD_BYTES;
    }

    /** Records a clear of [start, end) followed by every area of {@code areas} now in it. */
    public void replace(Areas areas, long start, long end) {
        add(start, end, CLEAR);
        for (Areas.Area a : areas.overlapping(start, end)) {
            add(a.start, a.end, (a.prot & 7) | (a.file ? FILE : AREA));
        }
    }

    /** Replaces this buffer's records with {@code n} bytes of a reply's data. */
    public void copyFrom(byte[] from, int n) {
        if (bytes.length < n) {
            bytes = new byte[n];
        }
        System.arraycopy(from, 0, bytes, 0, n);
        length = n;
    }

    /** Hands every record to {@code reader}, in order. */
    public void read(Reader reader) {
        for (int i = 0; i < count(); i++) {
            long attrs = attrs(i);
            if ((attrs & CLEAR) != 0) {
                reader.cleared(start(i), end(i));
            } else if ((attrs & STORED) != 0) {
                reader.stored(start(i), end(i));
            } else {
                reader.area(start(i), end(i), (int) (attrs & 7), (attrs & FILE) != 0);
            }
        }
    }

    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return length;
    }

    public int count() {
        return length / RECORD_BYTES;
    }

    public long start(int i) {
        return get(i * RECORD_BYTES);
    }

    public long end(int i) {
        return get(i * RECORD_BYTES + 8);
    }

    public long attrs(int i) {
        return get(i * RECORD_BYTES + 16);
    }

    private void put(int at, long v) {
        for (int k = 0; k < 8; k++) {
            bytes[at + k] = (byte) (v >>> (8 * k));
        }
    }

    private long get(int at) {
        long v = 0;
        for (int k = 7; k >= 0; k--) {
            v = (v << 8) | (bytes[at + k] & 0xffL);
        }
        return v;
    }
}
