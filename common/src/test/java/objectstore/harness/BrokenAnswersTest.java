package objectstore.harness;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import objectstore.lite.LiteS3Client;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.store.ObjectStore;
import objectstore.store.StoreUnavailableException;
import objectstore.testing.FaultProxy;
import objectstore.testing.FaultProxy.CutShort;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Test;

/** Answers that break half-way are counted as errors by the harness, never as verified objects. */
class BrokenAnswersTest {

    @Test
    void aBodyCutShortByAResetIsAnErrorNeverAVerifiedObject() throws Exception {
        EmbeddedS3Proxy store = TestStores.s3();
        TestObject object = TestObjects.make(1, 5000, 7).getFirst();
        try (FaultProxy proxy = FaultProxy.start(store.endpoint(), (hit, method, path) -> new CutShort(5000, 1000));
                ObjectStore client = LiteS3Client.of(TestStores.s3At(proxy.endpoint()))) {
            Recorder recorder = new Recorder();
            recorder.getAsync(object, () -> client.getObject("cut-short", object.key()))
                    .join();

            assertThat(recorder.verified()).isZero();
            assertThat(recorder.errors()).isEqualTo(1);
            assertThat(recorder.failures().getFirst()).contains(StoreUnavailableException.class.getSimpleName());
            // Bytes of an answer had arrived: the request is not sent again.
            assertThat(proxy.hits()).isEqualTo(1);
        }
    }

    @Test
    void tenCallsInARowToADeadStoreEndThePhaseWithoutWaitingForTheRest() throws Exception {
        URI closed = TestStores.closedHttpEndpoint();
        List<TestObject> objects = TestObjects.make(500, 10, 3);
        try (ObjectStore client = LiteS3Client.of(TestStores.s3At(closed))) {
            Recorder recorder = new Recorder();
            long start = System.nanoTime();
            for (TestObject o : objects) {
                recorder.putAsync(o, () -> client.putObject("dead-store", o.key(), o.data()))
                        .join();
            }
            long seconds = (System.nanoTime() - start) / 1_000_000_000;

            assertThat(recorder.errors()).isEqualTo(500);
            assertThat(recorder.verified()).isZero();
            assertThat(recorder.storeLost()).contains("cannot connect to " + closed);
            assertThat(client.retries()).as("retries before giving up").isEqualTo(2L * Recorder.GIVE_UP_AFTER);
            assertThat(seconds).isLessThan(15);
        }
    }
}
