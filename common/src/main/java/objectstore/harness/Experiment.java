package objectstore.harness;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import objectstore.common.BucketLifecycle;
import objectstore.common.Options;
import objectstore.common.Options.Defaults;
import objectstore.common.Options.Extra;
import objectstore.common.RedisKeys;
import objectstore.common.RedisStore;
import objectstore.common.S3Store;
import objectstore.common.StoreStartException;
import objectstore.common.Stores;
import objectstore.common.UserError;
import objectstore.store.ObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;

/**
 * The plumbing around every chapter's loop: parse the options, find the store and say which it is,
 * create the bucket, measure, print and write the results, and clean up (purge and delete the bucket,
 * stop an embedded store), also when the run fails half-way.
 *
 * <p>Returns the process exit code: 0 when every phase verified every object, 1 when the run failed,
 * 2 for bad input. Problems are one line on stderr; no stack trace unless {@code -Dobjectstore.trace=true}.
 */
public final class Experiment {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(Experiment.class);

    /** A chapter: given a run, it measures its phases. */
    @FunctionalInterface
    public interface Chapter {
        RunResult measure(Run run) throws Exception;
    }

    /** What a chapter runs on, and how its bucket is made and removed. */
    public enum Kind {
        /** An S3 store; the bucket is created and purged with the lite client. */
        S3,
        /** Redis with plain keys {@code bucket/uuid}; the bucket is a key prefix, removed with SCAN and UNLINK. */
        REDIS_KEYS,
        /** Redis through the lite client's S3 facade; the bucket is created and purged through it. */
        REDIS_OBJECTS
    }

    private Experiment() {
    }

    /** Runs a chapter on this process's environment, printing to stdout and stderr; returns the exit code. */
    public static int main(String experiment, Kind kind, Defaults defaults, List<Extra> extras, String[] args, Chapter chapter) {
        return run(experiment, kind, defaults, extras, args, System.getenv(), System.out, System.err, chapter);
    }

    /** Runs a chapter; the testable form of {@link #main}. */
    public static int run(String experiment, Kind kind, Defaults defaults, List<Extra> extras, String[] args,
                          Map<String, String> env, PrintStream out, PrintStream err, Chapter chapter) {
        Options options;
        try {
            options = Options.parse(experiment, defaults, extras, args);
        } catch (UserError e) {
            err.println(experiment + ": " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.print(Options.usage(experiment, defaults, extras));
            return 0;
        }
        out.printf("%s: %,d objects of %,d bytes, concurrency %,d, %d rounds after a warm-up of %,d%s%n", experiment,
                options.iterations(), options.size(), options.concurrency(), options.rounds(), options.warmup(),
                options.extras().isEmpty() ? "" : ", " + options.extras());

        String bucket = BucketLifecycle.bucketName(experiment);
        try (Session session = Session.open(kind, options, env, bucket)) {
            out.println(session.storeLine());
            if (session.credentialsLine() != null) {
                out.println(session.credentialsLine());
            }
            session.createBucket();
            Run run = new Run(options, session.info(), session.s3(), session.redis(), bucket, session::emptyBucket, out);
            RunResult result = chapter.measure(run);
            Summary.print(result, out);
            writeJson(result, options, out);
            session.deleteBucket();
            if (!result.passed()) {
                err.println(experiment + ": FAILED: some operations failed or were not verified (see above)");
                return 1;
            }
            return 0;
        } catch (UserError e) {
            err.println(experiment + ": " + e.getMessage());
            return 2;
        } catch (Exception e) {
            err.println(experiment + ": " + oneLine(e));
            if (Boolean.getBoolean("objectstore.trace")) {
                e.printStackTrace(err);
            }
            return 1;
        }
    }

    private static void writeJson(RunResult result, Options options, PrintStream out) throws Exception {
        Path always = objectstore.common.ModuleDir.resolve("target/results/" + options.experiment() + ".json");
        ResultsJson.write(result, always);
        out.println("results JSON: " + always.toAbsolutePath().normalize());
        if (options.json() != null) {
            ResultsJson.write(result, options.json());
            out.println("results JSON: " + options.json().toAbsolutePath().normalize());
        }
    }

    /** A failure as one line: what failed and why, without wrapper exceptions. */
    static String oneLine(Throwable e) {
        Throwable cause = e;
        while ((cause instanceof CompletionException || cause.getClass() == RuntimeException.class) && cause.getCause() != null) {
            cause = cause.getCause();
        }
        if (cause instanceof StoreStartException || cause instanceof StoreUnavailableException || cause instanceof ObjectStoreException
                || cause instanceof Harness.WarmupFailed || cause instanceof Harness.StoreLost) {
            return cause.getMessage();
        }
        return Recorder.describe(cause);
    }

    /** The store, and the bucket on it, for one run; closing removes the bucket (if still there) and stops an embedded store. */
    private static final class Session implements AutoCloseable {

        private final Kind kind;
        private final S3Store s3Store;
        private final RedisStore redisStore;
        private final ObjectStore admin;
        private final String bucket;
        private boolean bucketExists;

        private Session(Kind kind, S3Store s3Store, RedisStore redisStore, ObjectStore admin, String bucket) {
            this.kind = kind;
            this.s3Store = s3Store;
            this.redisStore = redisStore;
            this.admin = admin;
            this.bucket = bucket;
        }

        static Session open(Kind kind, Options options, Map<String, String> env, String bucket) {
            if (kind == Kind.S3) {
                S3Store store = Stores.s3(options, env);
                try {
                    return new Session(kind, store, null, Admin.s3(store.target()), bucket);
                } catch (RuntimeException e) {
                    store.close();
                    throw e;
                }
            }
            RedisStore store = Stores.redis(options, env);
            try {
                return new Session(kind, null, store, kind == Kind.REDIS_OBJECTS ? Admin.redis(store.uri()) : null, bucket);
            } catch (RuntimeException e) {
                store.close();
                throw e;
            }
        }

        String storeLine() {
            return (s3Store != null ? s3Store.info() : redisStore.info()).line();
        }

        String credentialsLine() {
            return s3Store != null ? "credentials: " + s3Store.target().credentials().source() : null;
        }

        objectstore.common.StoreInfo info() {
            return s3Store != null ? s3Store.info() : redisStore.info();
        }

        objectstore.common.S3Target s3() {
            return s3Store != null ? s3Store.target() : null;
        }

        URI redis() {
            return redisStore != null ? redisStore.uri() : null;
        }

        void createBucket() {
            if (admin != null) {
                BucketLifecycle.create(admin, bucket);
            }
            bucketExists = true;
        }

        void emptyBucket() {
            if (kind == Kind.REDIS_KEYS) {
                RedisKeys.purge(redisStore.uri(), bucket + "/");
            } else {
                BucketLifecycle.purge(admin, bucket);
            }
        }

        void deleteBucket() {
            if (!bucketExists) {
                return;
            }
            bucketExists = false;
            if (kind == Kind.REDIS_KEYS) {
                RedisKeys.purge(redisStore.uri(), bucket + "/");
            } else {
                BucketLifecycle.delete(admin, bucket);
            }
        }

        @Override
        public void close() {
            try {
                deleteBucket();
            } catch (RuntimeException e) {
                // The run has already failed and said why in its one line; this is a consequence, for the log.
                LOG.warn("could not remove bucket {}: {}", bucket, oneLine(e));
            } finally {
                if (admin != null) {
                    admin.close();
                }
                if (s3Store != null) {
                    s3Store.close();
                }
                if (redisStore != null) {
                    redisStore.close();
                }
            }
        }
    }
}
