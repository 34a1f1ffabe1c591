package objectstore.lite;

import java.net.URI;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import objectstore.connection.Target;
import objectstore.store.DeleteError;
import objectstore.store.ETags;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.store.S3Names;
import objectstore.store.StoreUnavailableException;

/**
 * An S3 client on SigV4 ({@link SigV4Signer}) and one shared async-http-client: the S3 operations, each one HTTP
 * request described by a {@link Call} and sent by the {@link Transport}.
 *
 * <p>Every method returns at once. At most {@link LiteSettings#maxInFlight()} requests are in flight; more wait in a
 * queue. Invalid bucket names and keys ({@link S3Names}) fail the returned future with an
 * {@link IllegalArgumentException} before any request is sent; store errors fail it with an
 * {@link ObjectStoreException}, and an endpoint that does not answer with a {@link StoreUnavailableException} naming
 * it.
 *
 * <p>Every call is idempotent (see {@link #deleteObjects}), so a failed attempt is tried again, up to
 * {@code maxAttempts} in all, when the store answered 500, 502, 503 or 504, or when the connection failed before any
 * byte of an answer came back ({@link RetryPolicy}); {@link #retries()} counts them.
 *
 * <p>On AWS S3 ({@code https://s3.REGION.amazonaws.com}) buckets are virtual-hosted and https trusts the JDK's trust
 * store ({@link LiteSettings}); a bucket in another region is followed once, when S3 names its region, and remembered
 * ({@link BucketRoutes}).
 *
 * <p>Large objects go between a file and the store with {@link #upload} and {@link #download}: multipart and in
 * parallel ranges above a threshold, each part read or written in place, never the whole object in memory
 * ({@link TransferSettings}).
 *
 * <p>Set the logger {@code objectstore.lite} to DEBUG to see each request's method, path, status and time (never its
 * headers, so never a signature or a secret).
 */
public final class LiteS3Client implements ObjectStore {

    private static final byte[] NO_BYTES = new byte[0];

    private final Transport transport;
    private final String region;

    private LiteS3Client(Target target, LiteSettings settings) {
        this.transport = new Transport(target, settings);
        this.region = target.region();
    }

    /** A client for {@code target} (an http or https endpoint, credentials, region) with {@code settings}. */
    public static LiteS3Client open(Target target, LiteSettings settings) {
        return new LiteS3Client(target, settings);
    }

    /** A client for {@code target} with default settings. */
    public static LiteS3Client of(Target target) {
        return open(target, LiteSettings.defaults());
    }

    @Override
    public String description() {
        return "lite client (async-http-client " + HttpClients.AHC_VERSION + ")";
    }

    /** The endpoint this client talks to, e.g. {@code http://127.0.0.1:9001}. */
    public String endpoint() {
        return transport.endpoint();
    }

    /** Attempts sent again after a 5xx or a connection that failed before any answer, since the client opened. */
    @Override
    public long retries() {
        return transport.retries();
    }

    /** Connections opened to the store since the client opened (a connection carries one request at a time). */
    @Override
    public long connectionsOpened() {
        return transport.connectionsOpened();
    }

    /** The most connections that were being opened at once: at most {@link ConnectionPacing#OPENING_AT_ONCE}. */
    int mostConnectionsOpening() {
        return transport.mostConnectionsOpening();
    }

    // ---- Buckets --------------------------------------------------------------------------------

    @Override
    public CompletableFuture<Void> createBucket(String bucket) {
        // Outside us-east-1, S3 wants the bucket's region in the body.
        byte[] body = region.equals(Target.DEFAULT_REGION) ? NO_BYTES : S3Xml.createBucketRequest(region);
        return transport.send(new Call("PUT", bucket, null).body(body)).thenApply(response -> null);
    }

    @Override
    public CompletableFuture<Void> deleteBucket(String bucket) {
        return transport.send(new Call("DELETE", bucket, null)).thenApply(response -> {
            transport.forget(bucket);
            return null;
        });
    }

    /** ListBuckets: {@code GET /} on the endpoint, signed for the client's region. */
    @Override
    public CompletableFuture<List<String>> listBuckets() {
        return transport.send(new Call("GET", null, null)).thenApply(response -> S3Xml.bucketNames(response.body()));
    }

    // ---- Objects --------------------------------------------------------------------------------

    @Override
    public CompletableFuture<String> putObject(String bucket, String key, byte[] data) {
        return transport
                .send(new Call("PUT", bucket, key).body(data))
                .thenApply(response -> ETags.unquote(response.headers().get("ETag")));
    }

    @Override
    public CompletableFuture<byte[]> getObject(String bucket, String key) {
        return transport.send(new Call("GET", bucket, key)).thenApply(Call.Response::body);
    }

    @Override
    public CompletableFuture<ObjectInfo> headObject(String bucket, String key) {
        return transport
                .send(new Call("HEAD", bucket, key))
                .thenApply(response -> new ObjectInfo(
                        key,
                        Long.parseLong(response.headers().get("Content-Length", "0")),
                        ETags.unquote(response.headers().get("ETag")),
                        httpDate(response.headers().get("Last-Modified"))));
    }

