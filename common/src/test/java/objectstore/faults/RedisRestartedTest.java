package objectstore.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.redis.RedisObjectStore;
import objectstore.store.ObjectStoreException;
import objectstore.store.StoreUnavailableException;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * redis-server killed under the lite client's Redis facade, then started again on the same port: calls during the
 * outage fail at once and name the endpoint; after the restart Lettuce reconnects by itself and the same facade works
 * again. The embedded Redis keeps nothing on disk, so what it held is gone, and the facade says so (NoSuchBucket)
 * instead of answering wrongly.
 */
@Tag("redis")
class RedisRestartedTest {

    @Test
    void callsFailDuringTheOutageAndTheFacadeReconnectsAfterIt() throws Exception {
        try (EmbeddedRedis redis = TestStores.startRedis(Path.of("target", "fault-stores"));
                RedisObjectStore store = RedisObjectStore.open(redis.uri(), Duration.ofSeconds(5))) {
            byte[] data = "before the outage".getBytes(StandardCharsets.UTF_8);
            store.createBucket("outage").join();
            store.putObject("outage", "k", data).join();

            // 1. Kill the server (the shell that watches it, and the server itself).
            for (long pid : redis.pids()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            Thread.sleep(300);

            // 2. During the outage a call fails at once, naming the endpoint without the password.
            long start = System.nanoTime();
            Throwable failure = failure(store.getObject("outage", "k"));
            assertThat((System.nanoTime() - start) / 1_000_000)
                    .as("milliseconds to fail")
                    .isLessThan(5_000);
            assertThat(failure)
                    .isInstanceOf(StoreUnavailableException.class)
                    .hasMessageContaining(redis.endpoint())
                    .hasMessageNotContaining(redis.password());

            // 3. Same port and password again: Lettuce reconnects on its own, and the facade answers again.
            redis.restart();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(40);
            Throwable answer;
            do {
                Thread.sleep(200);
                answer = failure(store.getObject("outage", "k"));
            } while (answer instanceof StoreUnavailableException && System.nanoTime() < deadline);
            assertThat(answer).as("the answer after the restart").isInstanceOf(ObjectStoreException.class);
            assertThat(((ObjectStoreException) answer).code()).isEqualTo("NoSuchBucket");
            store.createBucket("outage").get(5, TimeUnit.SECONDS);
            store.putObject("outage", "k", data).get(5, TimeUnit.SECONDS);
            assertThat(store.getObject("outage", "k").get(5, TimeUnit.SECONDS)).isEqualTo(data);
        }
    }

    static Throwable failure(CompletableFuture<?> future) throws InterruptedException {
        try {
            future.get(30, TimeUnit.SECONDS);
            return null;
        } catch (java.util.concurrent.ExecutionException e) {
            return e.getCause();
        } catch (java.util.concurrent.TimeoutException e) {
            return e;
        }
    }
}
