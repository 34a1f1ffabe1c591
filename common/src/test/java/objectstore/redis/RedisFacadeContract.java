package objectstore.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import objectstore.provisioning.RedisKeys;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStoreException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;

/**
 * What the Redis facade promises on any Redis: S3's errors, metadata, listing order and pagination, TTL, one round trip
 * per operation. Run on one redis-server ({@link RedisObjectStoreTest}) and on an embedded Redis Cluster
 * ({@link RedisObjectStoreClusterTest}); the checks on the servers go to every master.
 */
@Tag("redis")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedisFacadeContract {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger BUCKET_NUMBER = new AtomicInteger();
    static final String RUN = Integer.toString(new Random().nextInt(1 << 20), 36);
    /** The commands an operation sends; a cluster client's own (CLUSTER NODES, INFO, PING) are not the operation's. */
    private static final Set<String> DATA_COMMANDS =
            Set.of("SET", "GETRANGE", "EVALSHA", "EVAL", "SADD", "SREM", "WAIT");

    protected final AtomicInteger commands = new AtomicInteger();
    protected RedisObjectStore store;
    protected String bucket;
    /** A connection to every master, open for the whole class: CLIENT PAUSE must reach them all at once. */
    private final List<StatefulRedisConnection<String, String>> masters = new ArrayList<>();

    private final List<RedisClient> adminClients = new ArrayList<>();

    /** The endpoint, password included. */
    abstract URI uri();

    /**
     * The hash tag of the bucket's keys as a SCAN MATCH pattern: {@code {bucket}}, or {@code {bucket:*}} on a cluster.
     */
    abstract String tag(String bucket);

    @BeforeAll
    void openStore() {
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                if (DATA_COMMANDS.contains(event.getCommand().getType().toString())) {
                    commands.incrementAndGet();
                }
            }
        };
        store = RedisObjectStore.open(uri(), TIMEOUT, null, RedisObjectStore.NO_LIMIT, counter);
        for (URI master : RedisKeys.masters(uri())) {
            RedisClient client = RedisClient.create(master.toString());
            adminClients.add(client);
            masters.add(client.connect());
        }
    }

    @AfterAll
    void closeStore() {
        store.close();
        masters.forEach(StatefulRedisConnection::close);
        adminClients.forEach(client -> client.shutdown(Duration.ZERO, Duration.ofSeconds(2)));
    }

    /** A bucket of its own for each test, named after it. */
    @BeforeEach
    void nameBucket(TestInfo test) {
        String method = test.getTestMethod().orElseThrow().getName().toLowerCase();
        bucket = ("t" + RUN + "-" + BUCKET_NUMBER.incrementAndGet() + "-" + method);
        bucket = bucket.substring(0, Math.min(bucket.length(), 63));
    }

    @Test
    void creatingABucketTwiceIsBucketAlreadyOwnedByYou() {
        store.createBucket(bucket).join();

        ObjectStoreException error = s3Error(store.createBucket(bucket));

        assertThat(error.code()).isEqualTo("BucketAlreadyOwnedByYou");
        assertThat(error.status()).isEqualTo(409);
    }

    @Test
    void deletingAMissingBucketIsNoSuchBucket() {
        ObjectStoreException error = s3Error(store.deleteBucket(bucket));

        assertThat(error.code()).isEqualTo("NoSuchBucket");
        assertThat(error.status()).isEqualTo(404);
    }

    @Test
    void deletingABucketThatHoldsObjectsIsBucketNotEmpty() {
        store.createBucket(bucket).join();
        store.putObject(bucket, "k", new byte[] {1}).join();

        ObjectStoreException error = s3Error(store.deleteBucket(bucket));
        assertThat(error.code()).isEqualTo("BucketNotEmpty");
        assertThat(error.status()).isEqualTo(409);

        store.deleteObject(bucket, "k").join();
        store.deleteBucket(bucket).join();
        assertThat(s3Error(store.deleteBucket(bucket)).code()).isEqualTo("NoSuchBucket");
    }

    @Test
    void everyObjectOperationOnAMissingBucketIsNoSuchBucket() {
        List<CompletableFuture<?>> calls = List.of(
                store.putObject(bucket, "k", new byte[] {1}),
                store.getObject(bucket, "k"),
                store.headObject(bucket, "k"),
                store.deleteObject(bucket, "k"),
                store.listObjects(bucket, "", null, 10),
                store.deleteObjects(bucket, List.of("k")));

        for (CompletableFuture<?> call : calls) {
            ObjectStoreException error = s3Error(call);
            assertThat(error.code()).isEqualTo("NoSuchBucket");
            assertThat(error.status()).isEqualTo(404);
        }
        assertThat(keysMatching("s3:o:" + tag(bucket) + "/k")).isZero();
    }

    @Test
    void gettingOrHeadingAMissingKeyIsNoSuchKey() {
        store.createBucket(bucket).join();

        ObjectStoreException get = s3Error(store.getObject(bucket, "absent"));
        ObjectStoreException head = s3Error(store.headObject(bucket, "absent"));

        assertThat(get.code()).isEqualTo("NoSuchKey");
        assertThat(get.status()).isEqualTo(404);
        assertThat(head.code()).isEqualTo("NoSuchKey");
        // Deleting an absent key succeeds, as on S3.
        store.deleteObject(bucket, "absent").join();
    }

    @Test
    void emptyBinaryAndOneMebibyteObjectsComeBackByteForByte() {
        store.createBucket(bucket).join();
        byte[] allByteValues = new byte[256];
        for (int i = 0; i < 256; i++) {
            allByteValues[i] = (byte) i;
        }
        byte[] mebibyte = new byte[1 << 20];
        new Random(42).nextBytes(mebibyte);

        store.putObject(bucket, "empty", new byte[0]).join();
        store.putObject(bucket, "binary", allByteValues).join();
        store.putObject(bucket, "mebibyte", mebibyte).join();

        assertThat(store.getObject(bucket, "empty").join()).isEmpty();
        assertThat(store.getObject(bucket, "binary").join()).isEqualTo(allByteValues);
        assertThat(store.getObject(bucket, "mebibyte").join()).isEqualTo(mebibyte);
        assertThat(store.headObject(bucket, "empty").join().size()).isZero();
        assertThat(store.headObject(bucket, "mebibyte").join().size()).isEqualTo(1 << 20);
    }

    @Test
    void keysWithUnicodeSpacesAndGlobCharactersRoundTrip() {
        store.createBucket(bucket).join();
        List<String> keys =
                List.of("ünïcødé/日本語/ключ", "with space", "a*b", "a?c", "[x]", "back\\slash", "emoji 😀", "trailing/");

        for (String key : keys) {
            store.putObject(bucket, key, key.getBytes(UTF_8)).join();
        }

        for (String key : keys) {
            assertThat(new String(store.getObject(bucket, key).join(), UTF_8)).isEqualTo(key);
        }
        assertThat(keysOf(store.listObjects(bucket, "", null, 1000).join())).containsExactlyInAnyOrderElementsOf(keys);
    }

    @Test
    void headAndListGiveSizeMd5ETagAndLastModified() throws Exception {
        store.createBucket(bucket).join();
        byte[] data = "hello, metadata".getBytes(UTF_8);
        String md5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(data));

        String eTag = store.putObject(bucket, "m", data).join();
        ObjectInfo head = store.headObject(bucket, "m").join();
        ObjectInfo listed =
                store.listObjects(bucket, "", null, 10).join().objects().get(0);

        assertThat(eTag).isEqualTo(md5);
        assertThat(head).isEqualTo(listed);
        assertThat(head.key()).isEqualTo("m");
        assertThat(head.size()).isEqualTo(data.length);
        assertThat(head.eTag()).isEqualTo(md5);
        assertThat(head.lastModified())
                .isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(5));
        // The empty object's ETag is the MD5 of nothing, as on S3.
        assertThat(store.putObject(bucket, "empty", new byte[0]).join()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void aPrefixWithGlobCharactersListsExactlyTheKeysThatStartWithIt() {
        store.createBucket(bucket).join();
        List<String> keys =
                List.of("a*", "a*b", "ab", "aXb", "a?c", "abc", "[x]", "[x]y", "x", "back\\slash", "backslash", "a\\b");
        for (String key : keys) {
            store.putObject(bucket, key, new byte[] {1}).join();
        }

        // As SCAN MATCH patterns these would also match "ab", "aXb", "x" and "backslash"; as prefixes they do not.
        assertThat(keysOf(store.listObjects(bucket, "a*", null, 1000).join())).containsExactly("a*", "a*b");
        assertThat(keysOf(store.listObjects(bucket, "a?", null, 1000).join())).containsExactly("a?c");
        assertThat(keysOf(store.listObjects(bucket, "[x]", null, 1000).join())).containsExactly("[x]", "[x]y");
        assertThat(keysOf(store.listObjects(bucket, "back\\", null, 1000).join()))
                .containsExactly("back\\slash");
        assertThat(keysOf(store.listObjects(bucket, "a\\", null, 1000).join())).containsExactly("a\\b");
        assertThat(keysOf(store.listObjects(bucket, "zzz", null, 1000).join())).isEmpty();
    }

    @Test
    void listingIsInS3OrderTheKeysUtf8Bytes() {
        store.createBucket(bucket).join();
        // UTF-16 order (String.compareTo) puts the emoji (a surrogate pair, 0xD83D...) before U+FF21;
        // UTF-8 byte order, which S3 uses, puts U+FF21 (EF BC A1) before the emoji (F0 9F 98 80).
        List<String> keys = List.of("b", "B", "a/b", "a", "a0", "é", "\uFF21", "😀");
        for (String key : keys) {
            store.putObject(bucket, key, new byte[] {1}).join();
        }

        assertThat(keysOf(store.listObjects(bucket, "", null, 1000).join()))
                .containsExactly("B", "a", "a/b", "a0", "b", "é", "\uFF21", "😀");
    }

    @Test
    void pagesOf1000AndOf7ListEachOf2500KeysOnceInOrder() {
        store.createBucket(bucket).join();
        List<String> keys = putKeys(2500);
        store.putObject(bucket, "other/outside-the-prefix", new byte[] {1}).join();

        assertThat(listAll("k/", 1000)).containsExactlyElementsOf(keys);
        assertThat(listAll("k/", 7)).containsExactlyElementsOf(keys);
        ListPage first = store.listObjects(bucket, "k/", null, 1000).join();
        assertThat(first.objects()).hasSize(1000);
        assertThat(first.truncated()).isTrue();
        ListPage exact = store.listObjects(bucket, "other/", null, 1).join();
        assertThat(exact.objects()).hasSize(1);
        assertThat(exact.truncated()).isFalse();
    }

    @Test
    void deleteObjectsInBatchesOf1000EmptiesTheBucket() {
        store.createBucket(bucket).join();
        List<String> keys = putKeys(2500);

        ObjectStoreException tooMany = s3Error(store.deleteObjects(bucket, keys));
        assertThat(tooMany.code()).isEqualTo("MalformedXML");
        for (int from = 0; from < keys.size(); from += 1000) {
            List<String> batch = keys.subList(from, Math.min(from + 1000, keys.size()));
            assertThat(store.deleteObjects(bucket, batch).join()).isEmpty();
        }

        assertThat(store.listObjects(bucket, "", null, 1000).join().objects()).isEmpty();
        assertThat(indexEntries(bucket)).isZero();
        store.deleteBucket(bucket).join();
    }

    @Test
    void objectsWithATimeToLiveExpireAndLeaveTheListing() throws Exception {
        store.createBucket(bucket).join();
        URI withTtl = URI.create(uri() + "?ttl=1");
        try (RedisObjectStore transient_ = RedisObjectStore.open(withTtl, TIMEOUT)) {
            assertThat(transient_.timeToLive()).isEqualTo(Duration.ofSeconds(1));
            transient_.putObject(bucket, "transient", new byte[] {1}).join();
            store.putObject(bucket, "kept", new byte[] {2}).join();
            assertThat(pttl("s3:o:" + tag(bucket) + "/transient")).isBetween(1L, 1000L);

            Thread.sleep(1200);

            assertThat(s3Error(transient_.getObject(bucket, "transient")).code())
                    .isEqualTo("NoSuchKey");
            assertThat(s3Error(transient_.headObject(bucket, "transient")).code())
                    .isEqualTo("NoSuchKey");
            assertThat(keysOf(store.listObjects(bucket, "", null, 1000).join())).containsExactly("kept");
            // The listing dropped the expired key from the index, so the bucket empties normally.
            assertThat(indexEntries(bucket)).isEqualTo(1);
            store.deleteObject(bucket, "kept").join();
            store.deleteBucket(bucket).join();
        }
    }

    @Test
    void aBucketWhoseObjectsAllExpiredCanBeDeleted() throws Exception {
        store.createBucket(bucket).join();
        try (RedisObjectStore transient_ = RedisObjectStore.open(uri(), TIMEOUT, Duration.ofMillis(100))) {
            transient_.putObject(bucket, "a", new byte[] {1}).join();
            transient_.putObject(bucket, "b", new byte[] {1}).join();
            Thread.sleep(300);

            store.deleteBucket(bucket).join();
        }
    }

    @Test
    void eachOperationIsOneRoundTrip() {
        store.createBucket(bucket).join();
        store.putObject(bucket, "k", new byte[] {1}).join();
        List<Supplier<CompletableFuture<?>>> operations = List.of(
                () -> store.putObject(bucket, "k", new byte[] {1}),
                () -> store.getObject(bucket, "k"),
                () -> store.headObject(bucket, "k"),
                () -> store.listObjects(bucket, "", null, 10),
                () -> store.deleteObjects(bucket, List.of("x", "y")),
                () -> store.deleteObject(bucket, "k"));

        for (Supplier<CompletableFuture<?>> operation : operations) {
            assertThat(roundTrips(operation)).isEqualTo(1);
        }

        // A GET that misses takes a second round trip to say which error: the key, or the bucket.
        assertThat(roundTrips(() -> store.getObject(bucket, "k").exceptionally(missing -> null)))
                .isEqualTo(2);

        // The servers agree: a put is one SET and one EVALSHA, a get one GETRANGE and no script.
        long evalshaBefore = commandCalls("evalsha");
        long setBefore = commandCalls("set");
        long getrangeBefore = commandCalls("getrange");
        store.putObject(bucket, "k", new byte[] {1}).join();
        store.getObject(bucket, "k").join();
        assertThat(commandCalls("evalsha") - evalshaBefore).isEqualTo(1);
        assertThat(commandCalls("set") - setBefore).isEqualTo(1);
        assertThat(commandCalls("getrange") - getrangeBefore).isEqualTo(1);
    }

    @Test
    void badListingArgumentsAreS3Errors() {
        store.createBucket(bucket).join();

        assertThat(s3Error(store.listObjects(bucket, "", null, 0)).code()).isEqualTo("InvalidArgument");
        assertThat(s3Error(store.listObjects(bucket, "", "not base64!", 10)).code())
                .isEqualTo("InvalidArgument");
    }

    @Test
    void namesS3WouldRefuseAreRefusedBeforeAnythingIsSent() {
        int before = commands.get();

        assertThat(failure(store.putObject(bucket, "", new byte[0])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid key: it must not be empty");
        assertThat(failure(store.putObject(bucket, "k".repeat(1025), new byte[0])))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("S3 allows at most 1,024");
        assertThat(failure(store.createBucket("Not_A*Bucket")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid bucket name 'Not_A*Bucket'");
        assertThat(failure(store.createBucket("a..b"))).hasMessageContaining("must not contain '..'");
        assertThat(failure(store.createBucket("192.168.1.1"))).hasMessageContaining("IP address");

        assertThat(commands.get()).as("commands sent").isEqualTo(before);
    }

    /*
     * Round trips, counted on the wire: while CLIENT PAUSE holds every reply (on every master), an
     * operation writes all the commands of its first round trip; whatever it writes after the replies
     * come is another round trip.
     */
    int roundTrips(Supplier<CompletableFuture<?>> operation) {
        int before = commands.get();
        List<CompletableFuture<String>> paused = new ArrayList<>();
        for (StatefulRedisConnection<String, String> master : masters) {
            paused.add(master.async().clientPause(600).toCompletableFuture());
        }
        CompletableFuture.allOf(paused.toArray(CompletableFuture[]::new)).join();
        CompletableFuture<?> running = operation.get();
        sleep(250);
        int firstRoundTrip = commands.get() - before;
        running.join();
        int all = commands.get() - before;
        assertThat(firstRoundTrip).as("commands written before the first reply").isPositive();
        return all == firstRoundTrip ? 1 : 2;
    }

    /** Puts keys k/00000 ... all at once (Lettuce pipelines them); returns them in order. */
    List<String> putKeys(int count) {
        List<String> keys = IntStream.range(0, count)
                .mapToObj(i -> String.format("k/%05d", i))
                .toList();
        List<CompletableFuture<String>> puts = new ArrayList<>();
        for (String key : keys) {
            puts.add(store.putObject(bucket, key, new byte[] {1}));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
        return keys;
    }

    List<String> listAll(String prefix, int maxKeys) {
        List<String> keys = new ArrayList<>();
        String token = null;
        do {
            ListPage page = store.listObjects(bucket, prefix, token, maxKeys).join();
            assertThat(page.objects().size()).isLessThanOrEqualTo(maxKeys);
            keys.addAll(keysOf(page));
            token = page.nextContinuationToken();
        } while (token != null);
        return Collections.unmodifiableList(keys);
    }

    static List<String> keysOf(ListPage page) {
        return page.objects().stream().map(ObjectInfo::key).toList();
    }

    /** Every master's answer to {@code work}, on a connection of the test's own, in slot order. */
    <T> List<T> onEveryMaster(Function<RedisCommands<String, String>, T> work) {
        List<T> answers = new ArrayList<>();
        for (URI master : RedisKeys.masters(uri())) {
            RedisClient client = RedisClient.create(master.toString());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                answers.add(work.apply(connection.sync()));
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
        }
        return answers;
    }

    /** The Redis keys matching {@code pattern} on every master. */
    List<String> keys(String pattern) {
        return onEveryMaster(node -> {
                    List<String> found = new ArrayList<>();
                    ScanCursor cursor = ScanCursor.INITIAL;
                    do {
                        KeyScanCursor<String> page = node.scan(
                                cursor, ScanArgs.Builder.matches(pattern).limit(1000));
                        found.addAll(page.getKeys());
                        cursor = page;
                    } while (!cursor.isFinished());
                    return found;
                })
                .stream()
                .flatMap(List::stream)
                .toList();
    }

    long keysMatching(String pattern) {
        return keys(pattern).size();
    }

    /** The members of the bucket's index (every partition's, on a cluster). */
    long indexEntries(String bucket) {
        String pattern = "s3:i:" + tag(bucket);
        return onEveryMaster(node ->
                        keysOn(node, pattern).stream().mapToLong(node::zcard).sum())
                .stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** The time to live of the one key matching {@code pattern}, wherever it is. */
    long pttl(String pattern) {
        return onEveryMaster(node ->
                        keysOn(node, pattern).stream().mapToLong(node::pttl).sum())
                .stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    static List<String> keysOn(RedisCommands<String, String> node, String pattern) {
        List<String> found = new ArrayList<>();
        ScanCursor cursor = ScanCursor.INITIAL;
        do {
            KeyScanCursor<String> page =
                    node.scan(cursor, ScanArgs.Builder.matches(pattern).limit(1000));
            found.addAll(page.getKeys());
            cursor = page;
        } while (!cursor.isFinished());
        return found;
    }

    /** How many times the masters together have run {@code command}. */
    long commandCalls(String command) {
        return onEveryMaster(node -> node.info("commandstats")
                        .lines()
                        .filter(line -> line.startsWith("cmdstat_" + command + ":"))
                        .findFirst()
                        .map(line -> Long.parseLong(line.replaceAll("^cmdstat_" + command + ":calls=(\\d+),.*$", "$1")))
                        .orElse(0L))
                .stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The exception a call failed with. */
    static Throwable failure(CompletableFuture<?> call) {
        Throwable thrown = catchThrowable(call::join);
        assertThat(thrown).isInstanceOf(CompletionException.class);
        return thrown.getCause();
    }

    static ObjectStoreException s3Error(CompletableFuture<?> call) {
        Throwable thrown = catchThrowable(call::join);
        assertThat(thrown).isInstanceOf(CompletionException.class);
        assertThat(thrown.getCause()).isInstanceOf(ObjectStoreException.class);
        return (ObjectStoreException) thrown.getCause();
    }
}
