package objectstore.asyncexecutor;

import static java.util.concurrent.CompletableFuture.supplyAsync;
import static objectstore.threadpool.ThreadPoolS3PutGet.submitAllThenWait;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import objectstore.harness.Chapter;
import objectstore.harness.Loop;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Phase;
import objectstore.harness.Recorder;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.harness.TestObject;
import objectstore.provisioning.StoreKind;
import objectstore.sdk.SdkClients;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** Chapter 03: asynchronous wrappers over a blocking client, CompletableFuture on an executor. */
public final class AsyncExecutorS3PutGet {

    /*
     * An API can return futures and still block underneath. Python's loop.run_in_executor wraps a
     * blocking call so that asyncio code can await it; Java's counterpart is
     * CompletableFuture.supplyAsync(blockingCall, executor). The callers see an async API, but each call
     * still holds a pool thread for its whole round trip: the concurrency is the pool's, not the network's.
     *
     * The original found this slightly slower than chapter 02's plain thread pool and put it down to the
     * cost of bridging into asyncio. Here the same run also measures the plain executor form on the same
     * pool and client, so the difference is the bridging and nothing else.
     */
    public static final Chapter CHAPTER = new Chapter(
            "03-async-executor-s3",
            AsyncExecutorS3PutGet.class,
            StoreKind.S3,
            new Defaults(10_000, 5_000, 300),
            AsyncExecutorS3PutGet::measure);

    public static void main(String[] args) {
        System.exit(CHAPTER.main(args));
    }

    static RunResult measure(Run run) throws Exception {
        int workers = run.concurrency();
        String bucket = run.bucket();
        try (ExecutorService pool = Executors.newFixedThreadPool(workers);
                S3Client s3 = SdkClients.blocking(run.target(), workers)) {

            return run.measure(
                    SdkClients.describe("S3Client", "apache-client", workers) + ", wrapped in CompletableFuture on "
                            + workers + " platform threads",
                    List.of(

                            /*
                             * The loop that matters: start every call as a future on the pool, then wait for all
                             * of them together (asyncio.gather in the original).
                             */
                            // tag::put-futures[]
                            Phase.put(
                                    Loop.OWN,
                                    (objects, rec) -> startAllThenWait(
                                            objects,
                                            o -> rec.putAsync(o, () -> supplyAsync(() -> put(s3, bucket, o), pool)))),
                            // end::put-futures[]

                            Phase.get(
                                    Loop.OWN,
                                    (objects, rec) -> startAllThenWait(
                                            objects,
                                            o -> rec.getAsync(o, () -> supplyAsync(() -> get(s3, bucket, o), pool)))),

                            /* A put, then (on a pool thread again) the get of the same object. */
                            Phase.putThenGet(
                                    Loop.OWN,
                                    (objects, rec) -> startAllThenWait(
                                            objects,
                                            o -> rec.putThenGetAsync(
                                                    o,
                                                    () -> supplyAsync(() -> put(s3, bucket, o), pool),
                                                    () -> supplyAsync(() -> get(s3, bucket, o), pool)))),

                            /* For comparison, chapter 02's form on the same pool and client: submit, then wait. */
                            Phase.put(
                                    Loop.PLAIN_EXECUTOR,
                                    (objects, rec) -> submitAllThenWait(
                                            pool, objects, o -> rec.put(o, () -> put(s3, bucket, o)))),
                            Phase.get(
                                    Loop.PLAIN_EXECUTOR,
                                    (objects, rec) -> submitAllThenWait(
                                            pool, objects, o -> rec.get(o, () -> get(s3, bucket, o))))));
        }
    }

    /** Starts one future per object, then waits for all of them together. */
    // tag::start-all[]
    static void startAllThenWait(List<TestObject> objects, Function<TestObject, CompletableFuture<Void>> start) {
        List<CompletableFuture<Void>> started = new ArrayList<>(objects.size());
        for (TestObject o : objects) {
            started.add(start.apply(o));
        }
        Recorder.awaitAll(started);
    }
    // end::start-all[]

    static String put(S3Client s3, String bucket, TestObject o) {
        return s3.putObject(b -> b.bucket(bucket).key(o.key()), RequestBody.fromBytes(o.data()))
                .eTag();
    }

    static byte[] get(S3Client s3, String bucket, TestObject o) {
        return s3.getObjectAsBytes(b -> b.bucket(bucket).key(o.key())).asByteArrayUnsafe();
    }

    private AsyncExecutorS3PutGet() {}
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 03-async-executor-s3 exec:java
 *
 * WHAT YOU SHOULD SEE
 *
 *   The CompletableFuture phases close to the "plain executor" phases of the same run once their order
 *   is accounted for: the first PUT phase of a round is slower whatever it runs (docs/03-async-executor-s3.md
 *   swaps the order to show it). Wrapping a blocking call in a future costs microseconds, a round trip a
 *   millisecond; the limit is the pool of threads each blocked on a call.
 */
