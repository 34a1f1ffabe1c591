package objectstore.workshop;

import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;
import objectstore.harness.TestObject;
import objectstore.sdkasync.SdkAsyncS3PutGet;
import objectstore.store.ObjectStore;

/**
 * The solution: chapter 04's window (a semaphore of {@code window} permits; each completion hands its permit to the
 * next put). Its operations must not fail, so each put's failure is noted and thrown at the end.
 */
public final class Ch04SlidingWindow {

    /** Puts every object, at most {@code window} at a time; returns when all are stored, throws if one failed. */
    public static void putAll(ObjectStore store, String bucket, List<TestObject> objects, int window)
            throws InterruptedException {
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        SdkAsyncS3PutGet.window(
                objects,
                window,
                o -> store.putObject(bucket, o.key(), o.data()).handle((etag, failure) -> {
                    if (failure != null) {
                        firstFailure.compareAndSet(null, failure);
                    }
                    return null;
                }));
        if (firstFailure.get() != null) {
            throw firstFailure.get() instanceof CompletionException c ? c : new CompletionException(firstFailure.get());
        }
    }

    private Ch04SlidingWindow() {}
}
