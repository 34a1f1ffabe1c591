package objectstore.sdkasync;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import objectstore.testing.ExperimentRuns;

class SdkAsyncS3PutGetTest {

    @TempDir
    Path temp;

    Map<String, String> store() {
        return ExperimentRuns.externalS3Env(temp);
    }

    @Test
    void everyObjectIsVerifiedAndNothingIsLeftBehind() throws Exception {
        ExperimentRuns.assertVerifiedEndToEnd(SdkAsyncS3PutGet.CHAPTER, temp, store(), 60, "--concurrency", "8", "--rounds", "2", "--warmup", "10");
    }

    @Test
    void badInputIsOneClearLine() {
        ExperimentRuns.run(SdkAsyncS3PutGet.CHAPTER, store(), "--iterations", "0").failedWithOneLine();
        ExperimentRuns.run(SdkAsyncS3PutGet.CHAPTER, store(), "--no-such-option", "1").failedWithOneLine();
    }
}
