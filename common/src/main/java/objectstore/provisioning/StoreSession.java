package objectstore.provisioning;

import java.util.List;
import java.util.function.Function;
import objectstore.connection.Target;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.redis.RedisObjectStore;
import objectstore.store.ObjectStore;
import objectstore.util.Causes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store and the bucket of one run. Opening finds (or starts) the store; {@link #createBucket}, {@link #emptyBucket}
 * and {@link #deleteBucket} manage the bucket; closing removes the bucket if it is still there and stops a store the
 * run started, also when the run failed half-way.
 */
public final class StoreSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StoreSession.class);

    private final StoreKind kind;
    private final ProvisionedStore store;
    private final ObjectStore admin;
    private final String bucket;
    private boolean bucketExists;

    private StoreSession(StoreKind kind, ProvisionedStore store, ObjectStore admin, String bucket) {
        this.kind = kind;
        this.store = store;
        this.admin = admin;
        this.bucket = bucket;
    }

    /** Opens the store {@code find} gives for {@code kind}, and the client that manages {@code bucket} on it. */
    public static StoreSession open(StoreKind kind, Function<StoreKind, ProvisionedStore> find, String bucket) {
        ProvisionedStore store = find.apply(kind);
        try {
            /*
             * The bucket is made and removed by a client of its own, apart from the one the chapter
             * measures: the lite client (cheap to start, and free of the SDK, so every S3 chapter can use
             * it), or the facade for a chapter that keeps S3 objects in Redis.
             */
            ObjectStore admin = switch (kind) {
                case S3 ->
                    LiteS3Client.open(store.target(), LiteSettings.defaults().withMaxInFlight(16));
                case REDIS_OBJECTS -> RedisObjectStore.open(store.target().endpoint(), null);
                case REDIS_KEYS -> null;
            };
            return new StoreSession(kind, store, admin, bucket);
        } catch (RuntimeException e) {
            store.close();
            throw e;
        }
    }

    /** Kind, product, backend and endpoint, for output and results. */
    public StoreInfo info() {
        return store.info();
    }

    /** The processes of the store when this run started it (for its CPU time), else none. */
    public List<Long> serverPids() {
        return store.serverPids();
    }

    /** Where the run's clients connect, and as whom. */
    public Target target() {
        return store.target();
    }

    /** The line that says where the credentials came from, or null (Redis: they are in the URI). */
    public String credentialsLine() {
        return store.target().credentials() != null
                ? "credentials: " + store.target().credentials().source()
                : null;
    }

    public String bucket() {
        return bucket;
    }

    public void createBucket() {
        if (admin != null) {
            BucketLifecycle.create(admin, bucket);
        }
        bucketExists = true;
    }

    /**
     * The store as the results should name it after a PUT phase: on a Redis Cluster, with how many of this run's keys
     * each master holds (its objects' keys: {@code bucket/...} for plain keys, the facade's object strings for S3
     * objects), counted with SCAN on every master; else as it is.
     */
    public StoreInfo infoAfterPut() {
        StoreInfo info = store.info();
        if (info.cluster() == null || kind == StoreKind.S3) {
            return info;
        }
        String pattern = kind == StoreKind.REDIS_KEYS
                ? RedisKeys.escapeGlob(bucket + "/") + "*"
                : RedisObjectStore.objectKeyPattern(bucket);
        return info.withKeysPerMaster(RedisKeys.countPerMaster(store.target().endpoint(), pattern));
    }

    /** Removes every object of the bucket and keeps the bucket. */
    public void emptyBucket() {
        if (kind == StoreKind.REDIS_KEYS) {
            RedisKeys.purge(store.target().endpoint(), bucket + "/");
        } else {
            BucketLifecycle.purge(admin, bucket);
        }
    }

    /** Removes the bucket and everything in it. */
    public void deleteBucket() {
        if (!bucketExists) {
            return;
        }
        bucketExists = false;
        if (kind == StoreKind.REDIS_KEYS) {
            RedisKeys.purge(store.target().endpoint(), bucket + "/");
        } else {
            BucketLifecycle.delete(admin, bucket);
        }
    }

    @Override
    public void close() {
        try {
            deleteBucket();
        } catch (RuntimeException e) {
            /*
             * The run has already failed and said why in its one line; this is a consequence. A store this
             * run started goes away with the run, bucket and all, so only an external store's left-over
             * bucket is worth a warning.
             */
            if (store.owned() == null) {
                LOG.warn("could not remove bucket {}: {}", bucket, Causes.describe(e));
            } else {
                LOG.debug("could not remove bucket {} from the store this run started: {}", bucket, Causes.describe(e));
            }
        } finally {
            if (admin != null) {
                admin.close();
            }
            store.close();
        }
    }
}
