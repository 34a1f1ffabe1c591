package objectstore.literedis;

import objectstore.harness.Chapter;
import objectstore.testing.ChapterContract;
import objectstore.testing.ExperimentRuns;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("redis")
class LiteOverRedisPutGetTest extends ChapterContract {

    @Override
    protected Chapter chapter() {
        return LiteOverRedisPutGet.CHAPTER;
    }

    /* On the shared cluster: the facade's partitions put a share of the one bucket on every master. */
    @Test
    void onAClusterTheFacadeSpreadsOneBucketOverEveryMaster() throws Exception {
        ExperimentRuns.assertVerifiedOnCluster(
                chapter(), temp, 600, "--concurrency", "40", "--rounds", "1", "--warmup", "50");
    }
}
