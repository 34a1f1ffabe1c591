package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;
import objectstore.testing.FaultProxy;
import objectstore.testing.FaultProxy.Fail;
import objectstore.testing.FaultProxy.Forward;
import objectstore.testing.FaultProxy.Stall;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The lite client against a misbehaving store ({@link FaultProxy} in front of S3Proxy): which failures it retries, with
 * what backoff, how it counts them, and how fast it gives up.
 */
class LiteClientFaultsTest {

    static EmbeddedS3Proxy store;
    static String bucket;

    @BeforeAll
    static void bucket() {
        store = TestStores.s3();
        bucket = "faults-" + UUID.randomUUID().toString().substring(0, 8);
        try (LiteS3Client admin = LiteS3Client.of(store.target())) {
            admin.createBucket(bucket).join();
        }
    }

    /** A client for {@code endpoint} with quick retries: 3 attempts, backoff from 10 ms capped at 50 ms. */
    static LiteS3Client client(URI endpoint) {
        return LiteS3Client.open(
                TestStores.s3At(endpoint),
                LiteSettings.defaults().withRetries(3, Duration.ofMillis(10), Duration.ofMillis(50)));
    }

    static Throwable failure(CompletableFuture<?> future) {
        try {
            future.get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            return e.getCause() != null ? e.getCause() : e;
        }
        throw new AssertionError("expected a failure");
    }

