package objectstore.threadpool;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import objectstore.testing.ExperimentRuns;

class ThreadPoolS3PutGetTest {

    @TempDir
    Path temp;

    Map<String, String> store() {
        return ExperimentRuns.externalS3Env(temp);
    }

    @Test
    void everyObjectIsVerifiedAndNothingIsLeftBehind() throws Exception {
        ExperimentRuns.assertVerifiedEndToEnd(ThreadPoolS3PutGet.CHAPTER, temp, store(), 60, "--concurrency", "8", "--rounds", "2", "--warmup", "10");
    }

    @Test
    void virtualThreadsRunTheSamePhases() throws Exception {
        assertThat(ExperimentRuns.assertVerifiedEndToEnd(ThreadPoolS3PutGet.CHAPTER, temp, store(), 40, "--threads", "virtual", "--concurrency", "8", "--rounds", "1",
                "--warmup", "0").path("settings").path("options").path("threads").asText()).isEqualTo("virtual");
    }

    @Test
    void badInputIsOneClearLine() {
        ExperimentRuns.run(ThreadPoolS3PutGet.CHAPTER, store(), "--iterations", "0").failedWithOneLine();
        ExperimentRuns.run(ThreadPoolS3PutGet.CHAPTER, store(), "--no-such-option", "1").failedWithOneLine();
        ExperimentRuns.run(ThreadPoolS3PutGet.CHAPTER, store(), "--threads", "green").failedWithOneLine();
    }
}
