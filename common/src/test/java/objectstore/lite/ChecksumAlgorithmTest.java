package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import java.util.zip.Checksum;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The three CRCs against their published check values, and the combination that lets a whole object's CRC be built from
 * its parts' (or its ranges', in any order) equal to the CRC of the whole, computed in one pass.
 */
class ChecksumAlgorithmTest {

    static final byte[] CHECK = "123456789".getBytes(StandardCharsets.US_ASCII);

    static long crc(ChecksumAlgorithm algorithm, byte[] data, int offset, int length) {
        Checksum checksum = algorithm.newChecksum();
        checksum.update(data, offset, length);
        return checksum.getValue();
    }

    @Test
    void eachCrcGivesItsCatalogueCheckValue() {
        // The "check" column of the CRC catalogue: the CRC of the ASCII digits 1 to 9.
        assertThat(crc(ChecksumAlgorithm.CRC32, CHECK, 0, 9)).isEqualTo(0xCBF43926L);
        assertThat(crc(ChecksumAlgorithm.CRC32C, CHECK, 0, 9)).isEqualTo(0xE3069283L);
        assertThat(crc(ChecksumAlgorithm.CRC64NVME, CHECK, 0, 9)).isEqualTo(0xAE8B14860A799888L);
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void theCrcsOfTwoPiecesCombineIntoTheCrcOfBoth(ChecksumAlgorithm algorithm) {
        Random random = new Random(42);
        byte[] data = new byte[300_000];
        random.nextBytes(data);
        long whole = crc(algorithm, data, 0, data.length);
        for (int split : new int[] {0, 1, 7, 8, 9, 4096, 123_457, data.length - 1, data.length}) {
            long first = crc(algorithm, data, 0, split);
            long second = crc(algorithm, data, split, data.length - split);
            assertThat(algorithm.combine(first, second, data.length - split))
                    .as("split at %d", split)
                    .isEqualTo(whole);
        }
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void rangesFinishedInAnyOrderStillCombineInTheirOwnOrder(ChecksumAlgorithm algorithm) {
        byte[] data = new byte[5 * 65_537];
        new Random(7).nextBytes(data);
        int part = 65_537;
        long[] parts = new long[5];
        for (int i : new int[] {3, 0, 4, 1, 2}) { // as ranges might arrive
            parts[i] = crc(algorithm, data, i * part, part);
        }
        long combined = parts[0];
        for (int i = 1; i < parts.length; i++) {
            combined = algorithm.combine(combined, parts[i], part);
        }
        assertThat(combined).isEqualTo(crc(algorithm, data, 0, data.length));
    }

    @ParameterizedTest
    @EnumSource(ChecksumAlgorithm.class)
    void aDirectBufferGivesWhatAnArrayGives(ChecksumAlgorithm algorithm) {
        byte[] data = new byte[10_003];
        new Random(3).nextBytes(data);
        ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).flip();
        direct.position(5);
        Checksum checksum = algorithm.newChecksum();
        checksum.update(direct);
        assertThat(direct.hasRemaining()).isFalse();
        assertThat(checksum.getValue()).isEqualTo(crc(algorithm, data, 5, data.length - 5));
    }

    @Test
    void valuesTravelAsBigEndianBase64AndCompositeOnesAreNotWholeObjectValues() {
        assertThat(ChecksumAlgorithm.CRC32C.encode(0xE3069283L)).isEqualTo("4waSgw==");
        assertThat(ChecksumAlgorithm.CRC32C.decode("4waSgw==")).isEqualTo(0xE3069283L);
        assertThat(ChecksumAlgorithm.CRC64NVME.decode(ChecksumAlgorithm.CRC64NVME.encode(0xAE8B14860A799888L)))
                .isEqualTo(0xAE8B14860A799888L);
        assertThat(ChecksumAlgorithm.CRC32C.decode("4waSgw==-3")).isNull();
        assertThat(ChecksumAlgorithm.CRC64NVME.decode("4waSgw=="))
                .as("4 bytes for a 64-bit CRC")
                .isNull();
        assertThat(ChecksumAlgorithm.CRC32.decode(null)).isNull();
    }

    @Test
    void namesAreReadInAnyCaseAndAnUnknownOneSaysWhichExist() {
        assertThat(ChecksumAlgorithm.named("Crc64NVME")).isEqualTo(ChecksumAlgorithm.CRC64NVME);
        assertThat(ChecksumAlgorithm.CRC32C.header()).isEqualTo("x-amz-checksum-crc32c");
        assertThatThrownBy(() -> ChecksumAlgorithm.named("sha256"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("no checksum named 'sha256'; use crc32, crc32c or crc64nvme");
    }
}
