package objectstore.lite;

import java.time.Instant;

/**
 * A multipart upload begun and neither completed nor aborted, as ListMultipartUploads names it: its parts take space in
 * the bucket until it is aborted ({@link LiteS3Client#abortMultipartUpload}).
 *
 * @param key the object's key
 * @param uploadId the upload's id
 * @param initiated when it began; null when the store does not say
 */
public record MultipartUploadInfo(String key, String uploadId, Instant initiated) {}
