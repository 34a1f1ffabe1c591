package objectstore.workshop;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;
import objectstore.store.ObjectStoreException;

/**
 * The solution: one script, as chapter 08's facade does it (its DELETE_BUCKET also drops expired entries from the index
 * as it goes, 100 at a time, so a later listing does not meet them).
 */
public final class Ch08DeleteBucket {

    /** The registry of buckets. */
    public static final String BUCKETS = "s3:buckets";

    static final String SCRIPT = """
            -- KEYS: registry, index. ARGV: bucket, object key prefix (an object's Redis key is the prefix, then the member)
            if redis.call('SISMEMBER', KEYS[1], ARGV[1]) == 0 then
              return redis.error_reply('NoSuchBucket no such bucket')
            end
            for _, member in ipairs(redis.call('ZRANGE', KEYS[2], 0, -1)) do
              if redis.call('EXISTS', ARGV[2] .. member) == 1 then
                return redis.error_reply('BucketNotEmpty the bucket holds objects')
              end
            end
            redis.call('DEL', KEYS[2])
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
