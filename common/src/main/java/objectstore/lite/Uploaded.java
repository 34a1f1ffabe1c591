package objectstore.lite;

/**
 * A file that became an object ({@link LiteS3Client#upload}), checked: its ETag is the one the client computed from the
 * bytes it sent (the MD5 for a single PUT; for a multipart upload, the MD5 of the parts' MD5s followed by "-N"), and
 * the store accepted the checksum, when one was sent.
 *
 * @param bucket the bucket
 * @param key the key
 * @param size the bytes uploaded
 * @param parts the parts of a multipart upload; 0 for a single PUT
 * @param eTag the object's ETag, without quotes
 * @param checksumAlgorithm the whole-object checksum sent, or null for none
 * @param checksum its value as S3 writes it (base64), or null
 */
public record Uploaded(
        String bucket,
        String key,
        long size,
        int parts,
        String eTag,
        ChecksumAlgorithm checksumAlgorithm,
        String checksum) {}
