package objectstore.workshop;

import java.util.concurrent.CompletableFuture;
import objectstore.store.ObjectStore;

/**
 * Chapter 04, on the ObjectStore API that chapters 05 and 08 share: add an operation without blocking.
 *
 * <p>{@code ObjectStore} has no copyObject. Build one from getObject and putObject. The catch: the callers are event
 * loops with many requests in flight, and a {@code join()} in here parks the caller until the GET has come back
 * (chapter 04's lesson). The check calls it on a store whose GET has not answered yet, and expects a future back at
 * once.
 *
 * <p>Check: {@code ./mvnw -q -pl docs -Pworkshop test -Dtest=Ch04CopyObjectCheck}
 */
public final class Ch04CopyObject {

    /** Copies {@code source} to {@code target} in {@code bucket}; completes with the new object's ETag. */
    public static CompletableFuture<String> copyObject(ObjectStore store, String bucket, String source, String target) {
        // TODO goal: compose the GET and the PUT; return at once, and let a failed GET fail the returned future
        byte[] data = store.getObject(bucket, source).join();
        return store.putObject(bucket, target, data);
    }

    private Ch04CopyObject() {}
}
