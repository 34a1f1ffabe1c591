package objectstore.workshop;

import io.lettuce.core.SetArgs;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import objectstore.harness.TestObject;

/** The solution: SET key value EX seconds, one command per object. */
public final class Ch07ExpireWhatYouPut {

    public static void putAll(
            RedisAsyncCommands<byte[], byte[]> redis, String prefix, List<TestObject> objects, Duration ttl) {
        SetArgs expiring = SetArgs.Builder.ex(ttl);
        List<CompletableFuture<String>> sets = new ArrayList<>();
        for (TestObject o : objects) {
            byte[] key = (prefix + o.key()).getBytes(StandardCharsets.UTF_8);
            sets.add(redis.set(key, o.data(), expiring).toCompletableFuture());
        }
        CompletableFuture.allOf(sets.toArray(CompletableFuture[]::new)).join();
    }

    private Ch07ExpireWhatYouPut() {}
}
