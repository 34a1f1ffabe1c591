package objectstore.harness;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import objectstore.store.ObjectStore;

/**
 * The async loops of chapters 04, 05 and 08, written once against {@link ObjectStore}: the chapters
 * differ only in the client they pass in, as the original's differed only in an import.
 *
 * <p>Three ways to drive an async client over N objects, measured side by side:
 * <ol>
 *   <li>await each call before starting the next: async in name only;</li>
 *   <li>batches of C: start C calls, wait for all of them, repeat (the original's {@code gather});</li>
 *   <li>a sliding window of C in flight: start a call whenever one finishes.</li>
 * </ol>
 */
public final class AsyncLoops {

    private AsyncLoops() {
    }

    /** Every phase of an async chapter, on {@code store}, with {@code concurrency} calls in flight. */
    public static List<Phase> phases(ObjectStore store, String bucket, int concurrency) {
        return List.of(
                Phase.put("put_object (await each)", (objects, rec) -> awaitEach(objects, o -> rec.putAsync(o, () -> store.putObject(bucket, o.key(), o.data())))),
                Phase.get("get_object (await each)", (objects, rec) -> awaitEach(objects, o -> rec.getAsync(o, () -> store.getObject(bucket, o.key())))),
                Phase.put("put_object (batches)", (objects, rec) -> batches(objects, concurrency, o -> rec.putAsync(o, () -> store.putObject(bucket, o.key(), o.data())))),
                Phase.get("get_object (batches)", (objects, rec) -> batches(objects, concurrency, o -> rec.getAsync(o, () -> store.getObject(bucket, o.key())))),
                Phase.put("put_object", (objects, rec) -> window(objects, concurrency, o -> rec.putAsync(o, () -> store.putObject(bucket, o.key(), o.data())))),
                Phase.get("get_object", (objects, rec) -> window(objects, concurrency, o -> rec.getAsync(o, () -> store.getObject(bucket, o.key())))),
                Phase.putThenGet("put_then_get", (objects, rec) -> window(objects, concurrency, o -> rec.putThenGetAsync(o,
                        () -> store.putObject(bucket, o.key(), o.data()), () -> store.getObject(bucket, o.key())))));
    }

    /** Starts an operation on one object; the future completes when it is recorded. */
    @FunctionalInterface
    public interface Operation {
        CompletableFuture<Void> start(TestObject object);
    }

    /*
     * The naive form: an async call, awaited at once. Nothing overlaps, so it runs at the rate of the
     * blocking loop of chapter 01, whatever the client. (The original: `await put_object(...)` in a loop.)
     */
    // tag::await-each[]
    public static void awaitEach(List<TestObject> objects, Operation operation) {
        for (TestObject o : objects) {
            operation.start(o).join();
        }
    }
    // end::await-each[]

    /*
     * The original's fix: gather C tasks, await them all, start the next C. Each batch waits for its
     * slowest call, so near the end of every batch fewer than C calls are in flight.
     */
    // tag::batches[]
    public static void batches(List<TestObject> objects, int concurrency, Operation operation) {
        batches(objects, concurrency, operation, () -> { });
    }

    /** Batches as above, calling {@code afterIssuing} (e.g. a flush of buffered commands) once each batch is started. */
    public static void batches(List<TestObject> objects, int concurrency, Operation operation, Runnable afterIssuing) {
        List<CompletableFuture<Void>> batch = new ArrayList<>(concurrency);
        for (TestObject o : objects) {
            batch.add(operation.start(o));
            if (batch.size() == concurrency) {
                afterIssuing.run();
                Recorder.awaitAll(batch);
                batch.clear();
            }
        }
        afterIssuing.run();
        Recorder.awaitAll(batch);
    }
    // end::batches[]

    /*
     * A sliding window: a semaphore of C permits; each call takes one before it starts and gives it back
     * when it completes, so C calls stay in flight until the last ones drain.
     */
    // tag::window[]
    public static void window(List<TestObject> objects, int concurrency, Operation operation) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        for (TestObject o : objects) {
            inFlight.acquire();
            operation.start(o).whenComplete((ignored, error) -> inFlight.release());
        }
        inFlight.acquire(concurrency); // the last calls have finished
    }
    // end::window[]
}
