package objectstore.litehttp;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import objectstore.harness.Experiment;
import objectstore.testing.ExperimentRuns;
import objectstore.testing.ExperimentRuns.Outcome;

class LiteHttpS3PutGetTest {

    @TempDir
    Path temp;

    Outcome run(Map<String, String> env, String... args) {
        return ExperimentRuns.run("05-lite-http-s3", Experiment.Kind.S3, LiteHttpS3PutGet.DEFAULTS, List.of(), LiteHttpS3PutGet::measure, env, args);
    }

    @Test
    void everyObjectIsVerifiedAndNothingIsLeftBehind() throws Exception {
        Path json = temp.resolve("r.json");
        Outcome outcome = run(ExperimentRuns.externalS3Env(temp), "--iterations", "60", "--concurrency", "8", "--rounds", "2", "--warmup", "10",
                "--json", json.toString());

        assertThat(outcome.exitCode()).as(outcome.out() + outcome.err()).isZero();
        assertThat(outcome.out()).contains("store: external");
        ExperimentRuns.assertVerifiedResults(json, "05-lite-http-s3", 60);
        ExperimentRuns.assertBucketGone("lite-http-s3");
    }

    @Test
    void badInputIsOneClearLine() {
        run(ExperimentRuns.externalS3Env(temp), "--iterations", "0").failedWithOneLine();
        run(ExperimentRuns.externalS3Env(temp), "--no-such-option", "1").failedWithOneLine();
    }
}
