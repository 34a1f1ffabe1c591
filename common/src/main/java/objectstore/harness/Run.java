package objectstore.harness;

import java.io.PrintStream;
import java.net.URI;
import java.util.List;

import objectstore.common.Options;
import objectstore.common.S3Target;
import objectstore.common.StoreInfo;
import objectstore.common.UserError;
import objectstore.store.ObjectStore;

/** What an experiment's chapter code is given: its options, its store, its bucket, and the harness. */
public final class Run {

    private final Options options;
    private final StoreInfo store;
    private final S3Target s3;
    private final URI redis;
    private final String bucket;
    private final Runnable emptyBucket;
    private final PrintStream out;

    Run(Options options, StoreInfo store, S3Target s3, URI redis, String bucket, Runnable emptyBucket, PrintStream out) {
        this.options = options;
        this.store = store;
        this.s3 = s3;
        this.redis = redis;
        this.bucket = bucket;
        this.emptyBucket = emptyBucket;
        this.out = out;
    }

    public Options options() {
        return options;
    }

    /** The store this run measures, as the results name it. */
    public StoreInfo store() {
        return store;
    }

    /** Endpoint, credentials and region of the S3 store (S3 chapters). */
    public S3Target s3() {
        if (s3 == null) {
            throw new IllegalStateException(options.experiment() + " runs on Redis, not S3");
        }
        return s3;
    }

    /** The Redis URI, password included: never print it (Redis chapters). */
    public URI redis() {
        if (redis == null) {
            throw new IllegalStateException(options.experiment() + " runs on S3, not Redis");
        }
        return redis;
    }

    /** The S3 credentials, or null on Redis (a Redis URI carries its own password). */
    public objectstore.common.Credentials s3Credentials() {
        return s3 == null ? null : s3.credentials();
    }

    /** The endpoint the chapter's client talks to: the S3 endpoint, or the Redis URI. */
    public URI endpoint() {
        return s3 != null ? s3.endpoint() : redis;
    }

    /** The bucket made for this run (on Redis: the key prefix {@code bucket/}). */
    public String bucket() {
        return bucket;
    }

    /** Measures {@code phases} with the harness; {@code client} says what made the requests. */
    public RunResult measure(String client, List<Phase> phases) throws Exception {
        if (options.duration() > 0) {
            throw new UserError("--duration (a soak run) needs a chapter on the ObjectStore API: 04, 05 or 08");
        }
        out.println("client: " + client);
        return new Harness(options, store, client, out).measure(phases, emptyBucket);
    }

    /**
     * Measures {@code phases} made with {@code objectStore}, reporting its retries per phase; with
     * {@code --duration} runs a soak on it instead (see {@link Soak}).
     */
    public RunResult measure(ObjectStore objectStore, String client, List<Phase> phases) throws Exception {
        out.println("client: " + client);
        Harness harness = new Harness(options, store, client, out, objectStore::retries);
        if (options.duration() > 0) {
            return harness.soak(objectStore, bucket, emptyBucket);
        }
        return harness.measure(phases, emptyBucket);
    }
}
