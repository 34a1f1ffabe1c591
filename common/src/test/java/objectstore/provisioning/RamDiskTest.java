package objectstore.provisioning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import objectstore.store.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The RAM disk takes what it has room for, the disk what it has; beyond both, one line naming both. */
class RamDiskTest {

    @TempDir
    Path temp;

    @Test
    void aRunGoesToTheRamDiskWhenItHasRoomElseToTheDiskAndSaysWhy() {
        long room = RamDisk.room();
        RamDisk.Place small = RamDisk.place(1 << 20, temp);
        assertThat(small.onRamDisk()).isEqualTo(room >= 1 << 20);
        assertThat(small.description()).contains(small.onRamDisk() ? "/dev/shm" : temp.toString());

        long disk = RamDisk.usable(temp);
        if (disk > room + (1L << 20)) {
            RamDisk.Place large = RamDisk.place(room + (1L << 20), temp);
            assertThat(large.onRamDisk()).isFalse();
            assertThat(large.parent()).isEqualTo(temp);
            assertThat(large.description()).contains(room == 0 ? "no RAM disk" : "the run needs");
        }
    }

    @Test
    void moreThanEitherCanHoldIsOneLineNamingBoth() {
        assertThatThrownBy(() -> RamDisk.place(Long.MAX_VALUE / 2, temp))
                .isInstanceOf(UserError.class)
                .hasMessageContaining("the run needs")
                .hasMessageContaining(temp.toString())
                .hasMessageContaining("--size")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void roomLeavesMemoryForTheRunsProcesses() {
        assertThat(RamDisk.room()).isLessThanOrEqualTo(Math.max(0, RamDisk.availableMemory() - RamDisk.RESERVE));
    }
}
