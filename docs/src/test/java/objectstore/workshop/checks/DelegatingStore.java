package objectstore.workshop.checks;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import objectstore.store.DeleteError;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStore;

/**
 * A decorator around a real {@link ObjectStore}: every call goes to it. A check overrides the one operation it watches
 * (counting puts in flight, holding a GET's answer) and leaves the rest alone.
 */
abstract class DelegatingStore implements ObjectStore {

    final ObjectStore real;

    DelegatingStore(ObjectStore real) {
        this.real = real;
    }

    @Override
    public CompletableFuture<Void> createBucket(String bucket) {
        return real.createBucket(bucket);
    }

    @Override
    public CompletableFuture<Void> deleteBucket(String bucket) {
        return real.deleteBucket(bucket);
    }

    @Override
    public CompletableFuture<List<String>> listBuckets() {
        return real.listBuckets();
    }

    @Override
    public CompletableFuture<String> putObject(String bucket, String key, byte[] data) {
        return real.putObject(bucket, key, data);
    }

    @Override
    public CompletableFuture<byte[]> getObject(String bucket, String key) {
        return real.getObject(bucket, key);
    }

    @Override
    public CompletableFuture<ObjectInfo> headObject(String bucket, String key) {
        return real.headObject(bucket, key);
    }

    @Override
    public CompletableFuture<Void> deleteObject(String bucket, String key) {
        return real.deleteObject(bucket, key);
    }

    @Override
    public CompletableFuture<ListPage> listObjects(
            String bucket, String prefix, String continuationToken, int maxKeys) {
        return real.listObjects(bucket, prefix, continuationToken, maxKeys);
    }

    @Override
    public CompletableFuture<List<DeleteError>> deleteObjects(String bucket, List<String> keys) {
        return real.deleteObjects(bucket, keys);
    }

    @Override
    public String description() {
        return real.description() + ", watched by a workshop check";
    }

    @Override
    public void close() {
        // the real store belongs to the check, which closes it
    }
}
