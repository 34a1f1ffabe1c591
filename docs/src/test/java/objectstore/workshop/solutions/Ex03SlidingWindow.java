package objectstore.workshop.solutions;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;

import objectstore.harness.TestObject;
import objectstore.store.ObjectStore;

/** Solution 03: a semaphore of {@code window} permits; each completion hands its permit to the next put. */
public final class Ex03SlidingWindow {

    public static void putAll(ObjectStore store, String bucket, List<TestObject> objects, int window) {
        Semaphore slots = new Semaphore(window);
        List<CompletableFuture<String>> started = new ArrayList<>(objects.size());
        for (TestObject o : objects) {
            slots.acquireUninterruptibly();
            started.add(store.putObject(bucket, o.key(), o.data()).whenComplete((etag, error) -> slots.release()));
        }
        CompletableFuture.allOf(started.toArray(CompletableFuture[]::new)).join();
    }

    private Ex03SlidingWindow() {
    }
}
