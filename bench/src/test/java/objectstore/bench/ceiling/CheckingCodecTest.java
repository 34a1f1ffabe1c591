package objectstore.bench.ceiling;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.provisioning.RedisServerBinary;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ceiling's codec checks GET values in Netty's buffer: right ones pass, wrong ones fail, replies stay in step. */
@Tag("redis")
class CheckingCodecTest {

    @TempDir
    Path temp;

    @Test
    void aPipelineOfRightWrongAndMissingValuesIsJudgedValueByValue() {
        TestObject expected = TestObjects.make(1, RedisCeiling.SIZE, 7).getFirst();
        byte[] oneByteOff = expected.data().clone();
        oneByteOff[RedisCeiling.SIZE - 1] ^= 1;
        byte[] shorter = Arrays.copyOf(expected.data(), RedisCeiling.SIZE - 1);
        RedisClient lettuce = RedisClient.create();
        try (EmbeddedRedis redis = EmbeddedRedis.start(temp, RedisServerBinary.fromEnvironment(System.getenv()));
                StatefulRedisConnection<String, byte[]> connection =
                        lettuce.connect(RedisCeiling.checkingCodec(expected.data()), RedisURI.create(redis.uri()))) {
            RedisAsyncCommands<String, byte[]> commands = connection.async();
            commands.set("right", expected.data()).toCompletableFuture().join();
            commands.set("off", oneByteOff).toCompletableFuture().join();
            commands.set("short", shorter).toCompletableFuture().join();

            // One write of many GETs, so the replies arrive together in one buffer, right and wrong mixed.
            connection.setAutoFlushCommands(false);
            List<String> keys = List.of("right", "off", "right", "short", "missing", "right");
            List<CompletableFuture<byte[]>> replies = new ArrayList<>();
            for (String key : keys) {
                replies.add(commands.get(key).toCompletableFuture());
            }
            connection.flushCommands();

            List<Boolean> verdicts = replies.stream()
                    .map(CompletableFuture::join)
                    .map(value -> value != null && expected.matches(value))
                    .toList();
            assertThat(verdicts).containsExactly(true, false, true, false, false, true);
            assertThat(replies.get(1).join())
                    .as("a wrong value comes back as it was read")
                    .isEqualTo(oneByteOff);
            assertThat(replies.get(3).join()).isEqualTo(shorter);
        } finally {
            lettuce.shutdown();
        }
    }
}
