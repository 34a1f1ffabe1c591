package objectstore.blockingredis;

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

/** Chapter 06 end to end against a real redis-server: every object verified, nothing left behind, bad input refused. */
@Tag("redis")
class BlockingRedisPutGetTest {

    private static final String EXPERIMENT = BlockingRedisPutGet.CHAPTER.name();

    @Test
    void putsAndGetsEveryObjectOneAtATimeAndPipelinedThenLeavesNoKeys(@TempDir Path dir) throws Exception {
        EmbeddedRedis redis = TestStores.redis();
        long keysBefore = ExperimentRuns.redisDbSize();
        Path json = dir.resolve("r.json");

        Outcome outcome = run(Map.of("REDIS_URL", redis.uri().toString()),
                "--iterations", "300", "--rounds", "1", "--warmup", "50", "--pipeline", "100", "--json", json.toString());

        assertThat(outcome.exitCode()).as("exit code; out=%s err=%s", outcome.out(), outcome.err()).isZero();
        JsonNode results = ExperimentRuns.assertVerifiedResults(json, EXPERIMENT, 300);
        assertThat(results.path("store").path("kind").asText()).isEqualTo("external");
        assertThat(results.path("store").path("endpoint").asText()).isEqualTo(redis.endpoint());
        List<String> ops = new ArrayList<>();
        results.path("phases").forEach(p -> ops.add(p.path("op").asText()));
        assertThat(ops).containsExactly("put_object", "get_object", "put_then_get", "put_object (pipelined)", "get_object (pipelined)");
        assertThat(outcome.out()).contains("store: external " + redis.product() + " at " + redis.endpoint());
        assertThat(outcome.out() + outcome.err()).doesNotContain(redis.password());

        assertThat(ExperimentRuns.redisKeysMatching("blocking-redis/*")).as("keys left under blocking-redis/").isEmpty();
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
        assertThat(run(Map.of("REDIS_URL", TestStores.redis().uri().toString()), "--pipeline", "7").failedWithOneLine().err())
                .contains("--pipeline must be one of off, 10, 100, 1000");
    }

    @Test
    void namesTheEndpointInOneLineWhenNoRedisAnswers() {
        Outcome outcome = run(Map.of("REDIS_URL", TestStores.redis().uri().toString()),
                "--redis", "redis://127.0.0.1:1", "--iterations", "10").failedWithOneLine();
        assertThat(outcome.err()).contains("redis://127.0.0.1:1");
        assertThat(outcome.out() + outcome.err()).doesNotContain(TestStores.redis().password());
    }

    private static Outcome run(Map<String, String> env, String... args) {
        return ExperimentRuns.run(BlockingRedisPutGet.CHAPTER, env, args);
    }
}
