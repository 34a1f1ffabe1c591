package objectstore.literedis;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import objectstore.harness.Experiment;
import objectstore.testing.ExperimentRuns;

@Tag("redis")
class LiteOverRedisPutGetTest {

    static final ExperimentRuns.Chapter CHAPTER = new ExperimentRuns.Chapter("08-lite-over-redis", Experiment.Kind.REDIS_OBJECTS,
            LiteOverRedisPutGet.DEFAULTS, List.of(), objectstore.litehttp.LiteHttpS3PutGet::measure);

    @TempDir
    Path temp;

    Map<String, String> store() {
        return ExperimentRuns.redisEnv(temp);
    }

    @Test
    void everyObjectIsVerifiedAndNothingIsLeftBehind() throws Exception {
        CHAPTER.assertVerifiedEndToEnd(temp, store(), 60, "--concurrency", "8", "--rounds", "2", "--warmup", "10");
    }

    @Test
    void badInputIsOneClearLine() {
        CHAPTER.run(store(), "--iterations", "0").failedWithOneLine();
        CHAPTER.run(store(), "--no-such-option", "1").failedWithOneLine();
    }
}
