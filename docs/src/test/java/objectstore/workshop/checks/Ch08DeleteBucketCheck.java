package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.fail;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.redis.RedisObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.testing.TestStores;
import objectstore.workshop.Ch08DeleteBucket;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code Ch08DeleteBucket} is solved when deleteBucket answers as S3 does in each case: NoSuchBucket, BucketNotEmpty,
 * and gone for an empty bucket or one whose objects have all expired, with nothing of it left in Redis.
 *
 * <p>A redis-server of the check's own (the bundled 6.2, then the system's Redis 7); the buckets and objects are made,
 * and the outcome read, through chapter 08's facade, {@link RedisObjectStore}.
 */
@Tag("redis")
class Ch08DeleteBucketCheck {

    static final byte[] BYTES = "in a bucket".getBytes(StandardCharsets.UTF_8);

    @TempDir
    static Path dir;

    static EmbeddedRedis server;
    static RedisClient client;
    static StatefulRedisConnection<String, String> connection;
    static RedisCommands<String, String> redis;
    static RedisObjectStore facade;

    @BeforeAll
    static void start() {
        server = TestStores.startRedis(dir);
        client = RedisClient.create(RedisURI.create(server.uri()));
        connection = client.connect();
        redis = connection.sync();
        facade = RedisObjectStore.open(server.uri(), Duration.ofSeconds(10));
    }

    @AfterAll
    static void stop() {
        if (facade != null) {
            facade.close();
        }
        if (connection != null) {
            connection.close();
            client.shutdown();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void aBucketThatDoesNotExistIsNoSuchBucket() {
        String bucket = newBucketName();

        assertDeleteFails(bucket, "a bucket that was never created", "NoSuchBucket");
    }

    @Test
    void aBucketWithALiveObjectIsBucketNotEmpty() {
        String bucket = newBucketName();
        facade.createBucket(bucket).join();
        facade.putObject(bucket, "kept", BYTES).join();

        assertDeleteFails(bucket, "a bucket holding one object", "BucketNotEmpty");
        assertThat(facade.getObject(bucket, "kept").join())
                .as("the object, read through the facade after the refused delete")
                .isEqualTo(BYTES);
    }

    @Test
    void anEmptyBucketIsDeleted() {
        String bucket = newBucketName();
        facade.createBucket(bucket).join();
        facade.putObject(bucket, "gone", BYTES).join();
        facade.deleteObject(bucket, "gone").join();

        Ch08DeleteBucket.deleteBucket(redis, bucket);

        assertGone(bucket);
    }

    @Test
    void aBucketWhoseObjectsHaveAllExpiredIsDeleted() throws Exception {
        String bucket = newBucketName();
        facade.createBucket(bucket).join();
        try (RedisObjectStore expiring =
                RedisObjectStore.open(server.uri(), Duration.ofSeconds(10), Duration.ofMillis(1))) {
            expiring.putObject(bucket, "expired", BYTES).join();
        }
        awaitExpired(bucket, "expired"); // its index entry stays behind

        Ch08DeleteBucket.deleteBucket(redis, bucket);

        assertGone(bucket);
    }

    /**
     * Deletes the bucket with the exercise and expects the S3 error {@code code}, thrown as an ObjectStoreException.
     */
    private static void assertDeleteFails(String bucket, String what, String code) {
        Throwable thrown = catchThrowable(() -> Ch08DeleteBucket.deleteBucket(redis, bucket));
        if (thrown == null) {
            fail("deleteBucket returned normally for %s (%s); S3 answers %s", what, bucket, code);
        }
        if (!(thrown instanceof ObjectStoreException s3)) {
            throw new AssertionError("deleteBucket threw " + thrown + " for " + what + "; S3 answers " + code, thrown);
        }
        assertThat(s3.code()).as("the S3 error deleteBucket threw for %s", what).isEqualTo(code);
    }

    /** The facade no longer knows the bucket, and Redis holds no key of it. */
    private static void assertGone(String bucket) {
        Throwable listing =
                catchThrowable(() -> facade.listObjects(bucket, "", null, 10).join());
        assertThat(listing)
                .as("listing %s through the facade after deleteBucket", bucket)
                .isInstanceOf(CompletionException.class);
        assertThat(((ObjectStoreException) listing.getCause()).code())
                .as("the facade's answer to that listing")
                .isEqualTo("NoSuchBucket");
        assertThat(redis.keys("*{" + bucket + "}*"))
                .as("Redis keys of %s left after deleteBucket", bucket)
                .isEmpty();
    }

    /** Waits until the facade answers NoSuchKey for the object (a TTL of 1 ms has run out). */
    private static void awaitExpired(String bucket, String key) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            Throwable head = catchThrowable(() -> facade.headObject(bucket, key).join());
            if (head != null
                    && head.getCause() instanceof ObjectStoreException s3
                    && s3.code().equals("NoSuchKey")) {
                return;
            }
            Thread.sleep(5);
        }
        fail("object %s in %s with a TTL of 1 ms had not expired after 10 s", key, bucket);
    }

    private static String newBucketName() {
        return "ch08-" + Long.toHexString(ThreadLocalRandom.current().nextLong() & 0xffffffffL);
    }
}
