package objectstore.store;

/**
 * An error answered by the store: the S3 error code (NoSuchKey, NoSuchBucket, BucketAlreadyOwnedByYou, BucketNotEmpty,
 * SignatureDoesNotMatch, AccessDenied, ...), the HTTP status and the request id.
 */
public class ObjectStoreException extends RuntimeException {

    private final String code;
    private final int status;
    private final String requestId;

    public ObjectStoreException(String code, int status, String message, String requestId) {
        super(code + (message == null || message.isEmpty() ? "" : ": " + message) + " (HTTP " + status
                + (requestId == null ? "" : ", request id " + requestId) + ")");
        this.code = code;
        this.status = status;
        this.requestId = requestId;
    }

    /** The S3 error code, e.g. {@code NoSuchKey}. */
    public String code() {
        return code;
    }

    /** The HTTP status the store answered with (the Redis facade uses the status S3 would). */
    public int status() {
        return status;
    }

    /** The store's request id, or null. */
    public String requestId() {
        return requestId;
    }

    /** True for the codes a caller may retry: 500 InternalError, 503 SlowDown and the like. */
    public boolean retryable() {
        return status == 500 || status == 502 || status == 503 || status == 504;
    }
}
