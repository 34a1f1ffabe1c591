package objectstore.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.event.command.CommandListener;
import io.lettuce.core.event.command.CommandStartedEvent;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The Redis facade on one redis-server: the contract ({@link RedisFacadeContract}), and what only one server shows: its
 * exact key layout, the in-flight limit under CLIENT PAUSE, scripts reloaded after a flush, connection and credential
 * errors, ACL refusals, a full server.
 */
class RedisObjectStoreTest extends RedisFacadeContract {

    private static EmbeddedRedis server;
    private static RedisClient adminClient;
    private static StatefulRedisConnection<String, String> admin;

    @Override
    URI uri() {
        return TestStores.redis().uri();
    }

    @Override
    String tag(String bucket) {
        return "{" + bucket + "}";
    }

    @BeforeAll
    static void open() {
        server = TestStores.redis();
        adminClient = RedisClient.create(server.uri().toString());
        admin = adminClient.connect();
    }

    @AfterAll
    static void close() {
        admin.close();
        adminClient.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }

    /* On one server the layout is the single-node one: the registry is the bucket check, one index, one tag. */
    @Test
    void oneServerKeepsTheSingleNodeLayout() {
        store.createBucket(bucket).join();
        store.putObject(bucket, "k", new byte[] {1}).join();

        assertThat(store.cluster()).isFalse();
        assertThat(admin.sync().sismember("s3:buckets", bucket)).isTrue();
        assertThat(admin.sync().zrange("s3:i:{" + bucket + "}", 0, -1)).containsExactly("k");
        assertThat(admin.sync().strlen("s3:o:{" + bucket + "}/k")).isEqualTo(46);
        assertThat(admin.sync().exists("s3:b:{" + bucket + ":0}")).isZero();
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
            List<CompletableFuture<byte[]>> gets = IntStream.range(0, 100)
                    .mapToObj(i -> limited.getObject(bucket, "k"))
                    .toList();
            long issuedMillis = (System.nanoTime() - issuing) / 1_000_000;
            assertThat(gets).noneMatch(CompletableFuture::isDone);
            sleep(300);

            assertThat(started.get() - before)
                    .as("commands written while the server holds the replies")
                    .isEqualTo(4);
            assertThat(gets).noneMatch(CompletableFuture::isDone);
            assertThat(issuedMillis).as("milliseconds to issue 100 calls").isLessThan(500);
            gets.forEach(get -> assertThat(get.join()).containsExactly(1));
            assertThat(started.get() - before).isEqualTo(100);
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
    void aClosedPortIsStoreUnavailableNamingTheEndpointButNotThePassword() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            closedPort = socket.getLocalPort();
        }

