package objectstore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import objectstore.harness.TestObject;
import objectstore.harness.TestObjects;
import objectstore.lite.LiteS3Client;
import objectstore.lite.LiteSettings;
import objectstore.provisioning.Backend;
import objectstore.provisioning.EmbeddedS3Proxy;
import objectstore.store.StoreUnavailableException;
import org.junit.jupiter.api.Test;

/**
 * S3Proxy killed in the middle of a stream of PUTs, then started again on the same folder and port: every PUT the
 * client acknowledged before the kill is still there, byte for byte.
 */
class StoreKilledTest {

    @Test
    void everyAcknowledgedPutSurvivesTheStoreBeingKilledAndRestarted() throws Exception {
        try (EmbeddedS3Proxy store = EmbeddedS3Proxy.start(Backend.DISK, Path.of("target", "fault-stores"));
                LiteS3Client client = LiteS3Client.open(
                        store.target(),
                        LiteSettings.defaults()
                                .withMaxInFlight(16)
                                .withRetries(3, Duration.ofMillis(10), Duration.ofMillis(100)))) {
            client.createBucket("killed").join();
            List<TestObject> objects = TestObjects.make(2_000, 2_000, 11);
            Map<String, TestObject> acknowledged = new ConcurrentHashMap<>();
            List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
            long pid = store.pid();

            // 1. PUTs with 16 in flight; once 200 are acknowledged, another thread kills the server outright.
            Semaphore inFlight = new Semaphore(16);
            long start = System.nanoTime();
            for (TestObject o : objects) {
                inFlight.acquire();
                client.putObject("killed", o.key(), o.data()).whenComplete((eTag, error) -> {
                    if (error == null) {
                        if (acknowledged.size() == 199) {
                            Thread.ofPlatform()
                                    .start(() -> ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly));
                        }
                        acknowledged.put(o.key(), o);
                    } else {
                        failures.add(
                                error instanceof java.util.concurrent.CompletionException ? error.getCause() : error);
                    }
                    inFlight.release();
                });
            }
            assertThat(inFlight.tryAcquire(16, 30, TimeUnit.SECONDS))
                    .as("every PUT ended within 30 s")
                    .isTrue();
            long seconds = (System.nanoTime() - start) / 1_000_000_000;

            assertThat(acknowledged.size()).isGreaterThanOrEqualTo(200);
            assertThat(failures)
                    .isNotEmpty()
                    .allSatisfy(failure -> assertThat(failure)
                            .isInstanceOf(StoreUnavailableException.class)
                            .hasMessageContaining(store.endpoint().toString()));
            assertThat(acknowledged.size() + failures.size()).isEqualTo(objects.size());
            assertThat(seconds).isLessThan(30);

            // 2. The same server, folder, port and keys again: every acknowledged object reads back intact.
            store.restart();
            List<CompletableFuture<Boolean>> reads = acknowledged.values().stream()
                    .map(o -> client.getObject("killed", o.key()).thenApply(o::matches))
                    .toList();
            for (CompletableFuture<Boolean> read : reads) {
                assertThat(read.get(30, TimeUnit.SECONDS)).isTrue();
            }
        }
    }
}
