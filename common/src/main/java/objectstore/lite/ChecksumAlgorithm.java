package objectstore.lite;

import java.nio.ByteBuffer;
import java.util.Base64;
import java.util.Locale;
import java.util.zip.CRC32;
import java.util.zip.CRC32C;
import java.util.zip.Checksum;

/**
 * The whole-object checksums S3 keeps beside an object ({@code x-amz-checksum-*}) that can be computed in pieces: the
 * three CRCs. A part's or a range's CRC, computed as its bytes stream by, combines with the others' into the whole
 * object's ({@link #combine}), so neither side reads the data twice, and ranges may arrive in any order.
 *
 * <p>CRC32 and CRC32C are the JDK's ({@link CRC32}, {@link CRC32C}), intrinsics on x86-64 and ARM; CRC64NVME is this
 * package's {@link Crc64Nvme}, plain Java. On the wire a value is the big-endian bytes of the CRC, in base64.
 */
public enum ChecksumAlgorithm {
    CRC32(32, 0xEDB88320L),
    CRC32C(32, 0x82F63B78L),
    CRC64NVME(64, Crc64Nvme.POLYNOMIAL);

    private final CrcCombine combination;
    private final String header;
    private final String element;

    ChecksumAlgorithm(int width, long reflectedPolynomial) {
        this.combination = new CrcCombine(width, reflectedPolynomial);
        this.header = "x-amz-checksum-" + name().toLowerCase(Locale.ROOT);
        this.element = "Checksum" + name();
    }

    /** A new running checksum of this kind. */
    public Checksum newChecksum() {
        return switch (this) {
            case CRC32 -> new CRC32();
            case CRC32C -> new CRC32C();
            case CRC64NVME -> new Crc64Nvme();
        };
    }

    /** The checksum of A followed by B, from A's and B's and B's length in bytes. */
    public long combine(long checksumA, long checksumB, long lengthB) {
        return combination.combine(checksumA, checksumB, lengthB);
    }

    /** The value as S3 writes it: the big-endian bytes in base64. */
    public String encode(long value) {
        ByteBuffer bytes = ByteBuffer.allocate(combination.width() / 8);
        if (combination.width() == 32) {
            bytes.putInt((int) value);
        } else {
            bytes.putLong(value);
        }
        return Base64.getEncoder().encodeToString(bytes.array());
    }

    /**
     * A whole-object value as S3 writes it, back to a number; null for anything else, a composite value ("...-N", a
     * checksum of the parts' checksums) among them.
     */
    public Long decode(String base64) {
        if (base64 == null || base64.indexOf('-') >= 0) {
            return null;
        }
        try {
            byte[] bytes = Base64.getDecoder().decode(base64.strip());
            if (bytes.length * 8 != combination.width()) {
                return null;
            }
            long value = 0;
            for (byte b : bytes) {
                value = (value << 8) | (b & 0xff);
            }
            return value;
        } catch (IllegalArgumentException notBase64) {
            return null;
        }
    }

    /** The header that carries the value: {@code x-amz-checksum-crc32c}. */
    public String header() {
        return header;
    }

    /** The XML element of a part's value in CompleteMultipartUpload: {@code ChecksumCRC32C}. */
    String element() {
        return element;
    }

    /** {@code crc32}, {@code crc32c} or {@code crc64nvme} (any case), as S3 and the command line name them. */
    public static ChecksumAlgorithm named(String name) {
        for (ChecksumAlgorithm algorithm : values()) {
            if (algorithm.name().equalsIgnoreCase(name.strip())) {
                return algorithm;
            }
        }
        throw new IllegalArgumentException("no checksum named '" + name + "'; use crc32, crc32c or crc64nvme");
    }
}
