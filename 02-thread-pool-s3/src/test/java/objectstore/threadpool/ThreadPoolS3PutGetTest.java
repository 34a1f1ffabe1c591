package objectstore.threadpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import objectstore.harness.Experiment;
import objectstore.testing.ExperimentRuns;

class ThreadPoolS3PutGetTest {

    static final ExperimentRuns.Chapter CHAPTER = new ExperimentRuns.Chapter("02-thread-pool-s3", Experiment.Kind.S3,
            ThreadPoolS3PutGet.DEFAULTS, ThreadPoolS3PutGet.EXTRAS, ThreadPoolS3PutGet::measure);

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
    void virtualThreadsRunTheSamePhases() throws Exception {
        assertThat(CHAPTER.assertVerifiedEndToEnd(temp, store(), 40, "--threads", "virtual", "--concurrency", "8", "--rounds", "1",
                "--warmup", "0").path("settings").path("options").path("threads").asText()).isEqualTo("virtual");
    }

    @Test
    void badInputIsOneClearLine() {
        CHAPTER.run(store(), "--iterations", "0").failedWithOneLine();
        CHAPTER.run(store(), "--no-such-option", "1").failedWithOneLine();
        CHAPTER.run(store(), "--threads", "green").failedWithOneLine();
    }
}
