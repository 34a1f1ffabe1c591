package objectstore.lite;

import java.nio.file.Path;

/**
 * An object that became a file ({@link LiteS3Client#download}): every range arrived whole, and the file was renamed
 * into place only then.
 *
 * @param bucket the bucket
 * @param key the key
 * @param file the file written
 * @param size the bytes written
 * @param ranges the ranged GETs it took (resumed ones not counted twice)
 * @param eTag the object's ETag, without quotes; every range asked for exactly this version ({@code If-Match})
 * @param checksumAlgorithm the whole-object checksum computed over the bytes written, or null for none
 * @param checksum its value as S3 writes it (base64), or null; compare it with {@link Uploaded#checksum()}
 * @param checkedByStore true when the store kept a whole-object checksum of that algorithm and it matched
 */
public record Downloaded(
        String bucket,
        String key,
        Path file,
        long size,
        int ranges,
        String eTag,
        ChecksumAlgorithm checksumAlgorithm,
        String checksum,
        boolean checkedByStore) {}
