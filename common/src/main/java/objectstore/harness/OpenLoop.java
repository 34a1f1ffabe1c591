package objectstore.harness;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.locks.LockSupport;
import objectstore.store.ObjectStore;

/**
 * An open-loop run ({@code --rate N}): requests arrive at a fixed rate, one every 1/N s, whether or not the earlier
 * ones have been answered, as users' requests arrive at a service. A closed loop (the chapters' loops) starts a request
 * when another finishes, so a slow answer delays the next request and the slowness is never measured: coordinated
 * omission. Here each request's latency runs from the moment it was meant to start; when --concurrency requests are
 * already in flight, a request waits for a slot, and the wait counts. Its service time, from the moment it actually
 * started, is recorded beside it.
 */
final class OpenLoop {

    private OpenLoop() {}

    /** PUT, then GET, of every object at {@code perSecond} requests a second, at most {@code inFlight} at once. */
    static List<Phase> phases(ObjectStore store, String bucket, int perSecond, int inFlight) {
        return List.of(
                Phase.put(
                        Loop.OPEN_LOOP,
                        perSecond,
                        (objects, rec) -> arrive(
                                objects,
                                perSecond,
                                inFlight,
                                (o, intended) ->
                                        rec.putAsync(o, intended, () -> store.putObject(bucket, o.key(), o.data())))),
                Phase.get(
                        Loop.OPEN_LOOP,
                        perSecond,
                        (objects, rec) -> arrive(
                                objects,
                                perSecond,
                                inFlight,
                                (o, intended) -> rec.getAsync(o, intended, () -> store.getObject(bucket, o.key())))));
    }

    /**
     * Starts one request meant to start at {@code intended} ({@code System.nanoTime()}); completes once it is recorded.
     */
    @FunctionalInterface
    interface Arrival {
        CompletableFuture<Void> start(TestObject object, long intended);
    }

    // tag::arrive[]
    static void arrive(List<TestObject> objects, int perSecond, int inFlight, Arrival arrival)
            throws InterruptedException {
        Semaphore slots = new Semaphore(inFlight);
        long interval = 1_000_000_000L / perSecond;
        long start = System.nanoTime();
        for (int i = 0; i < objects.size(); i++) {
            long intended = start + i * interval;
            for (long wait = intended - System.nanoTime(); wait > 0; wait = intended - System.nanoTime()) {
                LockSupport.parkNanos(wait);
            }
            slots.acquire(); // a request that finds every slot taken waits, and its latency shows it
            arrival.start(objects.get(i), intended).whenComplete((ignored, never) -> slots.release());
        }
        slots.acquire(inFlight); // the last requests have been answered
    }
    // end::arrive[]
}
