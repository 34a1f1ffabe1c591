package objectstore.workshop;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import objectstore.harness.TestObject;
import objectstore.store.ObjectStore;

/**
 * Chapter 04 (and 05): from batches to a sliding window.
 *
 * <p>The original's aioboto3 loop gathered tasks in batches of 1,000 and waited for each batch: the batch runs at the
 * pace of its slowest request, and while it finishes the window empties. A sliding window starts a new request as soon
 * as any one completes, so {@code window} stay in flight until the end. The check completes the puts one at a time and
 * notes how many were in flight each time a new one started.
 *
 * <p>Check: {@code ./mvnw -q -pl docs -Pworkshop test -Dtest=Ch04SlidingWindowCheck}
 */
public final class Ch04SlidingWindow {

    /** Puts every object, at most {@code window} at a time; returns when all are stored, throws if one failed. */
    public static void putAll(ObjectStore store, String bucket, List<TestObject> objects, int window)
            throws InterruptedException {
        // TODO goal: never more than `window` in flight, and a new put starts as soon as any one completes
        for (int start = 0; start < objects.size(); start += window) {
            List<CompletableFuture<String>> batch = new ArrayList<>();
            for (TestObject o : objects.subList(start, Math.min(objects.size(), start + window))) {
                batch.add(store.putObject(bucket, o.key(), o.data()));
            }
            CompletableFuture.allOf(batch.toArray(CompletableFuture[]::new)).join();
        }
    }

    private Ch04SlidingWindow() {}
}
