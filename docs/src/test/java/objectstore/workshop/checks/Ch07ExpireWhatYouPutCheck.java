package objectstore.workshop.checks;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;
import objectstore.testing.TestStores;
import objectstore.workshop.Ch07ExpireWhatYouPut;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** {@code Ch07ExpireWhatYouPut} is solved when every key written has its value and a TTL of at most 60 s. */
@Tag("redis")
class Ch07ExpireWhatYouPutCheck {

    @Test
    void everyKeyExpires() throws Exception {
        List<TestObject> objects = TestObjects.make(100, 200, 5);
        String prefix = "ch07-" + System.nanoTime() + "/";
        RedisClient client =
                RedisClient.create(RedisURI.create(TestStores.redis().uri()));
        try (StatefulRedisConnection<byte[], byte[]> redis = client.connect(ByteArrayCodec.INSTANCE)) {
            Ch07ExpireWhatYouPut.putAll(redis.async(), prefix, objects, Duration.ofSeconds(60));

            for (TestObject o : objects) {
                byte[] key = (prefix + o.key()).getBytes(StandardCharsets.UTF_8);
                assertThat(redis.sync().get(key)).as("value of %s", o.key()).isEqualTo(o.data());
                assertThat(redis.sync().ttl(key))
                        .as("TTL in seconds of %s (-1 means it never expires)", o.key())
                        .isBetween(1L, 60L);
            }
            for (TestObject o : objects) {
                redis.sync().unlink((prefix + o.key()).getBytes(StandardCharsets.UTF_8));
            }
        } finally {
            client.shutdown();
        }
    }
}
