package objectstore.docs;

import java.util.List;
import java.util.Optional;

/**
 * Every experiment the suite runs, in the book's order: the eight chapters, then the peers.
 */
public final class Chapters {

    /** What an experiment runs on. */
    public enum Store { S3, REDIS }

    /**
     * One experiment.
     *
     * @param name            its name in the results, e.g. {@code 01-blocking-s3}
     * @param mainClass       the class the suite runs in a child JVM
     * @param approach        a few words for charts and tables
     * @param fullIterations  the original experiment's iteration count
     * @param quickIterations the count for {@code --quick}
     * @param originalPut     items/s the original (Python) experiment reported for put_object, or null
     * @param originalGet     the same for get_object
     * @param peer            a library you would use instead, not one of the book's chapters
     */
    public record Chapter(String name, String mainClass, Store store, String approach, int fullIterations, int quickIterations,
                          Double originalPut, Double originalGet, boolean peer) {
    }

    /** The original's rates are what its scripts reported: ~items/s, 5,000-byte objects, one Docker MinIO, one Docker Redis. */
    public static final List<Chapter> ALL = List.of(
            new Chapter("01-blocking-s3", "objectstore.blocking.BlockingS3PutGet", Store.S3,
                    "blocking SDK", 1_000, 300, 20.0, 290.0, false),
            new Chapter("02-thread-pool-s3", "objectstore.threadpool.ThreadPoolS3PutGet", Store.S3,
                    "thread pool", 10_000, 500, 200.0, 275.0, false),
            new Chapter("03-async-executor-s3", "objectstore.asyncexecutor.AsyncExecutorS3PutGet", Store.S3,
                    "futures on a pool", 10_000, 500, 193.0, 220.0, false),
            new Chapter("04-sdk-async-s3", "objectstore.sdkasync.SdkAsyncS3PutGet", Store.S3,
                    "SDK async client", 10_000, 1_000, 547.0, 715.0, false),
            new Chapter("05-lite-http-s3", "objectstore.litehttp.LiteHttpS3PutGet", Store.S3,
                    "lite HTTP client", 10_000, 1_000, 1_429.0, 3_238.0, false),
            new Chapter("06-blocking-redis", "objectstore.blockingredis.BlockingRedisPutGet", Store.REDIS,
                    "blocking Redis", 100_000, 2_000, 4_935.0, 6_533.0, false),
            new Chapter("07-async-redis", "objectstore.asyncredis.AsyncRedisPutGet", Store.REDIS,
                    "async Redis", 100_000, 2_000, 10_383.0, 15_330.0, false),
            new Chapter("08-lite-over-redis", "objectstore.literedis.LiteOverRedisPutGet", Store.REDIS,
                    "lite client over Redis", 10_000, 1_000, null, null, false),
            new Chapter("peer-minio-sdk", "objectstore.docs.peers.MinioSdkPutGet", Store.S3,
                    "MinIO Java SDK", 10_000, 1_000, null, null, true),
            new Chapter("peer-sdk-crt", "objectstore.docs.peers.SdkCrtPutGet", Store.S3,
                    "SDK CRT client", 10_000, 1_000, null, null, true));

    /** The chapter everything is compared with, as the original did. */
    public static final String BASELINE = "01-blocking-s3";

    private Chapters() {
    }

    /** The experiment with this name, or whose name starts with it ({@code 04} finds {@code 04-sdk-async-s3}). */
    public static Optional<Chapter> find(String nameOrNumber) {
        for (Chapter c : ALL) {
            if (c.name().equals(nameOrNumber)) {
                return Optional.of(c);
            }
        }
        List<Chapter> prefixed = ALL.stream().filter(c -> c.name().startsWith(nameOrNumber + "-")).toList();
        return prefixed.size() == 1 ? Optional.of(prefixed.getFirst()) : Optional.empty();
    }

    /** The names, for messages. */
    public static String names() {
        return String.join(", ", ALL.stream().map(Chapter::name).toList());
    }
}
