package objectstore.literedis;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import objectstore.testing.ExperimentRuns;

@Tag("redis")
class LiteOverRedisPutGetTest {

    @TempDir
    Path temp;

    Map<String, String> store() {
        return ExperimentRuns.redisEnv(temp);
    }

    @Test
    void everyObjectIsVerifiedAndNothingIsLeftBehind() throws Exception {
        ExperimentRuns.assertVerifiedEndToEnd(LiteOverRedisPutGet.CHAPTER, temp, store(), 60, "--concurrency", "8", "--rounds", "2", "--warmup", "10");
    }

    @Test
    void badInputIsOneClearLine() {
        ExperimentRuns.run(LiteOverRedisPutGet.CHAPTER, store(), "--iterations", "0").failedWithOneLine();
        ExperimentRuns.run(LiteOverRedisPutGet.CHAPTER, store(), "--no-such-option", "1").failedWithOneLine();
    }
}