    @Test
    void slowDownIsRetriedWithBackoffThenSucceedsAndIsCounted() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(
                        store.endpoint(), (hit, method, path) -> hit <= 2 ? new Fail(503, "SlowDown") : new Forward());
                LiteS3Client client = client(proxy.endpoint())) {
            byte[] data = "after two SlowDowns".getBytes(StandardCharsets.UTF_8);
            client.putObject(bucket, "slow-down", data).get(30, TimeUnit.SECONDS);

            assertThat(proxy.hits()).isEqualTo(3);
            assertThat(client.retries()).isEqualTo(2);
            assertThat(client.getObject(bucket, "slow-down").get(30, TimeUnit.SECONDS))
                    .isEqualTo(data);
        }
    }

    @Test
    void internalErrorOnEveryThirdRequestCostsRetriesNotObjects() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(
                        store.endpoint(),
                        (hit, method, path) -> hit % 3 == 0 ? new Fail(500, "InternalError") : new Forward());
                LiteS3Client client = client(proxy.endpoint())) {
            for (int i = 0; i < 20; i++) {
                byte[] data = ("object " + i).getBytes(StandardCharsets.UTF_8);
                client.putObject(bucket, "every-third/" + i, data).get(30, TimeUnit.SECONDS);
                assertThat(client.getObject(bucket, "every-third/" + i).get(30, TimeUnit.SECONDS))
                        .isEqualTo(data);
            }
            // 40 calls; every third request failed and was sent again.
            assertThat(proxy.hits()).isEqualTo(40 + (int) client.retries());
            assertThat(client.retries()).isEqualTo(proxy.hits() / 3);
        }
    }

    @Test
    void whenEveryAttemptIsSlowDownTheCallFailsWithSlowDown() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(null, (hit, method, path) -> new Fail(503, "SlowDown"));
                LiteS3Client client = client(proxy.endpoint())) {
            Throwable failure = failure(client.getObject(bucket, "never"));

            assertThat(failure).isInstanceOf(ObjectStoreException.class);
            assertThat(((ObjectStoreException) failure).code()).isEqualTo("SlowDown");
            assertThat(((ObjectStoreException) failure).status()).isEqualTo(503);
            assertThat(proxy.hits()).isEqualTo(3);
            assertThat(client.retries()).isEqualTo(2);
        }
    }

    @Test
    void clientErrorsAreNeverRetried() throws Exception {
        for (Fail answer :
                new Fail[] {new Fail(403, "AccessDenied"), new Fail(404, "NoSuchKey"), new Fail(400, "BadRequest")}) {
            try (FaultProxy proxy = FaultProxy.start(null, (hit, method, path) -> answer);
                    LiteS3Client client = client(proxy.endpoint())) {
                Throwable failure = failure(client.putObject(bucket, "denied", new byte[10]));

                assertThat(failure).isInstanceOf(ObjectStoreException.class);
                assertThat(((ObjectStoreException) failure).code()).isEqualTo(answer.code());
                assertThat(proxy.hits())
                        .as("requests for a %d", answer.status())
                        .isEqualTo(1);
                assertThat(client.retries()).isZero();
            }
        }
    }

    @Test
    void aStalledStoreFailsAfterTheReadTimeoutNamingTheEndpoint() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(null, (hit, method, path) -> new Stall());
                LiteS3Client client = LiteS3Client.open(
                        TestStores.s3At(proxy.endpoint()),
                        LiteSettings.defaults()
                                .withTimeouts(
                                        Duration.ofSeconds(2),
                                        LiteSettings.DEFAULT_CONNECT_TIMEOUT,
                                        Duration.ofSeconds(1)))) {
            long start = System.nanoTime();
            Throwable failure = failure(client.getObject(bucket, "stalled"));
            long millis = (System.nanoTime() - start) / 1_000_000;

            assertThat(failure)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(proxy.endpoint().toString())
                    .hasMessageContaining("in time");
            assertThat(millis).as("milliseconds to give up").isBetween(900L, 5_000L);
            // A timeout is not retried: the store may be working on it, and the wait would triple.
            assertThat(proxy.hits()).isEqualTo(1);
        }
    }

    @Test
    void aRefusedConnectionIsRetriedThenNamesTheEndpoint() throws Exception {
        URI closed = TestStores.closedHttpEndpoint();
        try (LiteS3Client client = client(closed)) {
            Throwable failure = failure(client.putObject(bucket, "refused", new byte[10]));

            assertThat(failure)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining("cannot connect to " + closed);
            assertThat(client.retries()).isEqualTo(2);
        }
    }

    @Test
    void fullJitterBackoffDoublesUpToItsCap() {
        RetryPolicy policy =
                new RetryPolicy(LiteSettings.defaults().withRetries(8, Duration.ofMillis(100), Duration.ofSeconds(1)));
        assertThat(policy.backoffCapMillis(1)).isEqualTo(100);
        assertThat(policy.backoffCapMillis(2)).isEqualTo(200);
        assertThat(policy.backoffCapMillis(4)).isEqualTo(800);
        assertThat(policy.backoffCapMillis(5)).isEqualTo(1000);
        assertThat(policy.backoffCapMillis(60)).isEqualTo(1000);
    }

    @Test
    void invalidKeysAndExpiriesAreRejectedBeforeAnyRequest() throws Exception {
        try (FaultProxy proxy = FaultProxy.start(null, (hit, method, path) -> new Fail(500, "InternalError"));
                LiteS3Client client = client(proxy.endpoint())) {
            assertThat(failure(client.putObject(bucket, "half\uD83Dof-a-pair", new byte[1])))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("unpaired surrogate");
            assertThat(failure(client.getObject(bucket, "x".repeat(1025))))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("1,024");
            assertThatThrownBy(() -> client.presign("GET", bucket, "k", 7L * 24 * 3600 + 1))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("7 days");
            assertThat(client.presign("GET", bucket, "k", 7L * 24 * 3600).toString())
                    .contains("X-Amz-Expires=604800");
            assertThat(proxy.hits()).isZero();
        }
    }

    @Test
    void settingsOutOfRangeAreRefused() {
        assertThatThrownBy(() -> LiteSettings.defaults().withRetries(0, Duration.ZERO, Duration.ZERO))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> LiteSettings.defaults()
                        .withTimeouts(Duration.ZERO, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("requestTimeout");
        assertThatThrownBy(() -> LiteSettings.defaults().withRetries(3, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("base <= max");
        assertThatThrownBy(() -> LiteSettings.defaults().withMaxInFlight(0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxInFlight must be at least 1");
        assertThatThrownBy(() -> LiteSettings.defaults().withIoThreads(-1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ioThreads must be 0 (the default) to 256; got -1");
    }
}
