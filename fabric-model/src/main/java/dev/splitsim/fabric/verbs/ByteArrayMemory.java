package dev.splitsim.fabric.verbs;

/** A node's memory as one array from address {@code base} on: enough for tests and benchmarks. */
public final class ByteArrayMemory implements RegionMemory {
    private final long base;
    private final byte[] bytes;

    public ByteArrayMemory(long base, int size) {
        this.base = base;
        this.bytes = new byte[size];
    }

    @Override
    public void read(long address, byte[] into, int offset, int length) {
        System.arraycopy(bytes, index(address, length), into, offset, length);
    }

    @Override
    public void write(long address, byte[] from, int offset, int length) {
        System.arraycopy(from, offset, bytes, index(address, length), length);
    }

    private int index(long address, int length) {
        long i = address - base;
        if (i < 0 || length < 0 || i > bytes.length - length) {
            throw new IndexOutOfBoundsException("0x" + Long.toHexString(address) + "+" + length
                    + " is outside this memory");
        }
        return (int) i;
    }

    /** The byte at {@code address}, for tests. */
    public byte get(long address) {
        return bytes[index(address, 1)];
    }

    /** Sets the bytes from {@code address} on, for tests. */
    public void put(long address, byte... values) {
        write(address, values, 0, values.length);
    }
}
