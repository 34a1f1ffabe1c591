package objectstore.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import objectstore.redis.KeyLayout.BucketKeys;
import objectstore.redis.KeyLayout.Partition;
import objectstore.store.ObjectStoreException;

/**
 * CreateBucket and DeleteBucket on a cluster, where a bucket is {@link KeyLayout#CLUSTER_PARTITIONS} partitions, each
 * with a marker that its scripts check, in its own slot.
 */
final class ClusterBuckets {

    private ClusterBuckets() {}

    /**
     * SADD of every partition's marker and of the registry, all at once; answers the registry's SADD (0: it was there).
     */
    static CompletableFuture<Long> create(RedisClusterAsyncCommands<byte[], byte[]> redis, BucketKeys keys) {
        List<CompletableFuture<Long>> markers = new ArrayList<>();
        for (Partition partition : keys.partitions()) {
            markers.add(redis.sadd(partition.check(), keys.name()).toCompletableFuture());
        }
        CompletableFuture<Long> registered =
                redis.sadd(KeyLayout.REGISTRY, keys.name()).toCompletableFuture();
        return CompletableFuture.allOf(markers.toArray(CompletableFuture[]::new))
                .thenCombine(registered, (all, added) -> added);
    }

    /*
     * The DELETE_BUCKET script on every partition at once, each removing its marker only when its
     * partition holds no live object. If any partition was not empty (or did not answer), the markers
     * removed are put back, so a PUT or GET that reached one of those partitions in between saw
     * NoSuchBucket, as if the delete had won, and the answer is BucketNotEmpty (or that failure). If no
     * partition knew the bucket, NoSuchBucket; else the registry's entry goes too: two round trips.
     */
    static CompletableFuture<Void> delete(RedisClusterAsyncCommands<byte[], byte[]> redis, BucketKeys keys) {
        Partition[] all = keys.partitions();
        List<CompletableFuture<Long>> scripts = new ArrayList<>(all.length);
        List<CompletableFuture<String>> outcomes = new ArrayList<>(all.length);
        for (Partition partition : all) {
            CompletableFuture<Long> deleting = Script.DELETE_BUCKET.eval(
                    redis,
                    ScriptOutputType.INTEGER,
                    new byte[][] {partition.check(), partition.index()},
                    keys.name(),
                    partition.objectPrefix());
            scripts.add(deleting);
            outcomes.add(deleting.handle(
                    (deleted, failure) -> failure == null ? "deleted" : RedisErrors.scriptErrorCode(failure)));
        }
        return CompletableFuture.allOf(outcomes.toArray(CompletableFuture[]::new))
                .thenCompose(done -> {
                    List<String> codes =
                            outcomes.stream().map(CompletableFuture::join).toList();
                    int failedAt = codes.indexOf("failed");
                    if (codes.contains("BucketNotEmpty") || failedAt >= 0) {
                        Throwable answer = failedAt >= 0
                                ? scripts.get(failedAt)
                                        .handle((r, failure) -> failure)
                                        .join()
                                : new ObjectStoreException(
                                        "BucketNotEmpty",
                                        409,
                                        "bucket " + keys.bucket() + " still holds objects",
                                        null);
                        return restoreMarkers(redis, keys, codes)
                                .thenCompose(r -> CompletableFuture.failedFuture(answer));
                    }
                    if (!codes.contains("deleted")) {
                        return CompletableFuture.failedFuture(new ObjectStoreException(
                                "NoSuchBucket", 404, "bucket " + keys.bucket() + " does not exist", null));
                    }
                    return redis.srem(KeyLayout.REGISTRY, keys.name())
                            .toCompletableFuture()
                            .thenApply(removed -> null);
                });
    }

    /** SADD of the marker of every partition whose script removed it. */
    private static CompletableFuture<Void> restoreMarkers(
            RedisClusterAsyncCommands<byte[], byte[]> redis, BucketKeys keys, List<String> codes) {
        Partition[] all = keys.partitions();
        List<CompletableFuture<Long>> restored = new ArrayList<>();
        for (int p = 0; p < all.length; p++) {
            if (codes.get(p).equals("deleted")) {
                restored.add(redis.sadd(all[p].check(), keys.name()).toCompletableFuture());
            }
        }
        return CompletableFuture.allOf(restored.toArray(CompletableFuture[]::new));
    }
}
