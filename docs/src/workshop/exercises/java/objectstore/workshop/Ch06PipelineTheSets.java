package objectstore.workshop;

import java.nio.charset.StandardCharsets;
import java.util.List;
import objectstore.harness.TestObject;
import redis.clients.jedis.UnifiedJedis;

/**
 * Chapter 06: a blocking loop that waits for every reply.
 *
 * <p>Each SET below is a round trip: the thread sends it and sleeps until Redis answers, and Redis reads each command
 * from its socket on its own. Send each batch of {@code batch} SETs before reading any reply (a pipeline), so that one
 * round trip serves the whole batch, and still check every reply. The check writes 200 objects through your loop to a
 * real (embedded) redis-server and asks it how many times it read from a client's socket meanwhile.
 *
 * <p>Check: {@code ./mvnw -q -pl docs -Pworkshop test -Dtest=Ch06PipelineTheSetsCheck}
 */
public final class Ch06PipelineTheSets {

    /** Writes every object under {@code prefix + key}; fails when any SET is answered with anything but OK. */
    public static void putAll(UnifiedJedis redis, String prefix, List<TestObject> objects, int batch) {
        for (TestObject o : objects) {
            // TODO goal: one round trip per batch of `batch` SETs (hint: redis.pipelined(), then sync())
            String reply = redis.set((prefix + o.key()).getBytes(StandardCharsets.UTF_8), o.data());
            if (!"OK".equals(reply)) {
                throw new IllegalStateException("SET " + o.key() + " was answered " + reply);
            }
        }
    }

    private Ch06PipelineTheSets() {}
}
