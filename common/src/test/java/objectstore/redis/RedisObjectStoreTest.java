package objectstore.redis;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.store.ListPage;
import objectstore.store.ObjectInfo;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;
import objectstore.testing.TestStores;

/** The Redis facade against a real redis-server: S3's errors, metadata, listing order and pagination, TTL, round trips. */
@Tag("redis")
class RedisObjectStoreTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final AtomicInteger COMMANDS = new AtomicInteger();
    private static final AtomicInteger BUCKET_NUMBER = new AtomicInteger();
    private static final String RUN = Integer.toString(new Random().nextInt(1 << 20), 36);

    private static EmbeddedRedis server;
    private static RedisObjectStore store;
    private static RedisClient adminClient;
    private static StatefulRedisConnection<String, String> admin;

    private String bucket;

    @BeforeAll
    static void open() {
        server = TestStores.redis();
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                COMMANDS.incrementAndGet();
            }
        };
        store = RedisObjectStore.open(server.uri(), TIMEOUT, null, RedisObjectStore.NO_LIMIT, counter);
        adminClient = RedisClient.create(server.uri().toString());
        admin = adminClient.connect();
    }

    @AfterAll
    static void close() {
        store.close();
        admin.close();
        adminClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
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
        assertThat(admin.sync().exists("s3:o:{" + bucket + "}/k")).isZero();
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
        List<String> keys = List.of("ünïcødé/日本語/ключ", "with space", "a*b", "a?c", "[x]", "back\\slash", "emoji 😀", "trailing/");

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
        ObjectInfo listed = store.listObjects(bucket, "", null, 10).join().objects().get(0);

        assertThat(eTag).isEqualTo(md5);
        assertThat(head).isEqualTo(listed);
        assertThat(head.key()).isEqualTo("m");
        assertThat(head.size()).isEqualTo(data.length);
        assertThat(head.eTag()).isEqualTo(md5);
        assertThat(head.lastModified()).isBetween(Instant.now().minusSeconds(5), Instant.now().plusSeconds(5));
        // The empty object's ETag is the MD5 of nothing, as on S3.
        assertThat(store.putObject(bucket, "empty", new byte[0]).join()).isEqualTo("d41d8cd98f00b204e9800998ecf8427e");
    }

    @Test
    void aPrefixWithGlobCharactersListsExactlyTheKeysThatStartWithIt() {
        store.createBucket(bucket).join();
        List<String> keys = List.of("a*", "a*b", "ab", "aXb", "a?c", "abc", "[x]", "[x]y", "x", "back\\slash", "backslash", "a\\b");
        for (String key : keys) {
            store.putObject(bucket, key, new byte[] {1}).join();
        }

        // As SCAN MATCH patterns these would also match "ab", "aXb", "x" and "backslash"; as prefixes they do not.
        assertThat(keysOf(store.listObjects(bucket, "a*", null, 1000).join())).containsExactly("a*", "a*b");
        assertThat(keysOf(store.listObjects(bucket, "a?", null, 1000).join())).containsExactly("a?c");
        assertThat(keysOf(store.listObjects(bucket, "[x]", null, 1000).join())).containsExactly("[x]", "[x]y");
        assertThat(keysOf(store.listObjects(bucket, "back\\", null, 1000).join())).containsExactly("back\\slash");
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
        assertThat(admin.sync().zcard("s3:i:{" + bucket + "}")).isZero();
        store.deleteBucket(bucket).join();
    }

    @Test
    void objectsWithATimeToLiveExpireAndLeaveTheListing() throws Exception {
        store.createBucket(bucket).join();
        URI withTtl = URI.create(server.uri() + "?ttl=1");
        try (RedisObjectStore transient_ = RedisObjectStore.open(withTtl, TIMEOUT)) {
            assertThat(transient_.timeToLive()).isEqualTo(Duration.ofSeconds(1));
            transient_.putObject(bucket, "transient", new byte[] {1}).join();
            store.putObject(bucket, "kept", new byte[] {2}).join();
            assertThat(admin.sync().pttl("s3:o:{" + bucket + "}/transient")).isBetween(1L, 1000L);

            Thread.sleep(1200);

            assertThat(s3Error(transient_.getObject(bucket, "transient")).code()).isEqualTo("NoSuchKey");
            assertThat(s3Error(transient_.headObject(bucket, "transient")).code()).isEqualTo("NoSuchKey");
            assertThat(keysOf(store.listObjects(bucket, "", null, 1000).join())).containsExactly("kept");
            // The listing dropped the expired key from the index, so the bucket empties normally.
            assertThat(admin.sync().zcard("s3:i:{" + bucket + "}")).isEqualTo(1);
            store.deleteObject(bucket, "kept").join();
            store.deleteBucket(bucket).join();
        }
    }

    @Test
    void aBucketWhoseObjectsAllExpiredCanBeDeleted() throws Exception {
        store.createBucket(bucket).join();
        try (RedisObjectStore transient_ = RedisObjectStore.open(server.uri(), TIMEOUT, Duration.ofMillis(100))) {
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
        assertThat(roundTrips(() -> store.getObject(bucket, "k").exceptionally(missing -> null))).isEqualTo(2);

        // The server agrees: a put is one SET and one EVALSHA, a get one GETRANGE and no script.
        long evalshaBefore = commandCalls("evalsha");
        long setBefore = commandCalls("set");
        long getrangeBefore = commandCalls("getrange");
        store.putObject(bucket, "k", new byte[] {1}).join();
        store.getObject(bucket, "k").join();
        assertThat(commandCalls("evalsha") - evalshaBefore).isEqualTo(1);
        assertThat(commandCalls("set") - setBefore).isEqualTo(1);
        assertThat(commandCalls("getrange") - getrangeBefore).isEqualTo(1);
    }

    /*
     * Round trips, counted on the wire: while CLIENT PAUSE holds every reply, an operation writes all the
     * commands of its first round trip; whatever it writes after the replies come is another round trip.
     */
    private static int roundTrips(Supplier<CompletableFuture<?>> operation) {
        int before = COMMANDS.get();
        admin.sync().clientPause(300);
        CompletableFuture<?> running = operation.get();
        sleep(150);
        int firstRoundTrip = COMMANDS.get() - before;
        running.join();
        int all = COMMANDS.get() - before;
        assertThat(firstRoundTrip).as("commands written before the first reply").isPositive();
        return all == firstRoundTrip ? 1 : 2;
    }

    /*
     * The in-flight limit, seen on the server: while CLIENT PAUSE holds every reply, the facade has
     * written exactly the limit and queued the rest; the caller got all its futures back at once.
     */
    @Test
    void noMoreThanTheLimitIsEverInFlightAndTheCallerNeverWaits() {
        AtomicInteger started = new AtomicInteger();
        CommandListener counter = new CommandListener() {
            @Override
            public void commandStarted(CommandStartedEvent event) {
                started.incrementAndGet();
            }
        };
        try (RedisObjectStore limited = RedisObjectStore.open(server.uri(), TIMEOUT, null, 4, counter)) {
            assertThat(limited.maxInFlight()).isEqualTo(4);
            limited.createBucket(bucket).join();
            limited.putObject(bucket, "k", new byte[] {1}).join();
            int before = started.get();

            admin.sync().clientPause(1_000);
            long issuing = System.nanoTime();
            List<CompletableFuture<byte[]>> gets = IntStream.range(0, 100).mapToObj(i -> limited.getObject(bucket, "k")).toList();
            long issuedMillis = (System.nanoTime() - issuing) / 1_000_000;
            assertThat(gets).noneMatch(CompletableFuture::isDone);
            sleep(300);

            assertThat(started.get() - before).as("commands written while the server holds the replies").isEqualTo(4);
            assertThat(gets).noneMatch(CompletableFuture::isDone);
            assertThat(issuedMillis).as("milliseconds to issue 100 calls").isLessThan(500);
            gets.forEach(get -> assertThat(get.join()).containsExactly(1));
            assertThat(started.get() - before).isEqualTo(100);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    @Test
    void aServerThatForgotTheScriptsGetsThemAgain() {
        store.createBucket(bucket).join();
        admin.sync().scriptFlush();

        store.putObject(bucket, "k", new byte[] {7}).join();

        assertThat(store.getObject(bucket, "k").join()).containsExactly(7);
    }

    @Test
    void badListingArgumentsAreS3Errors() {
        store.createBucket(bucket).join();

        assertThat(s3Error(store.listObjects(bucket, "", null, 0)).code()).isEqualTo("InvalidArgument");
        assertThat(s3Error(store.listObjects(bucket, "", "not base64!", 10)).code()).isEqualTo("InvalidArgument");
    }

    @Test
    void namesS3WouldRefuseAreRefusedBeforeAnythingIsSent() {
        int before = COMMANDS.get();

        assertThat(failure(store.putObject(bucket, "", new byte[0]))).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("invalid key: it must not be empty");
        assertThat(failure(store.putObject(bucket, "k".repeat(1025), new byte[0]))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("S3 allows at most 1,024");
        assertThat(failure(store.createBucket("Not_A*Bucket"))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("invalid bucket name 'Not_A*Bucket'");
        assertThat(failure(store.createBucket("a..b"))).hasMessageContaining("must not contain '..'");
        assertThat(failure(store.createBucket("192.168.1.1"))).hasMessageContaining("IP address");

        assertThat(COMMANDS.get()).as("commands sent").isEqualTo(before);
    }

    @Test
    void aClosedPortIsStoreUnavailableNamingTheEndpointButNotThePassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = socket.getLocalPort();
        }

        Throwable error = catchThrowable(() -> RedisObjectStore.open(URI.create("redis://:secret-password@127.0.0.1:" + closedPort), TIMEOUT));

        assertThat(error).isInstanceOf(StoreUnavailableException.class);
        assertThat(error.getMessage())
                .startsWith("cannot connect to redis://127.0.0.1:" + closedPort + ": ")
                .containsIgnoringCase("refused")
                .doesNotContain("secret-password");
    }

    @Test
    void aWrongPasswordIsAccessDenied() {
        URI wrong = URI.create("redis://:wrong-password@127.0.0.1:" + server.port());

        Throwable error = catchThrowable(() -> RedisObjectStore.open(wrong, TIMEOUT));

        assertThat(error).isInstanceOf(ObjectStoreException.class);
        assertThat(((ObjectStoreException) error).code()).isEqualTo("AccessDenied");
        assertThat(error.getMessage()).contains(server.endpoint()).doesNotContain("wrong-password");
    }

    /*
     * The error contract on the wire. The scripts answer "CODE message", which every Redis version sends
     * as it is; a bare code is rewritten to "ERR CODE" by Redis 7. Checked on the server itself, so the
     * test fails on a version that rewrites even this form.
     */
    @Test
    void aScriptsS3ErrorReachesTheClientWithItsCodeFirst() {
        store.createBucket(bucket).join();
        String script = "return redis.error_reply('NoSuchKey no such key')";

        Throwable error = catchThrowable(() -> admin.sync().eval(script, io.lettuce.core.ScriptOutputType.STATUS));

        assertThat(error).hasMessage("NoSuchKey no such key");
        assertThat(s3Error(store.getObject(bucket, "absent")).code()).isEqualTo("NoSuchKey");
    }

    /*
     * ACL refusals are AccessDenied whether Redis refuses the EVALSHA itself (NOPERM) or a command inside
     * the script (an ERR whose wording is the same on 6.2 and 7).
     */
    @Test
    void aUserTheAclRefusesIsAccessDeniedOutsideAndInsideTheScripts() {
        String password = "pw-" + RUN;
        String noZadd = "nozadd-" + RUN;
        String noEvalsha = "noevalsha-" + RUN;
        String noScripts = "noscripts-" + RUN;
        admin.sync().aclSetuser(noZadd, io.lettuce.core.AclSetuserArgs.Builder.on().addPassword(password).allKeys().allCommands().removeCommand(io.lettuce.core.protocol.CommandType.ZADD));
        admin.sync().aclSetuser(noEvalsha, io.lettuce.core.AclSetuserArgs.Builder.on().addPassword(password).allKeys().allCommands()
                .removeCommand(io.lettuce.core.protocol.CommandType.EVALSHA).removeCommand(io.lettuce.core.protocol.CommandType.EVAL));
        admin.sync().aclSetuser(noScripts, io.lettuce.core.AclSetuserArgs.Builder.on().addPassword(password).allKeys().allCommands()
                .removeCommand(io.lettuce.core.protocol.CommandType.SCRIPT));
        store.createBucket(bucket).join();
        try (RedisObjectStore refusedInside = RedisObjectStore.open(asUser(noZadd, password), TIMEOUT);
             RedisObjectStore refusedOutside = RedisObjectStore.open(asUser(noEvalsha, password), TIMEOUT)) {

            ObjectStoreException inside = s3Error(refusedInside.putObject(bucket, "k", new byte[] {1}));
            ObjectStoreException outside = s3Error(refusedOutside.headObject(bucket, "k"));

            assertThat(inside.code()).isEqualTo("AccessDenied");
            assertThat(inside.status()).isEqualTo(403);
            assertThat(outside.code()).isEqualTo("AccessDenied");
        } finally {
            admin.sync().aclDeluser(noZadd, noEvalsha);
        }
        try {
            Throwable error = catchThrowable(() -> RedisObjectStore.open(asUser(noScripts, password), TIMEOUT));
            assertThat(error).isInstanceOf(ObjectStoreException.class);
            assertThat(((ObjectStoreException) error).code()).isEqualTo("AccessDenied");
            assertThat(error.getMessage()).contains("scripts").doesNotContain(password);
        } finally {
            admin.sync().aclDeluser(noScripts);
        }
    }

    /* A Redis at its maxmemory refuses writes: 503, on 6.2 (inside the script) and 7 (before it) alike. */
    @Test
    void aFullRedisIsServiceUnavailableAndStillServesReads() throws Exception {
        try (EmbeddedRedis small = TestStores.startRedis(java.nio.file.Path.of("target", "test-stores"));
             RedisObjectStore full = RedisObjectStore.open(small.uri(), TIMEOUT)) {
            full.createBucket(bucket).join();
            full.putObject(bucket, "first", new byte[] {1}).join();
            RedisClient client = RedisClient.create(small.uri().toString());
            try (StatefulRedisConnection<String, String> config = client.connect()) {
                config.sync().configSet("maxmemory", "1");
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }

            ObjectStoreException error = s3Error(full.putObject(bucket, "second", new byte[1000]));

            assertThat(error.code()).isEqualTo("ServiceUnavailable");
            assertThat(error.status()).isEqualTo(503);
            assertThat(error.getMessage()).contains("maxmemory");
            assertThat(full.getObject(bucket, "first").join()).containsExactly(1);
        }
    }

    @Test
    void theDescriptionNamesLettuceAndItsVersion() {
        assertThat(store.description()).isEqualTo("lite client's Redis facade (Lettuce 7.7.0)");
        assertThat(store.endpoint()).isEqualTo(server.endpoint());
    }

    private static URI asUser(String user, String password) {
        return URI.create("redis://" + user + ":" + password + "@127.0.0.1:" + server.port());
    }

    /** Puts keys k/00000 ... all at once (Lettuce pipelines them); returns them in order. */
    private List<String> putKeys(int count) {
        List<String> keys = IntStream.range(0, count).mapToObj(i -> String.format("k/%05d", i)).toList();
        List<CompletableFuture<String>> puts = new ArrayList<>();
        for (String key : keys) {
            puts.add(store.putObject(bucket, key, new byte[] {1}));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
        return keys;
    }

    private List<String> listAll(String prefix, int maxKeys) {
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

    private static List<String> keysOf(ListPage page) {
        return page.objects().stream().map(ObjectInfo::key).toList();
    }

    private static long commandCalls(String command) {
        String stats = admin.sync().info("commandstats");
        return stats.lines().filter(line -> line.startsWith("cmdstat_" + command + ":")).findFirst()
                .map(line -> Long.parseLong(line.replaceAll("^cmdstat_" + command + ":calls=(\\d+),.*$", "$1")))
                .orElse(0L);
    }

    /** The ObjectStoreException a call failed with. */
    private static Throwable failure(CompletableFuture<?> call) {
        Throwable thrown = catchThrowable(call::join);
        assertThat(thrown).isInstanceOf(CompletionException.class);
        return thrown.getCause();
    }

    private static ObjectStoreException s3Error(CompletableFuture<?> call) {
        Throwable thrown = catchThrowable(call::join);
        assertThat(thrown).isInstanceOf(CompletionException.class);
        assertThat(thrown.getCause()).isInstanceOf(ObjectStoreException.class);
        return (ObjectStoreException) thrown.getCause();
    }
}
