package objectstore.asyncredis;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;


import objectstore.provisioning.EmbeddedRedis;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.ExperimentRuns.Outcome;
import objectstore.testing.TestStores;

/** Chapter 07 end to end against a real redis-server: every object verified, nothing left behind, bad input refused. */
@Tag("redis")
class AsyncRedisPutGetTest {

    private static final String EXPERIMENT = AsyncRedisPutGet.CHAPTER.name();

    @Test
    void putsAndGetsEveryObjectInBatchesWindowsAndManualFlushesThenLeavesNoKeys(@TempDir Path dir) throws Exception {
        EmbeddedRedis redis = TestStores.redis();
        long keysBefore = ExperimentRuns.redisDbSize();
        Path json = dir.resolve("r.json");

        Outcome outcome = run(Map.of("REDIS_URL", redis.uri().toString()),
                "--iterations", "300", "--concurrency", "40", "--rounds", "1", "--warmup", "50", "--json", json.toString());

        assertThat(outcome.exitCode()).as("exit code; out=%s err=%s", outcome.out(), outcome.err()).isZero();
        JsonNode results = ExperimentRuns.assertVerifiedResults(json, EXPERIMENT, 300);
        assertThat(results.path("store").path("kind").asText()).isEqualTo("external");
        assertThat(results.path("store").path("endpoint").asText()).isEqualTo(redis.endpoint());
        List<String> ops = new ArrayList<>();
        results.path("phases").forEach(p -> ops.add(p.path("op").asText()));
        assertThat(ops).containsExactly("put_object (batches)", "get_object (batches)", "put_object (window)", "get_object (window)",
                "put_object (batches, manual flush)", "get_object (batches, manual flush)",
                "put_object (window, manual flush)", "get_object (window, manual flush)", "put_then_get (batches)");
        assertThat(outcome.out()).contains("store: external " + redis.product() + " at " + redis.endpoint());
        assertThat(outcome.out() + outcome.err()).doesNotContain(redis.password());

        assertThat(ExperimentRuns.redisKeysMatching("async-redis/*")).as("keys left under async-redis/").isEmpty();
        assertThat(ExperimentRuns.redisDbSize()).as("DBSIZE after the run").isEqualTo(keysBefore);
    }

    @Test
    void refusesZeroIterationsInOneLine() {
        Outcome outcome = run(Map.of(), "--iterations", "0").failedWithOneLine();
        assertThat(outcome.err()).startsWith(EXPERIMENT + ": ").contains("--iterations");
    }

    @Test
    void refusesAnUnknownOptionInOneLine() {
        Outcome outcome = run(Map.of(), "--no-such-option", "1").failedWithOneLine();
        assertThat(outcome.err()).contains("--no-such-option");
    }

    @Test
    void namesTheEndpointInOneLineWhenNoRedisAnswers() {
        Outcome outcome = run(Map.of("REDIS_URL", TestStores.redis().uri().toString()),
                "--redis", "redis://127.0.0.1:1", "--iterations", "10").failedWithOneLine();
        assertThat(outcome.err()).contains("redis://127.0.0.1:1");
        assertThat(outcome.out() + outcome.err()).doesNotContain(TestStores.redis().password());
    }

    private static Outcome run(Map<String, String> env, String... args) {
        return ExperimentRuns.run(AsyncRedisPutGet.CHAPTER, env, args);
    }
}
