package objectstore.provisioning;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import objectstore.store.DeleteError;
import objectstore.store.ListPage;
import objectstore.store.ObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.store.S3Names;
import objectstore.store.UserError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bucket's life around a run, as in the original experiments: created before (already ours is fine), and afterwards
 * emptied with a paginated ListObjectsV2 and batched DeleteObjects (up to 1,000 keys a call), then deleted.
 */
public final class BucketLifecycle {

    private static final Logger LOG = LoggerFactory.getLogger(BucketLifecycle.class);

    private BucketLifecycle() {}

    /** The bucket an experiment uses: its module name without the number, e.g. {@code blocking-s3}. */
    public static String bucketName(String experiment) {
        return experiment.replaceFirst("^\\d+-", "").replace('_', '-');
    }

    /** The environment variable that gives each of several clients of one store a bucket of its own. */
    public static final String SUFFIX_VARIABLE = "OBJECTSTORE_BUCKET_SUFFIX";

    /*
     * Clients of one experiment run at once against one store (docs/scale-out.md) would share the bucket,
     * and the first to finish would delete it under the others. With a suffix, e.g. the client's index,
     * each has its own: lite-http-s3-2. On Redis the bucket is the keys' prefix, which the suffix separates too.
     */
    /**
     * {@link #bucketName(String)}, plus {@code -suffix} when one is given; a suffix that makes an invalid name is a
     * {@link UserError}.
     */
    public static String bucketName(String experiment, String suffix) {
        if (suffix == null || suffix.isBlank()) {
            return bucketName(experiment);
        }
        String bucket = bucketName(experiment) + "-" + suffix.strip();
        String problem = S3Names.bucketProblem(bucket);
        if (problem != null) {
            throw new UserError(SUFFIX_VARIABLE + "='" + suffix + "' makes an " + problem);
        }
        return bucket;
    }

    /** Creates the bucket; one we already own is fine. */
    public static void create(ObjectStore store, String bucket) {
        try {
            store.createBucket(bucket).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ObjectStoreException s3 && s3.code().equals("BucketAlreadyOwnedByYou")) {
                LOG.info("bucket {} already exists and is ours", bucket);
                return;
            }
            throw e;
        }
    }

    /**
     * Deletes every object in the bucket and returns how many: first every key, page by page with the continuation
     * token, then DeleteObjects on batches of 1,000, all batches in flight at once. Listing and deleting are kept apart
     * because some stores (S3Proxy's filesystem backend) skip keys when a listing continues past objects deleted under
     * it; a last listing confirms the bucket is empty.
     */
    public static long purge(ObjectStore store, String bucket) {
        long deleted = 0;
        for (int attempt = 0; attempt < 3; attempt++) {
            List<String> keys = listAll(store, bucket);
            if (keys.isEmpty()) {
                LOG.info("purged {} objects from {}", deleted, bucket);
                return deleted;
            }
            List<CompletableFuture<List<DeleteError>>> batches = new ArrayList<>();
            for (int from = 0; from < keys.size(); from += ObjectStore.MAX_DELETE_KEYS) {
                batches.add(store.deleteObjects(
                        bucket, keys.subList(from, Math.min(keys.size(), from + ObjectStore.MAX_DELETE_KEYS))));
            }
            for (CompletableFuture<List<DeleteError>> batch : batches) {
                List<DeleteError> errors = batch.join();
                if (!errors.isEmpty()) {
                    DeleteError first = errors.getFirst();
                    throw new IllegalStateException(
                            errors.size() + " objects of bucket " + bucket + " could not be deleted; first "
                                    + first.key() + ": " + first.code() + " " + first.message());
                }
            }
            deleted += keys.size();
        }
        throw new IllegalStateException("bucket " + bucket + " still lists objects after three purges");
    }

    /** Every key in the bucket, following continuation tokens. */
    public static List<String> listAll(ObjectStore store, String bucket) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListPage page = store.listObjects(bucket, "", token, ObjectStore.MAX_DELETE_KEYS)
                    .join();
            page.objects().forEach(o -> keys.add(o.key()));
            token = page.nextContinuationToken();
        } while (token != null);
        return keys;
    }

    /** Empties and deletes the bucket; a bucket that is already gone is fine. */
    public static void delete(ObjectStore store, String bucket) {
        try {
            purge(store, bucket);
            store.deleteBucket(bucket).join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof ObjectStoreException s3 && s3.code().equals("NoSuchBucket")) {
                return;
            }
            throw e;
        }
    }
}
