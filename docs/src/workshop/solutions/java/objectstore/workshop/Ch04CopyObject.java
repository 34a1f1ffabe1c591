package objectstore.workshop;

import java.util.concurrent.CompletableFuture;
import objectstore.store.ObjectStore;

/** The solution: thenCompose chains the PUT onto the GET's completion; nothing waits. */
public final class Ch04CopyObject {

    public static CompletableFuture<String> copyObject(ObjectStore store, String bucket, String source, String target) {
        return store.getObject(bucket, source).thenCompose(data -> store.putObject(bucket, target, data));
    }

    private Ch04CopyObject() {}
}