        Throwable error = catchThrowable(
                () -> RedisObjectStore.open(URI.create("redis://:secret-password@127.0.0.1:" + closedPort), TIMEOUT));

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
        admin.sync()
                .aclSetuser(
                        noZadd,
                        io.lettuce.core.AclSetuserArgs.Builder.on()
                                .addPassword(password)
                                .allKeys()
                                .allCommands()
                                .removeCommand(io.lettuce.core.protocol.CommandType.ZADD));
        admin.sync()
                .aclSetuser(
                        noEvalsha,
                        io.lettuce.core.AclSetuserArgs.Builder.on()
                                .addPassword(password)
                                .allKeys()
                                .allCommands()
                                .removeCommand(io.lettuce.core.protocol.CommandType.EVALSHA)
                                .removeCommand(io.lettuce.core.protocol.CommandType.EVAL));
        admin.sync()
                .aclSetuser(
                        noScripts,
                        io.lettuce.core.AclSetuserArgs.Builder.on()
                                .addPassword(password)
                                .allKeys()
                                .allCommands()
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

    /*
     * Redis closes the connection on a value over its proto-max-bulk-len, failing every command in flight
     * on it; the facade refuses such an object itself: EntityTooLarge, with nothing sent. The limit is the
     * server's (CONFIG GET at open), here lowered to Redis's least, 1 MiB; the largest object that fits
     * is 1 MiB less the header.
     */
    @Test
    void anObjectOverTheServersProtoMaxBulkLenIsEntityTooLargeBeforeAnythingIsSent() {
        int limit = 1 << 20;
        try (EmbeddedRedis small = TestStores.startRedis(java.nio.file.Path.of("target", "test-stores"))) {
            RedisClient client = RedisClient.create(small.uri().toString());
            try (StatefulRedisConnection<String, String> config = client.connect()) {
                config.sync().configSet("proto-max-bulk-len", Integer.toString(limit));
            } finally {
                client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
            }
            AtomicInteger sent = new AtomicInteger();
            CommandListener counter = new CommandListener() {
                @Override
                public void commandStarted(CommandStartedEvent event) {
                    sent.incrementAndGet();
                }
            };
            try (RedisObjectStore limited =
                    RedisObjectStore.open(small.uri(), TIMEOUT, null, RedisObjectStore.NO_LIMIT, counter)) {
                limited.createBucket(bucket).join();
                byte[] largest = new byte[limit - ObjectHeader.LENGTH];
                largest[largest.length - 1] = 7;
                int before = sent.get();

                ObjectStoreException error =
                        s3Error(limited.putObject(bucket, "too-large", new byte[largest.length + 1]));

                assertThat(error.code()).isEqualTo("EntityTooLarge");
                assertThat(error.status()).isEqualTo(400);
                assertThat(error.getMessage())
                        .contains("proto-max-bulk-len " + limit)
                        .contains(small.endpoint());
                assertThat(sent.get()).as("commands sent").isEqualTo(before);
                assertThat(limited.maxObjectSize()).isEqualTo(largest.length);
                limited.putObject(bucket, "largest", largest).join();
                assertThat(limited.getObject(bucket, "largest").join()).isEqualTo(largest);
            }
        }
    }

    /* A user the ACL does not let run CONFIG: the endpoint's proto-max-bulk-len, else Redis's default, 512 MiB. */
    @Test
    void withoutConfigTheLimitIsTheEndpointsElseRedissDefault() {
        String user = "noconfig-" + RUN;
        String password = "pw-" + RUN;
        admin.sync()
                .aclSetuser(
                        user,
                        io.lettuce.core.AclSetuserArgs.Builder.on()
                                .addPassword(password)
                                .allKeys()
                                .allCommands()
                                .removeCommand(io.lettuce.core.protocol.CommandType.CONFIG));
        try (RedisObjectStore configured = RedisObjectStore.open(
                        URI.create(asUser(user, password) + "?proto-max-bulk-len=2000"), TIMEOUT);
                RedisObjectStore defaulted = RedisObjectStore.open(asUser(user, password), TIMEOUT)) {
            configured.createBucket(bucket).join();

            ObjectStoreException error = s3Error(configured.putObject(bucket, "k", new byte[2000]));

            assertThat(error.code()).isEqualTo("EntityTooLarge");
            assertThat(error.getMessage()).contains("the endpoint's proto-max-bulk-len 2000");
            assertThat(configured.maxObjectSize()).isEqualTo(2000 - 45);
            assertThat(defaulted.maxObjectSize()).isEqualTo((512L << 20) - 45);
            assertThat(store.maxObjectSize())
                    .as("the server's own, read with CONFIG GET")
                    .isEqualTo((512L << 20) - 45);
        } finally {
            admin.sync().aclDeluser(user);
        }
    }

    /* ?wait=1 on a server with no replica: WAIT 1 answers 0 after its timeout, and the PUT is not acknowledged. */
    @Test
    void aPutThatWaitsForAReplicaNobodyHasIsServiceUnavailable() {
        store.createBucket(bucket).join();
        try (RedisObjectStore waiting = RedisObjectStore.open(URI.create(server.uri() + "?wait=1"), TIMEOUT)) {
            ObjectStoreException error = s3Error(waiting.putObject(bucket, "k", new byte[] {1}));

            assertThat(error.code()).isEqualTo("ServiceUnavailable");
            assertThat(error.getMessage()).contains("0 of 1 replicas");
        }
        store.deleteObject(bucket, "k").join();
    }

    @Test
    void theDescriptionNamesLettuceAndItsVersion() {
        assertThat(store.description()).isEqualTo("lite client's Redis facade (Lettuce 7.7.0)");
        assertThat(store.endpoint()).isEqualTo(server.endpoint());
    }

    private static URI asUser(String user, String password) {
        return URI.create("redis://" + user + ":" + password + "@127.0.0.1:" + server.port());
    }
}
