package objectstore.sdkasync;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import objectstore.harness.Chapter;
import objectstore.harness.Loop;
import objectstore.harness.Options.Defaults;
import objectstore.harness.Phase;
import objectstore.harness.Recorder;
import objectstore.harness.Run;
import objectstore.harness.RunResult;
import objectstore.harness.TestObject;
import objectstore.provisioning.StoreKind;
import objectstore.sdk.SdkObjectStore;
import objectstore.store.ObjectStore;

/** Chapter 04: the SDK's native async client, S3AsyncClient on Netty, driven three ways. */
public final class SdkAsyncS3PutGet {

    /*
     * Chapters 02 and 03 bought concurrency with threads, one blocked thread per request in flight.
     * A natively async client needs none: S3AsyncClient writes requests on Netty's event loops and
     * completes a CompletableFuture when the answer arrives, so a thousand requests in flight cost a
     * thousand connections and futures, not a thousand threads. (The original: aioboto3 on aiohttp.)
     *
     * The original's defaults: 10,000 objects of 5,000 bytes, 1,000 connections.
     */
    public static final Chapter CHAPTER = new Chapter(
            "04-sdk-async-s3",
            SdkAsyncS3PutGet.class,
            StoreKind.S3,
            new Defaults(10_000, 5_000, 1_000),
            SdkAsyncS3PutGet::measure);

    public static void main(String[] args) {
        System.exit(CHAPTER.main(args));
    }

    /*
     * An async client can still be driven badly. The same objects, three loops, measured side by side:
     * await each call before starting the next (1), batches of C as the original did (2), and a sliding
     * window of C in flight (3). The loops are below; chapter 05 runs them on its own client.
     */
    // tag::measure[]
    static RunResult measure(Run run) throws Exception {
        int concurrency = run.concurrency();
        String bucket = run.bucket();
        /* The SDK's client behind the project's small ObjectStore API, with a connection per call in flight. */
        try (ObjectStore store = SdkObjectStore.open(run.target(), concurrency)) {
            return run.measure(
                    store,
                    List.of(
                            Phase.put(
                                    Loop.AWAIT_EACH,
                                    (objects, rec) -> awaitEach(objects, o -> put(store, bucket, rec, o))),
                            Phase.get(
                                    Loop.AWAIT_EACH,
                                    (objects, rec) -> awaitEach(objects, o -> get(store, bucket, rec, o))),
                            Phase.put(
                                    Loop.BATCHES,
                                    (objects, rec) -> batches(objects, concurrency, o -> put(store, bucket, rec, o))),
                            Phase.get(
                                    Loop.BATCHES,
                                    (objects, rec) -> batches(objects, concurrency, o -> get(store, bucket, rec, o))),
                            Phase.put(
                                    Loop.WINDOW,
                                    (objects, rec) -> window(objects, concurrency, o -> put(store, bucket, rec, o))),
                            Phase.get(
                                    Loop.WINDOW,
                                    (objects, rec) -> window(objects, concurrency, o -> get(store, bucket, rec, o))),
                            Phase.putThenGet(
                                    Loop.WINDOW,
                                    (objects, rec) -> window(
                                            objects,
                                            concurrency,
                                            o -> rec.putThenGetAsync(
                                                    o,
                                                    () -> store.putObject(bucket, o.key(), o.data()),
                                                    () -> store.getObject(bucket, o.key()))))));
        }
    }
    // end::measure[]

    /** Starts an operation on one object; the future completes, never exceptionally, once it is recorded. */
    @FunctionalInterface
    public interface Operation {
        CompletableFuture<Void> start(TestObject object);
    }

    /*
     * 1. The naive form: an async call, awaited at once. Nothing overlaps, so it runs at the rate of the
     *    blocking loop of chapter 01, whatever the client. (The original: `await put_object(...)` in a loop.)
     */
    // tag::await-each[]
    public static void awaitEach(List<TestObject> objects, Operation operation) {
        for (TestObject o : objects) {
            operation.start(o).join();
        }
    }
    // end::await-each[]

    /*
     * 2. The original's fix: gather C tasks, await them all, start the next C. Each batch waits for its
     *    slowest call, so near the end of every batch fewer than C calls are in flight.
     */
    // tag::batches[]
    public static void batches(List<TestObject> objects, int concurrency, Operation operation) {
        List<CompletableFuture<Void>> batch = new ArrayList<>(concurrency);
        for (TestObject o : objects) {
            batch.add(operation.start(o));
            if (batch.size() == concurrency) {
                Recorder.awaitAll(batch);
                batch.clear();
            }
        }
        Recorder.awaitAll(batch);
    }
    // end::batches[]

    /*
     * 3. A sliding window: a semaphore of C permits; each call takes one before it starts and gives it
     *    back when it completes, so C calls stay in flight until the last ones drain.
     */
    // tag::window[]
    public static void window(List<TestObject> objects, int concurrency, Operation operation)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        for (TestObject o : objects) {
            inFlight.acquire();
            operation.start(o).whenComplete((ignored, never) -> inFlight.release());
        }
        inFlight.acquire(concurrency); // the last calls have finished
    }
    // end::window[]

    /** PUT one object, recorded. */
    public static CompletableFuture<Void> put(ObjectStore store, String bucket, Recorder rec, TestObject o) {
        return rec.putAsync(o, () -> store.putObject(bucket, o.key(), o.data()));
    }

    /** GET one object, recorded and checked against what was put. */
    public static CompletableFuture<Void> get(ObjectStore store, String bucket, Recorder rec, TestObject o) {
        return rec.getAsync(o, () -> store.getObject(bucket, o.key()));
    }

    private SdkAsyncS3PutGet() {}
}

/*
 * HOW TO RUN THIS
 *
 *   ./mvnw install -DskipTests            (once)
 *   ./mvnw -q -pl 04-sdk-async-s3 exec:java
 *   ./mvnw -q -pl 04-sdk-async-s3 exec:java -Dexec.args="--iterations 3000 --concurrency 200 --backend memory"
 *
 * WHAT YOU SHOULD SEE
 *
 *   "(await each)" near chapter 01's blocking rate; batches and the window several times faster;
 *   client CPU per operation well below chapters 02-03's. The SDK's own work per request is now visible
 *   in cpu µs/op: compare it with chapter 05. docs/04-sdk-async-s3.md has a measured run.
 */
