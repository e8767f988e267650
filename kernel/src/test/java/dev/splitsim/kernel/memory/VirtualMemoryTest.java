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
}
