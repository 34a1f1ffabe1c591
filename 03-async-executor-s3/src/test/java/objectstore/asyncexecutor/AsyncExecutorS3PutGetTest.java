package objectstore.asyncexecutor;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import objectstore.harness.Experiment;
import objectstore.testing.ExperimentRuns;

class AsyncExecutorS3PutGetTest {

    static final ExperimentRuns.Chapter CHAPTER = new ExperimentRuns.Chapter("03-async-executor-s3", Experiment.Kind.S3,
            AsyncExecutorS3PutGet.DEFAULTS, List.of(), AsyncExecutorS3PutGet::measure);

    @TempDir
    Path temp;

    Map<String, String> store() {
        return ExperimentRuns.externalS3Env(temp);
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
