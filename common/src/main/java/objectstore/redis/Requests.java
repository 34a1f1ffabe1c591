package objectstore.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;
import objectstore.store.ObjectStoreException;
import objectstore.util.Causes;
import objectstore.util.Permits;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The way of every request to Redis, in layers, outermost first: {@link #withS3Errors} prepares it on the caller's
 * thread and answers its failure as an S3 error; {@link #withPermit} issues its commands when one of the
 * {@code maxInFlight} permits is free, so the caller never blocks; {@link #evalWithPermit} is one script issued so;
 * {@link Script#eval} sends EVALSHA, falling back to EVAL.
 */
final class Requests {

    /** Named so a reader can raise it to DEBUG and watch each operation. */
    private static final Logger log = LoggerFactory.getLogger("objectstore.redis");

    private final RedisClusterAsyncCommands<byte[], byte[]> redis;
    private final Permits permits;
    private final RedisErrors errors;

    Requests(RedisClusterAsyncCommands<byte[], byte[]> redis, Permits permits, RedisErrors errors) {
        this.redis = redis;
        this.permits = permits;
        this.errors = errors;
    }

    /**
     * Prepares one request on the caller's thread (names checked, keys encoded, the ETag computed), turns a failure
     * into an S3 error ({@link RedisErrors}), and logs the outcome at DEBUG.
     */
    <T> CompletableFuture<T> withS3Errors(
            String operation, String bucket, String key, Supplier<CompletableFuture<T>> request) {
        CompletableFuture<T> sent;
        try {
            sent = request.get();
        } catch (ObjectStoreException | IllegalArgumentException invalid) {
            sent = CompletableFuture.failedFuture(invalid);
        }
        CompletableFuture<T> answered = sent.exceptionally(failure -> {
            throw errors.translate(failure, operation, bucket, key);
        });
        if (log.isDebugEnabled()) {
            long start = System.nanoTime();
            answered.whenComplete((result, failure) -> log.debug(
                    "{} {}{} -> {} in {} us",
                    operation,
                    bucket,
                    key == null ? "" : " " + key,
                    failure == null ? "ok" : Causes.root(failure).getMessage(),
                    (System.nanoTime() - start) / 1000));
        }
        return answered;
    }

    /**
     * Issues {@code commands} when a permit is free (at once, mostly), and returns the permit when they are answered.
     */
    <T> CompletableFuture<T> withPermit(Supplier<? extends CompletionStage<T>> commands) {
        CompletableFuture<T> answered = new CompletableFuture<>();
        permits.submit(() -> {
            CompletionStage<T> sent;
            try {
                sent = commands.get();
            } catch (RuntimeException e) {
                sent = CompletableFuture.failedFuture(e);
            }
            sent.whenComplete((result, failure) -> {
                permits.release();
                if (failure == null) {
                    answered.complete(result);
                } else {
                    answered.completeExceptionally(failure);
                }
            });
        });
        return answered;
    }

    /** One script on the connection, issued when a permit is free. */
    <T> CompletableFuture<T> evalWithPermit(Script script, ScriptOutputType type, byte[][] keys, byte[]... arguments) {
        return withPermit(() -> script.<T>eval(redis, type, keys, arguments));
    }
}
