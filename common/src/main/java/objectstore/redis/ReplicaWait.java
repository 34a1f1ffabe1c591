package objectstore.redis;

import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import objectstore.store.ObjectStoreException;

/**
 * {@code ?wait=N} on the endpoint: a PUT is acknowledged only once N replicas have it, so a failover loses no
 * acknowledged PUT, for a round trip to a replica on every PUT. WAIT N goes after the PUT's SET and INDEX, on the
 * connection to the master that owns the key: WAIT counts the replicas that have every write its own connection made,
 * and it names no key by which a cluster connection could route it.
 *
 * @param replicas N; 0 waits for none
 */
record ReplicaWait(int replicas) {

    /** The longest a PUT waits for its replicas. */
    static final Duration TIMEOUT = Duration.ofSeconds(1);

    /** WAIT N on {@code node} after {@code written}; fewer replicas within {@link #TIMEOUT} is ServiceUnavailable. */
    <T> CompletableFuture<T> after(CompletableFuture<T> written, RedisClusterAsyncCommands<byte[], byte[]> node) {
        CompletableFuture<Long> replicated =
                node.waitForReplication(replicas, TIMEOUT.toMillis()).toCompletableFuture();
        return written.thenCombine(replicated, (answer, reached) -> {
            if (reached < replicas) {
                throw new ObjectStoreException(
                        "ServiceUnavailable",
                        503,
                        "the PUT reached " + reached + " of " + replicas + " replicas within " + TIMEOUT.toMillis()
                                + " ms",
                        null);
            }
            return answer;
        });
    }
}