    @Override
    public CompletableFuture<Void> deleteObject(String bucket, String key) {
        return transport.send(new Call("DELETE", bucket, key)).thenApply(response -> null);
    }

    @Override
    public CompletableFuture<ListPage> listObjects(
            String bucket, String prefix, String continuationToken, int maxKeys) {
        Call call = new Call("GET", bucket, null).query("list-type", "2");
        if (prefix != null && !prefix.isEmpty()) {
            call.query("prefix", prefix);
        }
        if (continuationToken != null) {
            call.query("continuation-token", continuationToken);
        }
        if (maxKeys > 0) {
            call.query("max-keys", Integer.toString(maxKeys));
        }
        return transport.send(call).thenApply(response -> S3Xml.listPage(response.body()));
    }

    @Override
    public CompletableFuture<List<DeleteError>> deleteObjects(String bucket, List<String> keys) {
        if (keys.isEmpty()) {
            return CompletableFuture.completedFuture(List.of());
        }
        if (keys.size() > MAX_DELETE_KEYS) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("DeleteObjects takes at most "
                    + MAX_DELETE_KEYS + " keys; got " + keys.size() + ": split the list"));
        }
        for (String key : keys) {
            String problem = S3Names.keyProblem(key);
            if (problem != null) {
                return CompletableFuture.failedFuture(new IllegalArgumentException(problem));
            }
        }
        /*
         * POST /bucket?delete with the keys in XML, Quiet so only failures come back. Though a POST, it is
         * idempotent, and retried like the others: deleting a key twice leaves the same bucket, and S3
         * reports an absent key as deleted, not as an error. S3 insists on a Content-MD5 of the body.
         */
        byte[] body = S3Xml.deleteRequest(keys);
        Call call = new Call("POST", bucket, null)
                .query("delete", "")
                .body(body)
                .header("content-md5", Base64.getEncoder().encodeToString(md5(body)))
                .header("content-type", "application/xml");
        return transport.send(call).thenApply(response -> S3Xml.deleteErrors(response.body()));
    }

    // ---- Large objects ----------------------------------------------------------------------------

    /**
     * Uploads {@code file} to {@code bucket/key}: one PUT under the settings' threshold, else a multipart upload with
     * up to {@code parallel} parts in flight, each sent from the file. The result is checked (ETag, checksum); a
     * failure or a cancel aborts the multipart upload before the result fails. A missing file, too many parts and the
     * like fail the result with a {@link objectstore.store.UserError} before any request.
     */
    public Transfer<Uploaded> upload(String bucket, String key, Path file, TransferSettings settings) {
        return new FileUpload(transport, bucket, key, file, settings).start();
    }

    /**
     * Downloads {@code bucket/key} to {@code file}: ranged GETs of {@code partSize}, up to {@code parallel} at once,
     * written in place into a temporary file beside it that replaces {@code file} once complete and checked. A missing
     * folder, a full disk and the like fail the result with a {@link objectstore.store.UserError}; nothing half-written
     * is left.
     */
    public Transfer<Downloaded> download(String bucket, String key, Path file, TransferSettings settings) {
        return new FileDownload(transport, bucket, key, file, settings).start();
    }

    /** ListMultipartUploads, every page: the uploads begun in {@code bucket} and not yet completed or aborted. */
    public CompletableFuture<List<MultipartUploadInfo>> listMultipartUploads(String bucket, String prefix) {
        return listUploads(bucket, prefix, null, null, new ArrayList<>());
    }

    private CompletableFuture<List<MultipartUploadInfo>> listUploads(
            String bucket, String prefix, String keyMarker, String uploadIdMarker, List<MultipartUploadInfo> found) {
        Call call = new Call("GET", bucket, null).query("uploads", "");
        if (prefix != null && !prefix.isEmpty()) {
            call.query("prefix", prefix);
        }
        if (keyMarker != null) {
            call.query("key-marker", keyMarker);
            if (uploadIdMarker != null) {
                call.query("upload-id-marker", uploadIdMarker);
            }
        }
        return transport.send(call).thenCompose(response -> {
            S3Xml.MultipartUploadPage page = S3Xml.multipartUploads(response.body());
            found.addAll(page.uploads());
            return page.nextKeyMarker() == null
                    ? CompletableFuture.completedFuture(List.copyOf(found))
                    : listUploads(bucket, prefix, page.nextKeyMarker(), page.nextUploadIdMarker(), found);
        });
    }

    /** AbortMultipartUpload: the upload's parts are deleted, and its id no longer names an upload. */
    public CompletableFuture<Void> abortMultipartUpload(String bucket, String key, String uploadId) {
        return transport
                .send(new Call("DELETE", bucket, key).query("uploadId", uploadId))
                .thenApply(response -> null);
    }

    /** A presigned GET (or PUT) URL for an object, valid for {@code expiresSeconds} (at most 7 days). */
    public URI presign(String method, String bucket, String key, long expiresSeconds) {
        return transport.presign(method, bucket, key, expiresSeconds);
    }

    @Override
    public void close() {
        transport.close();
    }

    private static Instant httpDate(String value) {
        if (value == null) {
            return null;
        }
        try {
            return ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static byte[] md5(byte[] data) {
        try {
            return MessageDigest.getInstance("MD5").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks MD5", e);
        }
    }
}
