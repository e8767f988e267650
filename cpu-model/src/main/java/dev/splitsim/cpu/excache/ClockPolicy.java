package dev.splitsim.cpu.excache;

/**
 * CLOCK (second chance): a hand per set sweeps the ways; a line used since the hand last passed
 * loses its reference bit instead of being evicted.
 */
final class ClockPolicy implements ReplacementPolicy {
    private final boolean[] referenced;
    private final int[] hand;

    ClockPolicy(int lines) {
        referenced = new boolean[lines];
        hand = new int[lines];
    }

    @Override
    public void filled(int line) {
        referenced[line] = true;
    }

    @Override
    public void touched(int line) {
        referenced[line] = true;
    }

    @Override
    public void removed(int line) {
        referenced[line] = false;
    }

    @Override
    public int victim(int first, int ways) {
        // The set's hand is kept in the slot of its first line.
        int h = hand[first];
        while (referenced[first + h]) {
            referenced[first + h] = false;
            h = (h + 1) % ways;
        }
        hand[first] = (h + 1) % ways;
        return h;
    }

    @Override
    public String name() {
        return "clock";
    }

    @Override
    public String describe(int line) {
        return "referenced " + (referenced[line] ? 1 : 0);
    }

    /** The way the hand of the set starting at {@code first} points at. */
    int hand(int first) {
        return hand[first];
    }
}
