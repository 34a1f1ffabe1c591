package objectstore.literedis;

import static org.assertj.core.api.Assertions.assertThat;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import objectstore.provisioning.EmbeddedRedis;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.ExperimentRuns.Outcome;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Chapter 08 when its redis-server is killed half-way. */
@Tag("redis")
class LiteOverRedisFaultsTest {

    @TempDir
    Path temp;

    Outcome run(Map<String, String> env, String... args) {
        return ExperimentRuns.run(LiteOverRedisPutGet.CHAPTER, env, args);
    }

    @Test
    void aRedisKilledMidRunEndsTheRunQuicklyWithTheCounts() throws Exception {
        try (EmbeddedRedis redis = TestStores.startRedis(Path.of("target", "fault-stores"))) {
            Map<String, String> env = Map.of("REDIS_URL", redis.uri().toString(), "HOME", temp.toString());
            CompletableFuture<Outcome> running = CompletableFuture.supplyAsync(() -> run(
                    env,
                    "--iterations",
                    "50000",
                    "--size",
                    "1000",
                    "--concurrency",
                    "16",
                    "--rounds",
                    "1",
                    "--warmup",
                    "0"));

            // Kill redis-server once it holds 500 keys.
            RedisClient watcher = RedisClient.create(redis.uri().toString());
            try (StatefulRedisConnection<String, String> connection = watcher.connect()) {
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
                while (connection.sync().dbsize() < 500 && !running.isDone() && System.nanoTime() < deadline) {
                    Thread.sleep(20);
                }
            } finally {
                watcher.shutdown();
            }
            assertThat(running)
                    .as("the run was still going when Redis was killed")
                    .isNotDone();
            for (long pid : redis.pids()) {
                ProcessHandle.of(pid).ifPresent(ProcessHandle::destroyForcibly);
            }
            long killed = System.nanoTime();

            Outcome outcome = running.get(60, TimeUnit.SECONDS);
            assertThat((System.nanoTime() - killed) / 1_000_000_000)
                    .as("seconds from the kill to the end of the run")
                    .isLessThan(30);
            outcome.failedWithOneLine();
            assertThat(outcome.err())
                    .contains("the store at " + redis.endpoint() + " stopped answering")
                    .contains("operations verified")
                    .contains(redis.endpoint())
                    .doesNotContain(redis.password());
            assertThat(outcome.out()).doesNotContain(redis.password());
        }
    }
}
