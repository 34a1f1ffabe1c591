package objectstore.workshop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The solution: chapter 03's bridge as it is written there, a fixed pool of {@code inFlight} platform threads named for
 * what they do, and {@code supplyAsync(call, executor)}. The pool's size is the limit on calls in flight; the common
 * pool stays free for the work it is meant for. (Virtual threads would keep off the common pool too, but a thread per
 * call has no limit: a {@code Semaphore} would have to supply one.)
 */
public final class Ch03OffTheCommonPool {

    /** The executor the blocking calls run on, for up to {@code inFlight} calls at once; the caller closes it. */
    public static ExecutorService blockingExecutor(int inFlight) {
        return Executors.newFixedThreadPool(
                inFlight, Thread.ofPlatform().name("blocking-s3-", 1).factory());
    }

    /** Starts a blocking GET of {@code key} on {@code executor}; returns its future at once. */
    public static CompletableFuture<byte[]> getAsync(S3Client s3, String bucket, String key, ExecutorService executor) {
        return CompletableFuture.supplyAsync(
                () -> s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray(), executor);
    }

    private Ch03OffTheCommonPool() {}
}
