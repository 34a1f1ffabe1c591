package objectstore.workshop;

import java.util.concurrent.CompletableFuture;
import objectstore.store.ObjectStore;

/** Solution 04: thenCompose chains the PUT onto the GET's completion; nothing waits. */
public final class Ex04CopyObject {

    public static CompletableFuture<String> copyObject(ObjectStore store, String bucket, String source, String target) {
        return store.getObject(bucket, source).thenCompose(data -> store.putObject(bucket, target, data));
    }

    private Ex04CopyObject() {}
}
