package objectstore.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import objectstore.lite.LiteS3Client;
import objectstore.redis.RedisObjectStore;
import objectstore.sdk.SdkObjectStore;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** ListBuckets on each implementation of the API: the buckets it holds, by name, in order. */
class ListBucketsTest {

    static String name(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Makes two buckets, checks both are listed in order, removes one, checks it is gone. */
    static void listsWhatItHolds(ObjectStore store, String prefix) {
        String first = name(prefix + "-a");
        String second = name(prefix + "-b");
        store.createBucket(second).join();
        store.createBucket(first).join();
        List<String> names = store.listBuckets().join();
        assertThat(names).isSorted().contains(first, second);
        assertThat(names.indexOf(first)).isLessThan(names.indexOf(second));
        store.deleteBucket(second).join();
        assertThat(store.listBuckets().join()).contains(first).doesNotContain(second);
        store.deleteBucket(first).join();
    }

    @Test
    void theLiteClient() {
        try (LiteS3Client store = LiteS3Client.of(TestStores.s3().target())) {
            listsWhatItHolds(store, "list-lite");
        }
    }

    @Test
    void theSdkAdapter() {
        try (SdkObjectStore store = SdkObjectStore.open(TestStores.s3().target(), 4)) {
            listsWhatItHolds(store, "list-sdk");
        }
    }

    @Test
    @Tag("redis")
    void theRedisFacade() {
        try (RedisObjectStore store = RedisObjectStore.open(TestStores.redis().uri(), Duration.ofSeconds(10))) {
            listsWhatItHolds(store, "list-redis");
        }
    }
}
