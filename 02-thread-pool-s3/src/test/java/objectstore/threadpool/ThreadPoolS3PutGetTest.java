package objectstore.threadpool;

import static org.assertj.core.api.Assertions.assertThat;

import objectstore.harness.Chapter;
import objectstore.testing.ChapterContract;
import objectstore.testing.ExperimentRuns;
import org.junit.jupiter.api.Test;

class ThreadPoolS3PutGetTest extends ChapterContract {

    @Override
    protected Chapter chapter() {
        return ThreadPoolS3PutGet.CHAPTER;
    }

    @Test
    void virtualThreadsRunTheSamePhases() throws Exception {
        assertThat(verifiedRun(40, "--threads", "virtual", "--concurrency", "8", "--rounds", "1", "--warmup", "0")
                        .path("settings")
                        .path("options")
                        .path("threads")
                        .asText())
                .isEqualTo("virtual");
    }

    @Test
    void anUnknownKindOfThreadIsOneClearLine() {
        ExperimentRuns.run(chapter(), store(), "--threads", "green").failedWithOneLine();
    }
}
