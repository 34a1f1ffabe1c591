package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;
import objectstore.provisioning.BucketLifecycle;
import objectstore.store.ObjectStore;
import objectstore.workshop.Ch04SlidingWindow;
import org.junit.jupiter.api.Test;

/**
 * {@code Ch04SlidingWindow} is solved when the window stays full: every put after the first 10 starts as soon as one
 * completes, with the other 9 still in flight.
 *
 * <p>The puts go to the real S3Proxy, but the check decides when each one completes: it lets them complete one at a
 * time, oldest first, and after each it waits for the loop to start the next. A sliding window does so every time.
 * Batches do not: after one completion they still wait for the other 9, and after {@link #GUARD_SECONDS} the check says
 * so.
 */
class Ch04SlidingWindowCheck {

    static final int OBJECTS = 30;
    static final int WINDOW = 10;
    static final int GUARD_SECONDS = 5;

    @Test
    void theWindowStaysFullUntilTheEnd() throws Exception {
        List<TestObject> objects = TestObjects.make(OBJECTS, 100, 3);
        try (S3Bucket bucket = S3Bucket.create("ch04")) {
            HeldPuts store = new HeldPuts(bucket.store);
            CompletableFuture<Void> putAll = CompletableFuture.runAsync(
                    () -> {
                        try {
                            Ch04SlidingWindow.putAll(store, bucket.name, objects, WINDOW);
                            store.completedWhenPutAllReturned = store.completed.get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    },
                    command -> Thread.ofPlatform().daemon().name("putAll").start(command));

            try {
                awaitStarted(store, WINDOW, 0);
                for (int done = 1; done <= OBJECTS; done++) {
                    store.complete(done - 1);
                    awaitStarted(store, Math.min(OBJECTS, WINDOW + done), done);
                }
                putAll.get(30, TimeUnit.SECONDS);
            } finally {
                store.completeAll(); // a failed check must not leave putAll waiting
                putAll.handle((done, error) -> null).get(30, TimeUnit.SECONDS);
            }

            assertThat(store.completedWhenPutAllReturned)
                    .as("puts completed when putAll returned")
                    .isEqualTo(OBJECTS);
            assertThat(store.peak.get())
                    .as("most puts in flight at once, for a window of %d", WINDOW)
                    .isEqualTo(WINDOW);
            assertThat(store.inFlightAtStart.subList(WINDOW, OBJECTS))
                    .as("puts in flight when each put after the first %d started", WINDOW)
                    .containsOnly(WINDOW - 1);
            assertThat(BucketLifecycle.listAll(bucket.store, bucket.name))
                    .as("keys in the bucket")
                    .containsExactlyInAnyOrderElementsOf(
                            objects.stream().map(TestObject::key).toList());
        }
    }

    /** Fails, saying how many had started, unless {@code expected} puts have started within the guard time. */
    private static void awaitStarted(HeldPuts store, int expected, int completed) throws InterruptedException {
        synchronized (store) {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(GUARD_SECONDS);
            while (store.started.size() < expected) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    fail(
                            "with %d of the puts completed, %d had started; a sliding window of %d starts one as each"
                                    + " completes, so %d would have (batches wait for the whole batch)",
                            completed, store.started.size(), WINDOW, expected);
                }
                TimeUnit.NANOSECONDS.timedWait(store, left);
            }
        }
    }

    /**
     * The real store's puts, each completing only when the real PUT has answered and the check has let it complete;
     * notes how many were in flight each time a put started.
     */
    static final class HeldPuts extends DelegatingStore {

        final List<CompletableFuture<Void>> started = new ArrayList<>();
        final List<Integer> inFlightAtStart = Collections.synchronizedList(new ArrayList<>());
        final AtomicInteger inFlight = new AtomicInteger();
        final AtomicInteger peak = new AtomicInteger();
        final AtomicInteger completed = new AtomicInteger();
        volatile int completedWhenPutAllReturned = -1;
        private boolean holding = true;

        HeldPuts(ObjectStore real) {
            super(real);
        }

        @Override
        public CompletableFuture<String> putObject(String bucket, String key, byte[] data) {
            CompletableFuture<Void> letGo = new CompletableFuture<>();
            synchronized (this) {
                int before = inFlight.getAndIncrement();
                inFlightAtStart.add(before);
                peak.accumulateAndGet(before + 1, Math::max);
                started.add(letGo);
                notifyAll();
                if (!holding) {
                    letGo.complete(null);
                }
            }
            // The caller sees the put complete only after it is counted out.
            return real.putObject(bucket, key, data)
                    .thenCombine(letGo, (etag, ignored) -> etag)
                    .whenComplete((etag, error) -> {
                        inFlight.decrementAndGet();
                        completed.incrementAndGet();
                    });
        }

        /** Lets the {@code index}-th put started complete once its PUT has answered. */
        void complete(int index) {
            CompletableFuture<Void> letGo;
            synchronized (this) {
                letGo = started.get(index);
            }
            letGo.complete(null); // outside the lock: the loop's callbacks may run here and start the next put
        }

        /** Lets every put complete as soon as its PUT has answered, from now on too. */
        void completeAll() {
            List<CompletableFuture<Void>> all;
            synchronized (this) {
                holding = false;
                all = List.copyOf(started);
            }
            all.forEach(f -> f.complete(null));
        }
    }
}
