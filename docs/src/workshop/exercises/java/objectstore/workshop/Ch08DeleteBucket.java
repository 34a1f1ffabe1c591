package objectstore.workshop;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import objectstore.store.ObjectStoreException;

/**
 * Chapter 08: one operation of the Redis facade, with S3's semantics.
 *
 * <p>Chapter 08 runs chapter 05's code on a {@code redis://} endpoint: {@code objectstore.redis.RedisObjectStore} gives
 * Redis S3's semantics, one round trip per operation. Its keys:
 *
 * <pre>
 *   s3:buckets           SET of bucket names: the registry
 *   s3:i:{bucket}        ZSET of the bucket's object keys: its index
 *   s3:o:{bucket}/KEY    STRING: one object (a 45-byte header, then the bytes); it may carry a TTL
 * </pre>
 *
 * An object with a TTL expires on its own, and its index entry stays behind until someone notices.
 *
 * <p>Write DeleteBucket as S3 answers it: {@code NoSuchBucket} when the bucket is not registered,
 * {@code BucketNotEmpty} while it still holds an object that has not expired, else the bucket is gone (from the
 * registry, and its index with it). Checking and deleting must be one step, or another client can put an object in
 * between: a Lua script runs atomically, which is how the facade does every operation that checks and writes. A script
 * answers an S3 error with {@code redis.error_reply('CODE message')}: the code, a space, a message. (Without the space,
 * Redis 7 puts "ERR " in front of the code; Redis 6.2 does not.) {@link #s3Error} turns that reply into the
 * {@code ObjectStoreException} the facade would throw.
 *
 * <p>The check starts a redis-server of its own, makes buckets and objects through chapter 08's facade, calls your
 * deleteBucket, and looks at the result through the facade and in Redis.
 *
 * <p>Check: {@code ./mvnw -q -pl docs -Pworkshop test -Dtest=Ch08DeleteBucketCheck}
 */
public final class Ch08DeleteBucket {

    /** The registry of buckets. */
    public static final String BUCKETS = "s3:buckets";

    // TODO goal: NoSuchBucket when the bucket is not in the registry, BucketNotEmpty while any object in its index
    // still exists, else delete its index and unregister it
    static final String SCRIPT = """
            -- KEYS: registry, index. ARGV: bucket, object key prefix (an object's Redis key is the prefix, then the member)
            redis.call('SREM', KEYS[1], ARGV[1])
            return 1
            """;

    /** Deletes {@code bucket} as S3 would; throws ObjectStoreException NoSuchBucket or BucketNotEmpty. */
    public static void deleteBucket(RedisCommands<String, String> redis, String bucket) {
        try {
            redis.eval(
                    SCRIPT,
                    ScriptOutputType.INTEGER,
                    new String[] {BUCKETS, index(bucket)},
                    bucket,
                    objectPrefix(bucket));
        } catch (RedisCommandExecutionException e) {
            throw s3Error(e, bucket);
        }
    }

    /** The bucket's index: {@code s3:i:{bucket}}. */
    public static String index(String bucket) {
        return "s3:i:{" + bucket + "}";
    }

    /** What the Redis key of each of the bucket's objects starts with: {@code s3:o:{bucket}/}. */
    public static String objectPrefix(String bucket) {
        return "s3:o:{" + bucket + "}/";
    }

    /** The S3 error a script answered as {@code 'CODE message'}; any other error as it is. */
    static RuntimeException s3Error(RedisCommandExecutionException e, String bucket) {
        String reply = String.valueOf(e.getMessage());
        return switch (reply.substring(0, Math.max(0, reply.indexOf(' ')))) {
            case "NoSuchBucket" ->
                new ObjectStoreException("NoSuchBucket", 404, "bucket " + bucket + " does not exist", null);
            case "BucketNotEmpty" ->
                new ObjectStoreException("BucketNotEmpty", 409, "bucket " + bucket + " still holds objects", null);
            default -> e;
        };
    }

    private Ch08DeleteBucket() {}
}
