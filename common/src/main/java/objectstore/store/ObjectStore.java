package objectstore.store;

import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The small asynchronous object-store API every async chapter is written against.
 *
 * <p>Three implementations answer it: the SDK's {@code S3AsyncClient} behind an adapter (chapter 04), the lite SigV4
 * client over async-http-client (chapter 05), and the lite client's Redis facade (chapter 08). A loop written against
 * this interface runs unchanged on all three.
 *
 * <p>Failures complete the future exceptionally: an {@link ObjectStoreException} carrying the S3 error code for errors
 * the store answered, or an exception that names the endpoint for those it did not.
 */
public interface ObjectStore extends AutoCloseable {

    /** Creates a bucket; fails with BucketAlreadyOwnedByYou when it is already ours. */
    CompletableFuture<Void> createBucket(String bucket);

    /** Deletes an empty bucket; fails with BucketNotEmpty or NoSuchBucket. */
    CompletableFuture<Void> deleteBucket(String bucket);

    /** The names of the buckets these credentials own, in name order (ListBuckets). */
    CompletableFuture<List<String>> listBuckets();

    /** Stores an object and completes with its ETag (without quotes). */
    CompletableFuture<String> putObject(String bucket, String key, byte[] data);

    /** Reads a whole object; fails with NoSuchKey when it is absent. */
    CompletableFuture<byte[]> getObject(String bucket, String key);

    /** Reads an object's metadata; fails with NoSuchKey when it is absent. */
    CompletableFuture<ObjectInfo> headObject(String bucket, String key);

    /** Deletes an object; deleting an absent key succeeds, as on S3. */
    CompletableFuture<Void> deleteObject(String bucket, String key);

    /**
     * One page of ListObjectsV2: keys under {@code prefix} after {@code continuationToken} (null for the first page).
     */
    CompletableFuture<ListPage> listObjects(String bucket, String prefix, String continuationToken, int maxKeys);

    /** DeleteObjects for up to 1,000 keys; completes with the keys the store could not delete. */
    CompletableFuture<List<DeleteError>> deleteObjects(String bucket, List<String> keys);

    /** What answers this API, for the run's first lines, e.g. "lite client (async-http-client 3.0.3)". */
    String description();

    /** Requests this store sent again after a failed attempt, since it opened; 0 for a store that does not retry. */
    default long retries() {
        return 0;
    }

    /** Connections this store's client opened since it opened, or -1 for a client that does not count them. */
    default long connectionsOpened() {
        return -1;
    }

    /** Releases connections and threads; never throws. */
    @Override
    void close();

    /** The most keys one DeleteObjects request may carry. */
    int MAX_DELETE_KEYS = 1000;
}
