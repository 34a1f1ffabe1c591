package objectstore.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.codec.ByteArrayCodec;
import java.io.InputStream;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import objectstore.redis.KeyLayout.BucketKeys;
import objectstore.redis.KeyLayout.Partition;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Each Lua script on its own, on a real redis-server (6.2 and 7): its file and header, then what it answers and leaves
 * in Redis when called as the facade calls it, with the buckets and objects made through the facade. The facade's
 * contract ({@link RedisFacadeContract}) covers the scripts through the S3 operations; here each of their branches is
 * checked at the source, including the ones an operation reaches only in a race.
 */
@Tag("redis")
class ScriptTest {

    private static final byte[] DATA = "the object's bytes".getBytes(UTF_8);
    private static final String RUN = RedisFacadeContract.RUN;
    private static final AtomicInteger BUCKET_NUMBER = new AtomicInteger();

    private static RedisObjectStore facade;
    private static RedisClient client;
    private static StatefulRedisConnection<byte[], byte[]> connection;
    private static RedisCommands<byte[], byte[]> redis;

    private String bucket;
    private BucketKeys keys;
    private Partition partition;

    @BeforeAll
    static void open() {
        facade = RedisObjectStore.open(TestStores.redis().uri(), Duration.ofSeconds(10));
        client = RedisClient.create(TestStores.redis().uri().toString());
        connection = client.connect(ByteArrayCodec.INSTANCE);
        redis = connection.sync();
    }

    @AfterAll
    static void close() {
        facade.close();
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /** A bucket name of each test's own, and its keys as the facade lays them out on one server. */
    @BeforeEach
    void nameBucket() {
        bucket = "script-" + RUN + "-" + BUCKET_NUMBER.incrementAndGet();
        keys = new KeyLayout(false).bucket(bucket);
        partition = keys.only();
    }

    @ParameterizedTest
    @EnumSource(Script.class)
    void eachScriptIsALuaFileWhoseHeaderSaysItsKeysItsArgvAndWhatItReturns(Script script) throws Exception {
        List<String> lines = new String(script.body(), UTF_8).lines().toList();
        List<String> header =
                lines.stream().takeWhile(line -> line.startsWith("--")).toList();
        byte[] file;
        try (InputStream in = Script.class.getResourceAsStream(script.file())) {
            file = in.readAllBytes();
        }

        assertThat(script.file()).endsWith(".lua");
        assertThat(String.join("\n", header)).contains("KEYS:", "ARGV:", "Returns");
        assertThat(lines.subList(header.size(), lines.size())).anyMatch(line -> line.contains("redis.call("));
        assertThat(script.body()).isEqualTo(file);
        assertThat(script.sha())
                .isEqualTo(HexFormat.of()
                        .formatHex(MessageDigest.getInstance("SHA-1").digest(file)));
        assertThat(redis.scriptLoad(file)).as("the SHA-1 the server gives it").isEqualTo(script.sha());
    }

    @Test
    void indexStampsTheServersTimeOnTheObjectAndIndexesItsKey() {
        facade.createBucket(bucket).join();
        byte[] object = partition.object(bytes("k"));
        redis.set(object, ObjectHeader.stored(ObjectHeader.eTag(DATA), DATA));

        Long answer = eval(Script.INDEX, ScriptOutputType.INTEGER, indexKeys(object), indexArguments("k"));

        assertThat(answer).isEqualTo(1);
        byte[] header = redis.getrange(object, 0, ObjectHeader.LENGTH - 1);
        assertThat(ObjectHeader.info("k", header, 0).lastModified())
                .isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(5));
        assertThat(ObjectHeader.info("k", header, 0).eTag()).isEqualTo(ObjectHeader.eTag(DATA));
        assertThat(redis.zrange(partition.index(), 0, -1)).containsExactly(bytes("k"));
    }

    @Test
    void indexRemovesWhatTheSetWroteWhenTheBucketIsMissing() {
        byte[] object = partition.object(bytes("k"));
        redis.set(object, ObjectHeader.stored(ObjectHeader.eTag(DATA), DATA));

        Throwable error = failure(Script.INDEX, ScriptOutputType.INTEGER, indexKeys(object), indexArguments("k"));

        assertThat(error).hasMessage("NoSuchBucket no such bucket");
        assertThat(redis.exists(object)).isZero();
        assertThat(redis.exists(partition.index())).isZero();
    }

    @Test
    void indexLeavesAnObjectDeletedBeforeItAloneAndUnindexed() {
        facade.createBucket(bucket).join();
        byte[] object = partition.object(bytes("deleted"));

        Long answer = eval(Script.INDEX, ScriptOutputType.INTEGER, indexKeys(object), indexArguments("deleted"));

        assertThat(answer).isEqualTo(1);
        assertThat(redis.exists(object)).isZero();
        assertThat(redis.zcard(partition.index())).isZero();
    }

    @Test
    void getAnswersTheBytesAfterTheHeaderElseWhichOfKeyAndBucketIsMissing() {
        facade.createBucket(bucket).join();
        facade.putObject(bucket, "k", DATA).join();

        assertThat((byte[]) eval(Script.GET, ScriptOutputType.VALUE, objectKeys("k"), headerArguments()))
                .isEqualTo(DATA);
        assertThat(failure(Script.GET, ScriptOutputType.VALUE, objectKeys("absent"), headerArguments()))
                .hasMessage("NoSuchKey no such key");
        facade.deleteObject(bucket, "k").join();
        facade.deleteBucket(bucket).join();
        assertThat(failure(Script.GET, ScriptOutputType.VALUE, objectKeys("k"), headerArguments()))
                .hasMessage("NoSuchBucket no such bucket");
    }

