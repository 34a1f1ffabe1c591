package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.testing.TestStores;
import objectstore.workshop.Ch06PipelineTheSets;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.RedisClient;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@code Ch06PipelineTheSets} is solved when every object is stored and redis-server read from its clients' sockets at
 * most twice per batch: a loop that waits for each reply makes it read once per command. Redis counts its reads in
 * {@code INFO stats} ({@code total_reads_processed}, since Redis 6.0).
 */
@Tag("redis")
class Ch06PipelineTheSetsCheck {

    private static final int OBJECTS = 200;
    private static final int BATCH = 20;

    @Test
    void eachBatchIsOneRoundTrip() {
        List<TestObject> objects = TestObjects.make(OBJECTS, 100, 6);
        String prefix = "ch06-" + System.nanoTime() + "/";
        EmbeddedRedis server = TestStores.redis();
        try (UnifiedJedis redis = RedisClient.create(server.uri());
                UnifiedJedis stats = RedisClient.create(server.uri())) {
            redis.ping();
            long before = reads(stats);
            Ch06PipelineTheSets.putAll(redis, prefix, objects, BATCH);
            long during = reads(stats) - before - 1; // the second INFO is a read too

            for (TestObject o : objects) {
                assertThat(redis.get((prefix + o.key()).getBytes(StandardCharsets.UTF_8)))
                        .as("value of %s", o.key())
                        .isEqualTo(o.data());
            }
            assertThat(during)
                    .as(
                            "times redis-server read a client's socket for %d SETs in batches of %d"
                                    + " (one at a time: %d)",
                            OBJECTS, BATCH, OBJECTS)
                    .isLessThanOrEqualTo(2L * OBJECTS / BATCH);
            for (TestObject o : objects) {
                redis.unlink((prefix + o.key()).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    /** The server's count of reads from client sockets. */
    private static long reads(UnifiedJedis stats) {
        return stats.info("stats")
                .lines()
                .filter(line -> line.startsWith("total_reads_processed:"))
                .mapToLong(line ->
                        Long.parseLong(line.substring(line.indexOf(':') + 1).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("INFO stats has no total_reads_processed: Redis 6.0 or later"));
    }
}
