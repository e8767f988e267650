package dev.splitsim.kernel.memory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.splitsim.kernel.Errno;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** mmap's placement and the range operations' cost, as Linux on Sv48 does them. */
final class VirtualMemoryTest {
    private static final long PAGE = 4096;
    private static final int RW = VirtualMemory.PROT_READ | VirtualMemory.PROT_WRITE;
    private static final int ANON = VirtualMemory.MAP_ANONYMOUS | 2;

    private final VirtualMemory vm = new VirtualMemory(new VirtualMemory.LocalPages());

    private long mmap(long addr, long length, int flags) {
        long r = vm.mmapCheck(length, 0, flags, -1);
        return r < 0 ? r : vm.mmapPlace(addr, length, RW, flags, null);
    }

    @Test
    void fixedMappingsEndAtTheUserSpacesEndAndHintsAreTakenWhenFree() {
        long top = VirtualMemory.USER_END;
        assertThat(top).isEqualTo(1L << 47);
        assertThat(mmap(top - PAGE, PAGE, ANON | VirtualMemory.MAP_FIXED)).isEqualTo(top - PAGE);
        assertThat(mmap(top, PAGE, ANON | VirtualMemory.MAP_FIXED)).isEqualTo(-Errno.ENOMEM);
        assertThat(mmap(top - PAGE, 2 * PAGE, ANON | VirtualMemory.MAP_FIXED)).isEqualTo(-Errno.ENOMEM);
        assertThat(mmap(top - PAGE, PAGE, ANON | VirtualMemory.MAP_FIXED_NOREPLACE)).isEqualTo(-Errno.EEXIST);

        long hint = 1L << 40;
        assertThat(mmap(hint, 3 * PAGE, ANON)).isEqualTo(hint);
        assertThat(mmap(hint + 3 * PAGE - 100, PAGE, ANON)).as("a hint rounds up to a page").isEqualTo(hint + 3 * PAGE);
        long elsewhere = mmap(hint, PAGE, ANON);
        assertThat(elsewhere).as("a taken hint is ignored").isNotEqualTo(hint).isEqualTo(ProcessLoader.MMAP_BASE);
    }

    @Test
    @Timeout(10)
    void hugeRangesCostWhatIsMappedNotTheirLength() {
        long tib = 1L << 40;
        long a = mmap(0, tib, ANON);
        assertThat(a).isEqualTo(ProcessLoader.MMAP_BASE);
        vm.page((a + (1L << 39)) / PAGE, 1)[0] = 7;
        vm.page((a + tib - 1) / PAGE, 1)[4095] = 9;
        assertThat(vm.mprotect(a, tib, VirtualMemory.PROT_READ)).isZero();
        long moved = vm.mremap(a, tib, 2 * tib, VirtualMemory.MREMAP_MAYMOVE);
        assertThat(vm.peek((moved + (1L << 39)) / PAGE)[0]).isEqualTo((byte) 7);
        assertThat(vm.peek((moved + tib - 1) / PAGE)[4095]).isEqualTo((byte) 9);
        assertThat(vm.pagesTouched()).isEqualTo(2);
        assertThat(vm.munmap(moved, 2 * tib)).isZero();
        assertThat(vm.pagesTouched()).isZero();
        assertThat(mmap(0, VirtualMemory.USER_END, ANON)).as("no gap that large is left").isEqualTo(-Errno.ENOMEM);
        assertThat(vm.munmap(0, VirtualMemory.USER_END)).isZero();
    }

    @Test
    void rangesPastTheUserSpaceAreRefusedAsLinuxRefusesThem() {
        long a = mmap(0, 4 * PAGE, ANON);
        vm.page(a / PAGE, 1)[0] = 5;
        // A length that wraps the page rounding, or reaches past the user space, unmaps nothing.
        assertThat(vm.munmap(a, -1)).isEqualTo(-Errno.EINVAL);
        assertThat(vm.munmap(a, Long.MAX_VALUE)).isEqualTo(-Errno.EINVAL);
        assertThat(vm.munmap(a, VirtualMemory.USER_END)).isEqualTo(-Errno.EINVAL);
        assertThat(vm.mprotect(a + 1, PAGE, VirtualMemory.PROT_READ)).isEqualTo(-Errno.EINVAL);
        assertThat(vm.mprotect(a, -PAGE, VirtualMemory.PROT_READ)).isEqualTo(-Errno.ENOMEM);
        assertThat(vm.mremap(a, 4 * PAGE, Long.MAX_VALUE, VirtualMemory.MREMAP_MAYMOVE)).isEqualTo(-Errno.EINVAL);
        assertThat(vm.mremap(a, -1, PAGE, 0)).isEqualTo(-Errno.EINVAL);
        assertThat(vm.peek(a / PAGE)[0]).as("the bytes are still there").isEqualTo((byte) 5);
        assertThat(vm.areas().areaAt(a + 3 * PAGE)).isNotNull();
    }

    @Test
    void noMoreAreasThanLinuxsMapCount() {
        int made = 0;
        // Every other page, so no two areas touch: each mapping is an area of its own.
        long base = 1L << 40;
        while (mmap(base + 2L * PAGE * made, PAGE, ANON | VirtualMemory.MAP_FIXED_NOREPLACE) > 0) {
            made++;
        }
        assertThat(vm.areas().count()).isEqualTo(VirtualMemory.MAX_MAP_COUNT);
        assertThat(made).isEqualTo(VirtualMemory.MAX_MAP_COUNT);
        assertThat(mmap(0, PAGE, ANON)).isEqualTo(-Errno.ENOMEM);
        // A munmap that would cut one in two needs an area more; one that removes a whole area does not.
        assertThat(vm.munmap(base, PAGE)).isZero();
        assertThat(mmap(base, 3 * PAGE, ANON | VirtualMemory.MAP_FIXED)).isEqualTo(base);
        assertThat(vm.mprotect(base + PAGE, PAGE, VirtualMemory.PROT_READ)).isEqualTo(-Errno.ENOMEM);
    }

    @Test
    void mmapLeavesTheGuardGapBelowTheStackFree() {
        vm.mapStack(ProcessLoader.STACK_TOP - ProcessLoader.STACK_SIZE, ProcessLoader.STACK_SIZE);
        long stack = ProcessLoader.STACK_TOP - ProcessLoader.STACK_SIZE;
        long below = stack - ProcessLoader.MMAP_BASE;
        // Everything from the mmap base up to the gap: the next mapping must go above the stack.
        assertThat(mmap(0, below - VirtualMemory.STACK_GUARD_GAP, ANON)).isEqualTo(ProcessLoader.MMAP_BASE);
        assertThat(mmap(0, PAGE, ANON)).isEqualTo(ProcessLoader.STACK_TOP);
        // A fixed mapping may still go there, as in Linux.
        assertThat(mmap(stack - PAGE, PAGE, ANON | VirtualMemory.MAP_FIXED)).isEqualTo(stack - PAGE);
    }
}
