package objectstore.bench;

import java.util.List;
import java.util.Optional;
import objectstore.asyncexecutor.AsyncExecutorS3PutGet;
import objectstore.asyncredis.AsyncRedisPutGet;
import objectstore.bench.peers.MinioSdkPutGet;
import objectstore.bench.peers.SdkCrtPutGet;
import objectstore.blocking.BlockingS3PutGet;
import objectstore.blockingredis.BlockingRedisPutGet;
import objectstore.largeobjects.LargeObjectsS3PutGet;
import objectstore.litehttp.LiteHttpS3PutGet;
import objectstore.literedis.LiteOverRedisPutGet;
import objectstore.provisioning.StoreKind;
import objectstore.sdkasync.SdkAsyncS3PutGet;
import objectstore.threadpool.ThreadPoolS3PutGet;

/** Every experiment the suite runs, in the book's order: the chapters, then the peers. */
public final class Chapters {

    /** What an experiment runs on. */
    public enum Store {
        S3,
        REDIS
    }

    /**
     * One experiment, as the book shows it: its descriptor (name, main class, store, defaults) and what the suite and
     * the charts add.
     *
     * @param experiment the experiment's own descriptor
     * @param approach a few words for charts and tables
     * @param fullIterations the original experiment's iteration count
     * @param quickIterations the count for {@code --quick}
     * @param originalPut items/s the original (Python) experiment reported for put_object, or null
     * @param originalGet the same for get_object
     * @param peer a library you would use instead, not one of the book's chapters
     * @param quickArgs what else it is given under {@code --quick}, e.g. a smaller object size
     */
    public record Chapter(
            objectstore.harness.Chapter experiment,
            String approach,
            int fullIterations,
            int quickIterations,
            Double originalPut,
            Double originalGet,
            boolean peer,
            List<String> quickArgs) {

        /** An experiment that runs under {@code --quick} as it does otherwise, but for its count. */
        public Chapter(
                objectstore.harness.Chapter experiment,
                String approach,
                int fullIterations,
                int quickIterations,
                Double originalPut,
                Double originalGet,
                boolean peer) {
            this(experiment, approach, fullIterations, quickIterations, originalPut, originalGet, peer, List.of());
        }

        /** Its name in the results, e.g. {@code 01-blocking-s3}. */
        public String name() {
            return experiment.name();
        }

        /** The class the suite runs in a child JVM. */
        public String mainClass() {
            return experiment.mainClass().getName();
        }

        public Store store() {
            return experiment.store() == StoreKind.S3 ? Store.S3 : Store.REDIS;
        }
    }

    /**
     * The original's rates are what its scripts reported: ~items/s, 5,000-byte objects, one Docker MinIO, one Docker
     * Redis.
     */
    public static final List<Chapter> ALL = List.of(
            new Chapter(BlockingS3PutGet.CHAPTER, "blocking SDK", 1_000, 300, 20.0, 290.0, false),
            new Chapter(ThreadPoolS3PutGet.CHAPTER, "thread pool", 10_000, 500, 200.0, 275.0, false),
            new Chapter(AsyncExecutorS3PutGet.CHAPTER, "futures on a pool", 10_000, 500, 193.0, 220.0, false),
            new Chapter(SdkAsyncS3PutGet.CHAPTER, "SDK async client", 10_000, 1_000, 547.0, 715.0, false),
            new Chapter(LiteHttpS3PutGet.CHAPTER, "lite HTTP client", 10_000, 1_000, 1_429.0, 3_238.0, false),
            new Chapter(BlockingRedisPutGet.CHAPTER, "blocking Redis", 100_000, 2_000, 4_935.0, 6_533.0, false),
            new Chapter(AsyncRedisPutGet.CHAPTER, "async Redis", 100_000, 2_000, 10_383.0, 15_330.0, false),
            new Chapter(LiteOverRedisPutGet.CHAPTER, "lite client over Redis", 10_000, 1_000, null, null, false),
            new Chapter(
                    LargeObjectsS3PutGet.CHAPTER,
                    "large objects, five clients",
                    2,
                    1,
                    null,
                    null,
                    false,
                    List.of("--size", String.valueOf(16 << 20))),
            new Chapter(MinioSdkPutGet.CHAPTER, "MinIO Java SDK", 10_000, 1_000, null, null, true),
            new Chapter(SdkCrtPutGet.CHAPTER, "SDK CRT client", 10_000, 1_000, null, null, true));

    private Chapters() {}

    /** The experiment with this name, or whose name starts with it ({@code 04} finds {@code 04-sdk-async-s3}). */
    public static Optional<Chapter> find(String nameOrNumber) {
        for (Chapter c : ALL) {
            if (c.name().equals(nameOrNumber)) {
                return Optional.of(c);
            }
        }
        List<Chapter> prefixed = ALL.stream()
                .filter(c -> c.name().startsWith(nameOrNumber + "-"))
                .toList();
        return prefixed.size() == 1 ? Optional.of(prefixed.getFirst()) : Optional.empty();
    }

    /**
     * True for an experiment of large objects (chapter 09: objects of MiB, not of 5,000 bytes): its rates compare with
     * no other chapter's, so the suite's ratios and charts leave it out.
     */
    public static boolean largeObjects(String experiment) {
        return find(experiment)
                .map(c -> c.experiment().defaults().maxSize() > objectstore.harness.Options.Defaults.IN_MEMORY_MAX_SIZE)
                .orElse(false);
    }

    /** The names, for messages. */
    public static String names() {
        return String.join(", ", ALL.stream().map(Chapter::name).toList());
    }
}
