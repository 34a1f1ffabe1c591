package objectstore.lite;

/**
 * How {@link LiteS3Client#upload} and {@link LiteS3Client#download} move a large object: in parts of {@code partSize}
 * bytes, {@code parallel} of them at once, once the object reaches {@code multipartThreshold}; with which whole-object
 * checksum; how often a cut range is resumed.
 *
 * <p>Start from {@link #defaults()} and change what you need with the withers; every value is checked here, with a
 * message that says what to give instead.
 *
 * @param partSize the bytes of each part of a multipart upload (the last may be smaller) and of each ranged GET: 5 MiB
 *     to 5 GiB, S3's limits for a part
 * @param parallel parts or ranges in flight at once; the client's {@link LiteSettings#maxInFlight()} must allow as many
 * @param multipartThreshold a file of this size or more goes up in parts (a smaller one in one PUT), an object of this
 *     size or more comes down in ranges
 * @param checksum the whole-object checksum sent with an upload and computed while a download arrives; null for none
 *     (nothing sent, computed or checked). A download computes the store's algorithm instead when the store keeps a
 *     whole-object checksum, and checks it
 * @param maxResumes how often one range may be asked again from the last byte written after its connection was cut
 */
public record TransferSettings(
        long partSize, int parallel, long multipartThreshold, ChecksumAlgorithm checksum, int maxResumes) {

    public static final long MIB = 1024 * 1024;
    /** S3's smallest part, but for the last one. */
    public static final long MIN_PART_SIZE = 5 * MIB;
    /** S3's largest part. */
    public static final long MAX_PART_SIZE = 5 * 1024 * MIB;
    /** S3's most parts in one upload. */
    public static final int MAX_PARTS = 10_000;

    /** 8 MiB parts above 8 MiB, as {@code aws s3 cp}. */
    public static final long DEFAULT_PART_SIZE = 8 * MIB;

    public static final long DEFAULT_MULTIPART_THRESHOLD = 8 * MIB;
    /** Parts in flight; docs/lite-large-objects.md says why this many. */
    public static final int DEFAULT_PARALLEL = 8;

    public static final int DEFAULT_MAX_RESUMES = 3;

    public TransferSettings {
        if (partSize < MIN_PART_SIZE || partSize > MAX_PART_SIZE) {
            throw new IllegalArgumentException("part size " + partSize + " bytes is outside S3's limits for a part;"
                    + " give 5 MiB (" + MIN_PART_SIZE + " bytes) to 5 GiB");
        }
        if (parallel < 1 || parallel > 256) {
            throw new IllegalArgumentException("parallel must be 1 to 256 parts at once; got " + parallel);
        }
        if (multipartThreshold < 1) {
            throw new IllegalArgumentException(
                    "the multipart threshold must be at least 1 byte; got " + multipartThreshold);
        }
        if (maxResumes < 0 || maxResumes > 100) {
            throw new IllegalArgumentException("maxResumes must be 0 to 100; got " + maxResumes);
        }
    }

    /** 8 MiB parts, {@value #DEFAULT_PARALLEL} at once, above 8 MiB; CRC32C; three resumes per range. */
    public static TransferSettings defaults() {
        return new TransferSettings(
                DEFAULT_PART_SIZE,
                DEFAULT_PARALLEL,
                DEFAULT_MULTIPART_THRESHOLD,
                ChecksumAlgorithm.CRC32C,
                DEFAULT_MAX_RESUMES);
    }

    /** These settings with parts (and ranges) of {@code bytes}. */
    public TransferSettings withPartSize(long bytes) {
        return new TransferSettings(bytes, parallel, multipartThreshold, checksum, maxResumes);
    }

    /** These settings with {@code parts} in flight at once. */
    public TransferSettings withParallel(int parts) {
        return new TransferSettings(partSize, parts, multipartThreshold, checksum, maxResumes);
    }

    /** These settings going multipart (or ranged) from {@code bytes} on. */
    public TransferSettings withMultipartThreshold(long bytes) {
        return new TransferSettings(partSize, parallel, bytes, checksum, maxResumes);
    }

    /** These settings with {@code algorithm} as the whole-object checksum. */
    public TransferSettings withChecksum(ChecksumAlgorithm algorithm) {
        if (algorithm == null) {
            throw new IllegalArgumentException("no checksum algorithm given; use withoutChecksum() for none");
        }
        return new TransferSettings(partSize, parallel, multipartThreshold, algorithm, maxResumes);
    }

    /** These settings with no whole-object checksum sent, and none computed unless the store keeps one. */
    public TransferSettings withoutChecksum() {
        return new TransferSettings(partSize, parallel, multipartThreshold, null, maxResumes);
    }

    /** These settings resuming a cut range at most {@code times}. */
    public TransferSettings withMaxResumes(int times) {
        return new TransferSettings(partSize, parallel, multipartThreshold, checksum, times);
    }

    /** The parts of an object of {@code size} bytes: at least one. */
    long partsFor(long size) {
        return Math.max(1, (size + partSize - 1) / partSize);
    }
}
