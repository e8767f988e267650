package dev.splitsim.kernel.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The namespace map's rule as the README states it: the first name below the root, made absolute
 * from the working folder with "." and ".." folded as written, picks component crc32(name) mod
 * count; the root is the first component's; a file id carries its component.
 */
final class StorageNamespaceTest {
    private final StorageNamespace two = new StorageNamespace(List.of("scomp0", "scomp1"), new int[] {5, 7});

    @Test
    void theFirstNameBelowTheRootPicksTheComponent() {
        // crc32("in") is even, crc32("out") odd.
        assertThat(two.owner("/in/a.txt")).isZero();
        assertThat(two.owner("/out/b.txt")).isOne();
        assertThat(two.owner("/out")).isOne();
        assertThat(two.owner("//./out/")).isOne();
        assertThat(two.owner("/")).isZero();
        assertThat(two.owner("/..")).isZero();
        assertThat(two.node(two.owner("/out/x"))).isEqualTo(7);
    }

    @Test
    void relativePathsStartAtTheWorkingFolderAndDotDotFoldsAsWritten() {
        assertThat(two.owner("/out", "b.txt")).isOne();
        assertThat(two.owner("/out", "../in/a.txt")).isZero();
        assertThat(two.owner("/in/deep", "../../out/./c")).isOne();
        assertThat(two.owner("/out", "/in")).isZero();
        assertThat(two.owner("/", "../../out")).isOne();
    }

    @Test
    void oneComponentHoldsEverything() {
        StorageNamespace one = new StorageNamespace(List.of("scomp0"), new int[] {3});
        assertThat(one.owner("/out/b")).isZero();
        one.holdsProgram(1, "/out/prog");
        assertThat(one.programComponent(1)).isZero();
        two.holdsProgram(1, "/out/prog");
        two.holdsProgram(2, "/in/prog");
        assertThat(two.programComponent(1)).isOne();
        assertThat(two.programComponent(2)).isZero();
    }

    @Test
    void aFileIdCarriesItsComponentAndTheSingleComponentsIdsAreUnchanged() {
        assertThat(StorageNamespace.fileId(0, 17)).isEqualTo(17);
        long id = StorageNamespace.fileId(3, 17);
        assertThat(StorageNamespace.componentOf(id)).isEqualTo(3);
        assertThat(StorageNamespace.localId(id)).isEqualTo(17);
    }
}
