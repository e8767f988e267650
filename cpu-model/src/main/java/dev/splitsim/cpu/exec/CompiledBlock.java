package dev.splitsim.cpu.exec;

/**
 * A {@link Block} translated to JVM bytecode by {@link BlockCompiler}: one class per block, so the
 * JVM's own JIT compiles the guest's hot straight-line code as it would Java.
 */
interface CompiledBlock {
    /**
     * Runs the whole block from its start with exactly the effects of {@code Hart.execute} given
     * its full length: returns how many instructions ran (fewer when one moved the decode cache's
     * epoch on from {@code epoch}), leaves pc at the next instruction, records each load's and
     * store's address in {@code addr}, and when an instruction throws sets the hart's stoppedAt and
     * pc to it before the exception goes on. {@code base} is the retired count before the block.
     */
    int run(Hart h, long[] x, SoftTlb mem, DecodeCache code, long[] addr, int epoch, long base);
}
