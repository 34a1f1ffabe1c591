package objectstore.blockingredis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import objectstore.harness.Chapter;
import objectstore.testing.ChapterContract;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Chapter 06 against a real redis-server: one at a time, then pipelined; no key left behind. */
@Tag("redis")
class BlockingRedisPutGetTest extends ChapterContract {

    @Override
    protected Chapter chapter() {
        return BlockingRedisPutGet.CHAPTER;
    }

    @Test
    void pipelinedPhasesFollowTheOneAtATimeOnesAndNameTheServer() throws Exception {
        JsonNode results = verifiedRun(300, "--rounds", "1", "--warmup", "50", "--pipeline", "100");

        assertThat(phases(results))
                .containsExactly(
                        "put_object", "get_object", "put_then_get", "put_object (pipelined)", "get_object (pipelined)");
        assertThat(results.path("store").path("product").asText())
                .isEqualTo(TestStores.redis().product());
        assertThat(results.path("store").path("endpoint").asText())
                .isEqualTo(TestStores.redis().endpoint());
        assertThat(ExperimentRuns.redisKeysMatching("blocking-redis/*"))
                .as("keys left under blocking-redis/")
                .isEmpty();
    }

    @Test
    void aPipelineOfAnotherSizeIsOneClearLine() {
        assertThat(ExperimentRuns.run(chapter(), store(), "--pipeline", "7")
                        .failedWithOneLine()
                        .err())
                .contains("--pipeline must be off, 10, 100 or 1000, not '7'");
    }

    /* On the shared cluster (a REDIS_URL whose server says cluster_enabled:1): RedisClusterClient, ClusterPipeline. */
    @Test
    void onAClusterTheClusterClientAndClusterPipelinesSpreadKeysOverEveryMaster() throws Exception {
        ExperimentRuns.assertVerifiedOnCluster(
                chapter(), temp, 600, "--rounds", "1", "--warmup", "50", "--pipeline", "10");
    }
}
