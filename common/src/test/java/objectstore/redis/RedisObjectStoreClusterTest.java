package objectstore.redis;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import java.util.zip.CRC32;
import objectstore.provisioning.RedisKeys;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * The Redis facade on an embedded Redis Cluster of three masters: the contract ({@link RedisFacadeContract}), and what
 * only a cluster shows: one bucket's objects on every master, the partitioned layout, and DeleteBucket across
 * partitions.
 */
class RedisObjectStoreClusterTest extends RedisFacadeContract {

    @Override
    URI uri() {
        return TestStores.cluster().uri();
    }

    @Override
    String tag(String bucket) {
        return "{" + bucket + ":*}";
    }

    @Test
    void oneBucketsObjectsSpreadOverEveryMaster() {
        store.createBucket(bucket).join();
        putKeys(3000);

        List<Long> perMaster = RedisKeys.countPerMaster(uri(), RedisObjectStore.objectKeyPattern(bucket));

        assertThat(store.cluster()).isTrue();
        assertThat(perMaster).hasSize(3).allSatisfy(count -> assertThat(count).isBetween(600L, 1400L));
        assertThat(perMaster.stream().mapToLong(Long::longValue).sum()).isEqualTo(3000);
    }

    /* Each object lives in partition CRC32(key) mod 64, beside that partition's index and marker: one hash tag,
     * one slot. */
    @Test
    void anObjectItsIndexEntryAndItsBucketCheckShareOneHashTag() {
        store.createBucket(bucket).join();
        store.putObject(bucket, "k", new byte[] {1}).join();
        CRC32 crc = new CRC32();
        crc.update("k".getBytes(StandardCharsets.UTF_8));
        String tag = "{" + bucket + ":" + crc.getValue() % RedisObjectStore.CLUSTER_PARTITIONS + "}";

        assertThat(keys("s3:o:" + tag(bucket) + "/*")).containsExactly("s3:o:" + tag + "/k");
        assertThat(keys("s3:b:{" + bucket + ":*}")).hasSize(RedisObjectStore.CLUSTER_PARTITIONS);
        assertThat(keys("s3:i:{" + bucket + ":*}")).containsExactly("s3:i:" + tag);
        assertThat(registered(bucket)).isTrue();
    }

    /*
     * DeleteBucket with one object left in one partition: every other partition removes its marker, then
     * puts it back; the answer is BucketNotEmpty, and afterwards every partition takes PUTs again.
     */
    @Test
    void aBucketWithOneObjectLeftKeepsEveryPartitionsMarker() {
        store.createBucket(bucket).join();
        store.putObject(bucket, "last", new byte[] {1}).join();

        assertThat(s3Error(store.deleteBucket(bucket)).code()).isEqualTo("BucketNotEmpty");

        assertThat(keys("s3:b:{" + bucket + ":*}")).hasSize(RedisObjectStore.CLUSTER_PARTITIONS);
        List<CompletableFuture<String>> puts = IntStream.range(0, 500)
                .mapToObj(i -> store.putObject(bucket, "after/" + i, new byte[] {2}))
                .toList();
        puts.forEach(CompletableFuture::join);
        assertThat(listAll("", 1000)).hasSize(501);
        store.deleteObjects(bucket, listAll("", 1000)).join();
        store.deleteBucket(bucket).join();
        assertThat(keys("s3:b:{" + bucket + ":*}")).isEmpty();
        assertThat(registered(bucket)).isFalse();
    }

    /*
     * The listing asks each partition for about twice its share of a page. Keys that all fall in one
     * partition (found here by their CRC32) make that share far too small: the listing must ask that
     * partition again, and still return full pages, exact and in order.
     */
    @Test
    void keysThatAllFallInOnePartitionStillListInFullPagesInOrder() {
        store.createBucket(bucket).join();
        List<String> keys = new java.util.ArrayList<>();
        for (int i = 0; keys.size() < 120; i++) {
            String key = String.format("same/%06d", i);
            CRC32 crc = new CRC32();
            crc.update(key.getBytes(StandardCharsets.UTF_8));
            if (crc.getValue() % RedisObjectStore.CLUSTER_PARTITIONS == 5) {
                keys.add(key);
            }
        }
        keys.forEach(key -> store.putObject(bucket, key, new byte[] {3}).join());
        store.putObject(bucket, "zzz-elsewhere", new byte[] {4}).join();

        objectstore.store.ListPage first =
                store.listObjects(bucket, "same/", null, 50).join();
        assertThat(keysOf(first)).containsExactlyElementsOf(keys.subList(0, 50));
        assertThat(first.truncated()).isTrue();
        assertThat(listAll("same/", 50)).containsExactlyElementsOf(keys);
        assertThat(listAll("", 1000)).hasSize(121).endsWith("zzz-elsewhere");
    }

    /*
     * Closing while a topology refresh waits on the masters (held by CLIENT PAUSE): the refresh finishes
     * before the event loops go, and nothing is logged. A refresh that meets them shut down logs a stack
     * trace ("executor not accepting a task").
     */
    @Test
    void aFacadeClosedWhileItsTopologyIsBeingRefreshedLogsNothing() throws Exception {
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        Logger lettuce = (Logger) LoggerFactory.getLogger("io.lettuce");
        lettuce.addAppender(logged);
        try {
            RedisObjectStore closing = RedisObjectStore.open(uri(), TIMEOUT);
            onEveryMaster(node -> node.clientPause(1_500));
            sleep(1_200); // the refresh that runs every second is now waiting for the masters' answers
            closing.close();
        } finally {
            lettuce.detachAppender(logged);
        }

        assertThat(logged.list)
                .filteredOn(event -> event.getLevel().isGreaterOrEqual(Level.WARN))
                .extracting(ILoggingEvent::getFormattedMessage)
                .isEmpty();
    }

    /** Whether the registry, on whichever master holds it, names the bucket. */
    private boolean registered(String bucket) {
        return onEveryMaster(node -> !keysOn(node, "s3:buckets").isEmpty() && node.sismember("s3:buckets", bucket))
                .contains(true);
    }

    @Test
    void theDescriptionSaysCluster() {
        assertThat(store.description())
                .isEqualTo("lite client's Redis facade (Lettuce 7.7.0, Redis Cluster, 64 partitions a bucket)");
        assertThat(store.endpoint()).isEqualTo(TestStores.cluster().endpoint() + " (cluster)");
    }
}
