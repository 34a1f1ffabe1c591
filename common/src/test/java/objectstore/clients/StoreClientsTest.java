package objectstore.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import objectstore.connection.Target;
import objectstore.lite.LiteSettings;
import objectstore.redis.RedisObjectStore;
import objectstore.store.ObjectStore;
import objectstore.store.S3Names;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * {@link StoreClients#open} on both kinds of endpoint: one set of name rules and one in-flight limit, whichever client
 * the scheme opens.
 */
@Tag("redis")
class StoreClientsTest {

    /** Bucket names S3 refuses: too short, too long, bad characters, bad ends, "..", an IP address. */
    static final List<String> BAD_BUCKETS =
            List.of("ab", "b".repeat(64), "Bad_Bucket", "UPPER", "-leading", "trailing.", "a..b", "192.168.1.1");
    /** Keys S3 refuses: empty, 1,025 UTF-8 bytes, half a surrogate pair. */
    static final List<String> BAD_KEYS = List.of("", "é".repeat(512) + "x", "half\uD83Dof-a-pair");

    @Test
    void theSameBadNamesAreRefusedInTheSameWordsOnS3AndOnRedis() {
        LiteSettings settings = LiteSettings.defaults();
        String bucket = "names-" + UUID.randomUUID().toString().substring(0, 8);
        try (ObjectStore s3 = StoreClients.open(TestStores.s3().target(), settings);
                ObjectStore redis =
                        StoreClients.open(Target.redis(TestStores.redis().uri()), settings)) {
            for (String bad : BAD_BUCKETS) {
                Throwable onS3 = failure(s3.createBucket(bad));
                Throwable onRedis = failure(redis.createBucket(bad));
                assertThat(onS3)
                        .as(bad)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(S3Names.bucketProblem(bad));
                assertThat(onRedis)
                        .as(bad)
                        .isInstanceOf(IllegalArgumentException.class)
                        .hasMessage(onS3.getMessage());
            }
            for (String bad : BAD_KEYS) {
                Throwable onS3 = failure(s3.putObject(bucket, bad, new byte[1]));
                Throwable onRedis = failure(redis.putObject(bucket, bad, new byte[1]));
                assertThat(onS3).isInstanceOf(IllegalArgumentException.class).hasMessage(S3Names.keyProblem(bad));
                assertThat(onRedis).isInstanceOf(IllegalArgumentException.class).hasMessage(onS3.getMessage());
            }
            assertThat(failure(redis.createBucket("a..b")))
                    .hasMessage("invalid bucket name 'a..b': it must not contain '..'");
        }
    }

    @Test
    void theLimitOnRequestsInFlightReachesTheRedisFacade() {
        try (ObjectStore redis = StoreClients.open(
                Target.redis(TestStores.redis().uri()), LiteSettings.defaults().withMaxInFlight(3))) {
            assertThat(redis).isInstanceOf(RedisObjectStore.class);
            assertThat(((RedisObjectStore) redis).maxInFlight()).isEqualTo(3);
        }
    }

    static Throwable failure(CompletableFuture<?> future) {
        Throwable thrown = catchThrowable(future::join);
        assertThat(thrown).isInstanceOf(CompletionException.class);
        return thrown.getCause();
    }
}
