package objectstore.lite;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.store.ObjectInfo;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Test;

/**
 * A burst of requests on a cold client opens its connections a few at a time: never a flood of handshakes that a
 * server's accept queue (50 on the embedded S3Proxy's Jetty) would drop. Against the real S3Proxy, signatures checked.
 */
class ConnectionPacingTest {

    private static final int BURST = 200;

    @Test
    void aBurstOnAColdClientOpensItsConnectionsAFewAtATime() {
        EmbeddedS3Proxy store = TestStores.s3();
        String bucket = "pacing-" + UUID.randomUUID().toString().substring(0, 12);
        try (LiteS3Client client =
                LiteS3Client.open(store.target(), LiteSettings.defaults().withMaxInFlight(BURST))) {
            client.createBucket(bucket).join();
            byte[] data = new byte[5_000];

            burst(client, bucket, data);
            assertThat(client.mostConnectionsOpening()).isBetween(1, ConnectionPacing.OPENING_AT_ONCE);
            assertThat(client.connectionsOpened()).isBetween(1L, (long) BURST + 1);

            // Warm, the pool grows only as a burst needs it, still a few connections at a time, never past the burst.
            burst(client, bucket, data);
            assertThat(client.mostConnectionsOpening()).isLessThanOrEqualTo(ConnectionPacing.OPENING_AT_ONCE);
            assertThat(client.connectionsOpened()).isLessThanOrEqualTo((long) BURST + 1);

            List<String> keys = new ArrayList<>();
            for (int i = 0; i < BURST; i++) {
                keys.add("k" + i);
            }
            assertThat(client.deleteObjects(bucket, keys).join()).isEmpty();
            client.deleteBucket(bucket).join();
        }
    }

    /** BURST PUTs at once, each checked by a HEAD of the same key. */
    private static void burst(LiteS3Client client, String bucket, byte[] data) {
        List<CompletableFuture<String>> puts = new ArrayList<>();
        for (int i = 0; i < BURST; i++) {
            puts.add(client.putObject(bucket, "k" + i, data));
        }
        CompletableFuture.allOf(puts.toArray(CompletableFuture[]::new)).join();
        ObjectInfo last = client.headObject(bucket, "k" + (BURST - 1)).join();
        assertThat(last.size()).isEqualTo(data.length);
    }
}
