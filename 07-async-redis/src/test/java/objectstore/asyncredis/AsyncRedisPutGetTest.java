package objectstore.asyncredis;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import objectstore.harness.Chapter;
import objectstore.testing.ChapterContract;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.TestStores;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Chapter 07 against a real redis-server: batches and windows, auto and manual flush; no key left behind. */
@Tag("redis")
class AsyncRedisPutGetTest extends ChapterContract {

    @Override
    protected Chapter chapter() {
        return AsyncRedisPutGet.CHAPTER;
    }

    @Test
    void everyLoopRunsOnBothConnectionsAndNamesTheServer() throws Exception {
        JsonNode results = verifiedRun(300, "--concurrency", "40", "--rounds", "1", "--warmup", "50");

        assertThat(phases(results))
                .containsExactly(
                        "put_object (batches)",
                        "get_object (batches)",
                        "put_object (window)",
                        "get_object (window)",
                        "put_object (batches, manual flush)",
                        "get_object (batches, manual flush)",
                        "put_object (window, manual flush)",
                        "get_object (window, manual flush)",
                        "put_then_get (batches)");
        assertThat(results.path("store").path("product").asText())
                .isEqualTo(TestStores.redis().product());
        assertThat(ExperimentRuns.redisKeysMatching("async-redis/*"))
                .as("keys left under async-redis/")
                .isEmpty();
    }

    @Test
    void connectionsAddTheWindowOverTwoAndFourConnections() throws Exception {
        JsonNode results =
                verifiedRun(200, "--concurrency", "40", "--rounds", "1", "--warmup", "50", "--connections", "1,2,4");

        assertThat(phases(results))
                .endsWith(
                        "put_then_get (batches)",
                        "put_object (window, 2 connections)",
                        "get_object (window, 2 connections)",
                        "put_object (window, 4 connections)",
                        "get_object (window, 4 connections)");
        assertThat(results.path("client").asText()).contains("windows over [1, 2, 4] connections");
        assertThat(results.path("settings").path("options").path("connections").asText())
                .isEqualTo("1,2,4");
    }

    /* --store cluster: a cluster of the run's own; Lettuce's cluster client, auto and manual flush. */
    @Test
    void onAnEmbeddedClusterEveryLoopAndBothFlushesSpreadKeysOverEveryMaster() throws Exception {
        ExperimentRuns.assertVerifiedOnCluster(
                chapter(), temp, 600, "--store", "cluster", "--concurrency", "40", "--rounds", "1", "--warmup", "50");
    }
}