    @Test
    void headAnswersTheHeaderAndTheStoredLengthNeverTheBytes() {
        facade.createBucket(bucket).join();
        String eTag = facade.putObject(bucket, "k", DATA).join();

        List<Object> answer = eval(Script.HEAD, ScriptOutputType.MULTI, objectKeys("k"), headerArguments());

        assertThat(answer).hasSize(2);
        assertThat(ObjectHeader.info("k", (byte[]) answer.get(0), 0).eTag()).isEqualTo(eTag);
        assertThat(answer.get(1)).isEqualTo((long) ObjectHeader.LENGTH + DATA.length);
        assertThat(failure(Script.HEAD, ScriptOutputType.MULTI, objectKeys("absent"), headerArguments()))
                .hasMessage("NoSuchKey no such key");
    }

    @Test
    void deleteRemovesEachObjectAndItsIndexMemberPresentOrNot() {
        facade.createBucket(bucket).join();
        for (String key : List.of("a", "b", "c")) {
            facade.putObject(bucket, key, DATA).join();
        }
        byte[][] deleteKeys = {
            partition.check(), partition.index(), partition.object(bytes("a")), partition.object(bytes("absent"))
        };

        Long answer =
                eval(Script.DELETE, ScriptOutputType.INTEGER, deleteKeys, keys.name(), bytes("a"), bytes("absent"));

        assertThat(answer).isEqualTo(1);
        assertThat(redis.exists(partition.object(bytes("a")))).isZero();
        assertThat(redis.zrange(partition.index(), 0, -1)).containsExactly(bytes("b"), bytes("c"));
    }

    @Test
    void listAnswersKeyHeaderAndSizeInByteOrderAndDropsTheMembersWhoseObjectExpired() {
        facade.createBucket(bucket).join();
        for (String key : List.of("c", "a", "b")) {
            facade.putObject(bucket, key, DATA).join();
        }
        redis.del(partition.object(bytes("b"))); // as if its time to live ran out

        List<Object> answer = eval(
                Script.LIST,
                ScriptOutputType.MULTI,
                new byte[][] {partition.check(), partition.index()},
                keys.name(),
                partition.objectPrefix(),
                bytes("["),
                bytes("+"),
                bytes("10"),
                ObjectHeader.LENGTH_ARGUMENT);

        List<Listing.Entry> entries = Listing.entries(answer);
        assertThat(entries).extracting(entry -> new String(entry.key(), UTF_8)).containsExactly("a", "c");
        assertThat(entries).allSatisfy(entry -> assertThat(entry.size()).isEqualTo(DATA.length));
        assertThat(redis.zrange(partition.index(), 0, -1)).containsExactly(bytes("a"), bytes("c"));
    }

    @Test
    void deleteBucketRefusesALiveObjectThenDropsExpiredMembersAndUnregisters() {
        facade.createBucket(bucket).join();
        facade.putObject(bucket, "live", DATA).join();
        byte[][] bucketKeys = {partition.check(), partition.index()};

        assertThat(failure(Script.DELETE_BUCKET, ScriptOutputType.INTEGER, bucketKeys, keys.name(), prefix()))
                .hasMessage("BucketNotEmpty the bucket holds objects");
        redis.del(partition.object(bytes("live"))); // as if its time to live ran out
        Long answer = eval(Script.DELETE_BUCKET, ScriptOutputType.INTEGER, bucketKeys, keys.name(), prefix());

        assertThat(answer).isEqualTo(1);
        assertThat(redis.sismember(KeyLayout.REGISTRY, keys.name())).isFalse();
        assertThat(redis.exists(partition.index())).isZero();
        assertThat(failure(Script.DELETE_BUCKET, ScriptOutputType.INTEGER, bucketKeys, keys.name(), prefix()))
                .hasMessage("NoSuchBucket no such bucket");
    }

    private byte[][] indexKeys(byte[] object) {
        return new byte[][] {partition.check(), partition.index(), object};
    }

    private byte[][] indexArguments(String key) {
        return new byte[][] {keys.name(), bytes(key), ObjectHeader.TIME_OFFSET_ARGUMENT};
    }

    private byte[][] objectKeys(String key) {
        return new byte[][] {partition.check(), partition.object(bytes(key))};
    }

    private byte[][] headerArguments() {
        return new byte[][] {keys.name(), ObjectHeader.LENGTH_ARGUMENT};
    }

    private byte[] prefix() {
        return partition.objectPrefix();
    }

    /** The script's answer, sent as the facade sends it: EVALSHA, or EVAL if the server lacks it. */
    private static <T> T eval(Script script, ScriptOutputType type, byte[][] keys, byte[]... arguments) {
        CompletableFuture<T> answer = script.eval(connection.async(), type, keys, arguments);
        return answer.join();
    }

    /** The Redis error a script answered. */
    private static Throwable failure(Script script, ScriptOutputType type, byte[][] keys, byte[]... arguments) {
        Throwable thrown = catchThrowable(() -> eval(script, type, keys, arguments));
        assertThat(thrown).hasCauseInstanceOf(RedisCommandExecutionException.class);
        return thrown.getCause();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(UTF_8);
    }
}
