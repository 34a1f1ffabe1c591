package objectstore.workshop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ForkJoinPool;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Chapter 03: a blocking call in async code, without starving a pool.
 *
 * <p>Chapter 03 bridges the blocking S3Client into futures with {@code supplyAsync(call, pool)}. Leave the pool out and
 * {@code supplyAsync} picks one for you: {@code ForkJoinPool.commonPool()}, cores − 1 threads shared by every parallel
 * stream and every async stage in the JVM that names no executor. A GET holds its thread for the whole round trip, so
 * on 8 cores 7 GETs fill the common pool and everything else that needs it waits behind them; on 2 cores (one thread)
 * the GETs run one at a time. (Before JDK 25, a common pool of one thread made CompletableFuture start a new thread for
 * every call instead: nothing starved, and nothing limited how many threads a burst of calls made.) A blocking call
 * wants an executor of its own, sized for the calls you mean to have in flight.
 *
 * <p>The check asks for an executor for 10 calls and starts 20 GETs on the real S3Proxy through a client that holds
 * each call until 10 are in flight; it notes which threads ran them.
 *
 * <p>Check: {@code ./mvnw -q -pl docs -Pworkshop test -Dtest=Ch03OffTheCommonPoolCheck}
 */
public final class Ch03OffTheCommonPool {

    /** The executor the blocking calls run on, for up to {@code inFlight} calls at once; the caller closes it. */
    public static ExecutorService blockingExecutor(int inFlight) {
        // TODO goal: a pool of its own, one thread per call in flight, instead of the JVM's shared common pool
        return ForkJoinPool.commonPool();
    }

    /** Starts a blocking GET of {@code key} on {@code executor}; returns its future at once. */
    public static CompletableFuture<byte[]> getAsync(S3Client s3, String bucket, String key, ExecutorService executor) {
        // TODO goal: the GET runs on `executor`, not wherever supplyAsync puts it by default
        return CompletableFuture.supplyAsync(
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
    }

    private Ch03OffTheCommonPool() {}
}
