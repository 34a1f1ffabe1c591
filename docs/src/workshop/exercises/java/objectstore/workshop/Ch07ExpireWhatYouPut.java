package objectstore.workshop;

import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import objectstore.harness.TestObject;

/**
 * Chapter 07: objects in Redis that expire.
 *
 * <p>Redis keeps everything in memory until told otherwise; a run that dies before it cleans up leaves its objects
 * there for good. Give every key a time to live as it is written, in the same SET command (a separate EXPIRE would
 * double the round trips, and leave a window where the key has no TTL). The check writes through your loop to a real
 * (embedded) redis-server and asks for each key's TTL.
 *
 * <p>Check: {@code ./mvnw -q -pl docs -Pworkshop test -Dtest=Ch07ExpireWhatYouPutCheck}
 */
public final class Ch07ExpireWhatYouPut {

    /** Writes every object under {@code prefix + key}, all in flight at once; returns when Redis has them all. */
    public static void putAll(
            RedisAsyncCommands<byte[], byte[]> redis, String prefix, List<TestObject> objects, Duration ttl) {
        List<CompletableFuture<String>> sets = new ArrayList<>();
        for (TestObject o : objects) {
            byte[] key = (prefix + o.key()).getBytes(java.nio.charset.StandardCharsets.UTF_8);
            // TODO goal: each key expires `ttl` after it is written (hint: io.lettuce.core.SetArgs)
            sets.add(redis.set(key, o.data()).toCompletableFuture());
        }
        CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new)).join();
    }

    private Ch07ExpireWhatYouPut() {}
}
